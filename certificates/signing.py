"""PAdES B-B signatures on certificate PDFs, with a signer loaded once per process, and their checking."""

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

KEY_NAME = "signing-key.pem"
CERT_NAME = "signing-cert.pem"
FIELD_NAME = "Signature"


def signing_dir():
    return Path(settings.CERTIFICATE_SIGNING_DIR)


@functools.lru_cache(maxsize=1)
def get_signer():
    p12 = settings.CERTIFICATE_SIGNING_P12
    if p12:
        password = settings.CERTIFICATE_SIGNING_P12_PASSWORD
        signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=password.encode() if password else None)
    else:
        folder = signing_dir()
        signer = signers.SimpleSigner.load(str(folder / KEY_NAME), str(folder / CERT_NAME))
    signature_room.cache_clear()
    if signer is None:
        raise RuntimeError("Could not load the certificate signing key; run `manage.py init_signing_key`.")
    return signer


@functools.lru_cache(maxsize=1)
def signature_room():
    """
    Bytes (an even number) to reserve for the signature: the certificates it carries, the
    signature value and the signed attributes, with a margin. Saying it up
    front spares pyHanko a trial signature on every PDF.
    """
    signer = get_signer()
    carried = [signer.signing_cert, *signer.cert_registry]
    needed = sum(len(certificate.dump()) for certificate in carried) + 2048
    return needed + needed % 2


def sign_pdf(pdf_bytes):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Chứng chỉ hoàn thành khoá học",
        location=getattr(settings, "SITE_URL", ""),
    )
    output = signers.PdfSigner(metadata, signer=get_signer()).sign_pdf(writer, bytes_reserved=signature_room())
    return output.getvalue()


@dataclass
class SignatureReport:
    """What a PDF's first signature says about the file."""

    signed: bool
    intact: bool = False
    ours: bool = False
    covers_whole_file: bool = False
    signed_length: int = 0


def signature_report(pdf_bytes):
    """
    Check the first signature of an uploaded PDF against our signing
    certificate. ValueError when the bytes cannot be read as a PDF.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as problem:
        raise ValueError("unreadable PDF") from problem
    if not signatures:
        return SignatureReport(signed=False)
    signature = signatures[0]
    own_certificate = get_signer().signing_cert
    try:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=[own_certificate]), skip_diff=True
        )
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError) as problem:
        raise ValueError("unreadable signature") from problem
    byte_range = signature.byte_range
    return SignatureReport(
        signed=True,
        intact=status.intact and status.valid,
        ours=status.signing_cert.dump() == own_certificate.dump(),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signed_length=byte_range[2] + byte_range[3],
    )

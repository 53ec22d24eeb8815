"""PAdES B-B signatures on certificate PDFs, with a signer loaded once per process, and their checking."""

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

KEY_NAME = "signing-key.pem"
CERT_NAME = "signing-cert.pem"
FIELD_NAME = "Signature"
RETIRED_DIR = "retired"


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
    if signer is None:
        raise RuntimeError("Could not load the certificate signing key; run `manage.py init_signing_key`.")
    return signer


def signature_room():
    return room_for(get_signer())


@functools.lru_cache(maxsize=4)
def room_for(signer):
    """
    Bytes (an even number) to reserve for the signature: the certificates it carries, the
    signature value and the signed attributes, with a margin. Saying it up
    front spares pyHanko a trial signature on every PDF.
    """
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


def trusted_certificates():
    return trusted_with(get_signer())


@functools.lru_cache(maxsize=4)
def trusted_with(signer):
    """
    The signing certificate in use and every one retired before it (renewed by
    the authority, or replaced with `init_signing_key --force`): a PDF signed
    last year is still ours. Retired certificates are PEM files in
    CERTIFICATE_SIGNING_DIR/retired/ and in CERTIFICATE_SIGNING_RETIRED.
    """
    paths = sorted((signing_dir() / RETIRED_DIR).glob("*.pem")) + [
        Path(path) for path in settings.CERTIFICATE_SIGNING_RETIRED
    ]
    return [signer.signing_cert, *(load_cert_from_pemder(str(path)) for path in paths)]


def signature_report(pdf_bytes):
    """
    Check the first signature of an uploaded PDF against our signing
    certificates. ValueError when the bytes cannot be read as a signed PDF.
    """
    trusted = trusted_certificates()
    # An uploaded file is anyone's: a malformed one can make the PDF parser or
    # the signature validator fail in many ways, and each means "damaged".
    try:
        signatures = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures
        if not signatures:
            return SignatureReport(signed=False)
        signature = signatures[0]
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=trusted), skip_diff=True)
        _start, _signed_length, signed_after, after_length = (int(value) for value in signature.byte_range)
    except Exception as problem:  # noqa: BLE001 (see above)
        raise ValueError("unreadable signed PDF") from problem
    return SignatureReport(
        signed=True,
        intact=status.intact and status.valid,
        ours=status.signing_cert.dump() in {certificate.dump() for certificate in trusted},
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signed_length=signed_after + after_length,
    )

"""PAdES B-B signatures on certificate PDFs, with a signer loaded once per process."""

import functools
import io
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

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
    if signer is None:
        raise RuntimeError("Could not load the certificate signing key; run `manage.py init_signing_key`.")
    return signer


def sign_pdf(pdf_bytes):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Chứng chỉ hoàn thành khoá học",
        location=getattr(settings, "SITE_URL", ""),
    )
    output = signers.PdfSigner(metadata, signer=get_signer()).sign_pdf(writer)
    return output.getvalue()

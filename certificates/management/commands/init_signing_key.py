"""Create the development signing key and self-signed certificate for certificate PDFs."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.management.base import BaseCommand

from certificates import signing


class Command(BaseCommand):
    help = "Create an EC P-256 key and a 10-year self-signed certificate for signing certificate PDFs (development)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Replace an existing key; its certificate is kept in retired/ so earlier PDFs still verify.",
        )

    def handle(self, *args, force=False, **options):
        folder = signing.signing_dir()
        key_path, cert_path = folder / signing.KEY_NAME, folder / signing.CERT_NAME
        if key_path.exists() and not force:
            self.stdout.write(f"A signing key already exists in {folder}; nothing done (use --force to replace it).")
            return
        folder.mkdir(parents=True, exist_ok=True)
        if cert_path.exists():
            # PDFs signed with the old key must still verify as ours.
            retired = folder / signing.RETIRED_DIR
            retired.mkdir(exist_ok=True)
            stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            cert_path.rename(retired / f"{stamp}-{signing.CERT_NAME}")
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.CERTIFICATE_ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, settings.CERTIFICATE_ORGANISATION),
        ])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=3652))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, content_commitment=True, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=False,
                    crl_sign=False, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        key_path.chmod(0o600)
        cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        signing.get_signer.cache_clear()
        self.stdout.write(self.style.SUCCESS(f"Signing key and certificate written to {folder}."))

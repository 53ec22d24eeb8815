"""
HọcSố's production stack on this machine's loopback, in one folder, from the
Debian packages an operator installs: PostgreSQL, Redis, N gunicorn app
servers (deploy/gunicorn.conf.py, production settings), one task worker
(db_worker) and nginx in front with TLS (deploy/nginx/hocso-locations.conf,
a self-signed certificate). The stack check in the test suite and the load
benchmark use it; an operator can try a release with it:

    .venv/bin/python deploy/local_stack.py --app-servers 2 --demo

Nothing is installed or left running: every process runs from the folder and
stops with the stack. As root, PostgreSQL runs as the `postgres` user (it
refuses root), and the folder is made readable for nginx's workers.
"""

import argparse
import datetime
import glob
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"
VENV_BIN = Path(sys.executable).parent
# What the production PostgreSQL of the README is tuned with; a test cluster needs no more.
POSTGRES_SETTINGS = {"shared_buffers": "256MB", "jit": "off", "max_connections": "200"}


class StackError(RuntimeError):
    """A part of the stack did not start; the message names it and its log."""


def missing_programs():
    """The Debian packages the stack needs and this machine lacks (empty when it can run)."""
    missing = []
    if postgres_bin() is None:
        missing.append("postgresql")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        missing.append("nginx")
    return missing


def postgres_bin():
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalStack:
    """
    Start with `start()` (or `with LocalStack(...) as stack:`), stop with
    `stop()`. `url` is nginx's address; `app_urls` the app servers' own
    (plain HTTP: send `X-Forwarded-Proto: https` as nginx does).
    """

    def __init__(self, folder=None, app_servers=2, workers=2, threads=2, worker=True, demo=False,
                 postgres_settings=None, access_log=False, environment=None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="hocso-stack-"))
        self.gunicorn_workers = workers
        self.gunicorn_threads = threads
        self.with_worker = worker
        self.demo = demo
        self.postgres_settings = {**POSTGRES_SETTINGS, **(postgres_settings or {})}
        self.access_log = access_log
        self.extra_environment = environment or {}
        self.processes = {}
        self.postgres_port = free_port()
        self.redis_port = free_port()
        self.nginx_port = free_port()
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.url = f"https://127.0.0.1:{self.nginx_port}"
        self.app_urls = [f"http://127.0.0.1:{port}" for port in self.app_ports]
        self.database_url = f"postgres://postgres@127.0.0.1:{self.postgres_port}/hocso"
        self._postgres_started = False

    # --- the environment of every Django process -------------------------------------------------

    @property
    def environment(self):
        media = self.folder / "media"
        return {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": self._secret_key,
            "DATABASE_URL": self.database_url,
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "SITE_URL": self.url,
            "TRUSTED_PROXIES": "127.0.0.1",
            "MEDIA_ROOT": str(media),
            "STATIC_ROOT": str(self.folder / "static"),
            "CERTIFICATE_PDF_ROOT": str(self.folder / "var" / "certificates"),
            "CERTIFICATE_SIGNING_DIR": str(self.folder / "var" / "signing"),
            "EMAIL_URL": "consolemail://",
            "SECURE_HSTS_SECONDS": "0",
            **self.extra_environment,
        }

    def manage(self, *arguments, check=True, capture=True):
        """Run `manage.py` with the stack's settings; its output when `capture`."""
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=self.environment,
            capture_output=capture, text=True,
        )
        if check and result.returncode != 0:
            raise StackError(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout if capture else ""

    # --- start and stop --------------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        missing = missing_programs()
        if missing:
            raise StackError(f"install {', '.join(missing)} (apt-get install {' '.join(missing)})")
        self._secret_key = secrets.token_urlsafe(64)
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in ("media", "var", "logs", "nginx-temp"):
            (self.folder / name).mkdir(exist_ok=True)
        try:
            self._start_postgres()
            self._start("redis", [
                shutil.which("redis-server"), "--port", str(self.redis_port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no",
            ])
            self._wait_for_port(self.redis_port, "redis")
            self.manage("migrate", "--noinput")
            self.manage("collectstatic", "--noinput")
            self.manage("init_signing_key")
            if self.demo:
                self.manage("seed_demo")
            self._readable_for_nginx()
            for index, port in enumerate(self.app_ports):
                self._start(f"app{index + 1}", [str(VENV_BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py")],
                            django=True, extra={
                                "GUNICORN_BIND": f"127.0.0.1:{port}",
                                "WEB_CONCURRENCY": str(self.gunicorn_workers),
                                "GUNICORN_THREADS": str(self.gunicorn_threads),
                                "GUNICORN_ACCESS_LOG": "-" if self.access_log else "",
                            })
            if self.with_worker:
                self._start("worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.5"], django=True)
            self._start_nginx()
            for index, url in enumerate(self.app_urls):
                self._wait_for_http(f"{url}/healthz", f"app{index + 1}")
            self._wait_for_http(f"{self.url}/healthz", "nginx")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
        if self._postgres_started:
            self._as_postgres([str(postgres_bin() / "pg_ctl"), "-D", str(self.folder / "pg"), "stop", "-m", "fast"])
            self._postgres_started = False

    def tls_client(self):
        """A TLS context that trusts the stack's own self-signed certificate, and only it."""
        return ssl.create_default_context(cafile=str(self.folder / "tls.crt"))

    def log(self, name):
        """The output of one process so far (app1, app2, worker, redis, nginx, postgres)."""
        path = self.folder / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def process(self, name):
        return self.processes[name]

    # --- the parts -------------------------------------------------------------------------------

    def _start(self, name, command, django=False, extra=None):
        environment = self.environment if django else dict(os.environ)
        environment.update(extra or {})
        log = open(self.folder / "logs" / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            command, cwd=PROJECT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()

    def _as_postgres(self, command):
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise StackError(f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}")

    def _start_postgres(self):
        data = self.folder / "pg"
        data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(data, "postgres", "postgres")
            os.chmod(self.folder, 0o755)
        binaries = postgres_bin()
        self._as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                           "-E", "UTF8", "--locale=C.UTF-8"])
        options = " ".join(
            [f"-p {self.postgres_port}", "-c listen_addresses=127.0.0.1", f"-k {data}"]
            + [f"-c {key}={value}" for key, value in self.postgres_settings.items()]
        )
        self._as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                           "-l", str(data / "server.log"), "-w", "start"])
        self._postgres_started = True
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:{self.postgres_port}/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE hocso")

    def _readable_for_nginx(self):
        """nginx's workers run as another user: let them read media and write their buffers."""
        for path in (self.folder, self.folder / "media"):
            os.chmod(path, 0o755)
        os.chmod(self.folder / "nginx-temp", 0o777)
        for directory, folders, files in os.walk(self.folder / "media"):
            for name in folders:
                os.chmod(Path(directory) / name, 0o755)
            for name in files:
                os.chmod(Path(directory) / name, 0o644)

    def _start_nginx(self):
        certificate, key = self._self_signed_certificate()
        locations = (DEPLOY / "nginx" / "hocso-locations.conf").read_text()
        locations = locations.replace("/srv/hocso/media/", f"{self.folder / 'media'}/")
        (self.folder / "hocso-locations.conf").write_text(locations)
        temp = self.folder / "nginx-temp"
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in self.app_ports)
        configuration = f"""
worker_processes 1;
daemon off;
pid {self.folder / 'nginx.pid'};
error_log {self.folder / 'logs' / 'nginx-error.log'} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    upstream hocso_app {{
{servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{self.nginx_port} ssl;
        server_name 127.0.0.1 localhost;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        include {self.folder / 'hocso-locations.conf'};
    }}
}}
"""
        path = self.folder / "nginx.conf"
        path.write_text(configuration)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self._start("nginx", [nginx, "-c", str(path), "-e", str(self.folder / "logs" / "nginx-error.log")])

    def _self_signed_certificate(self):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            ]), critical=False)
            .sign(key, hashes.SHA256())
        )
        certificate_path, key_path = self.folder / "tls.crt", self.folder / "tls.key"
        certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption(),
        ))
        return certificate_path, key_path

    # --- waiting ---------------------------------------------------------------------------------

    def _check_alive(self, name):
        process = self.processes.get(name)
        if process is not None and process.poll() is not None:
            raise StackError(f"{name} stopped (exit {process.returncode}):\n{self.log(name)[-3000:]}")

    def _wait_for_port(self, port, name, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._check_alive(name)
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise StackError(f"{name} did not listen on {port} within {seconds} s:\n{self.log(name)[-3000:]}")

    def _wait_for_http(self, url, name, seconds=60):
        deadline = time.monotonic() + seconds
        problem = None
        while time.monotonic() < deadline:
            self._check_alive(name)
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            try:
                with urllib.request.urlopen(request, timeout=5, context=self.tls_client()) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                problem = error
            time.sleep(0.2)
        raise StackError(f"{name} did not answer {url} within {seconds} s ({problem}):\n{self.log(name)[-3000:]}")


def main():
    parser = argparse.ArgumentParser(description="HọcSố's production stack on loopback, until Ctrl-C.")
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--demo", action="store_true", help="load the demo content (seed_demo)")
    parser.add_argument("--folder", help="where the stack lives (default: a new temporary folder)")
    arguments = parser.parse_args()
    stack = LocalStack(arguments.folder, app_servers=arguments.app_servers, workers=arguments.workers,
                       threads=arguments.threads, demo=arguments.demo, access_log=True)
    try:
        stack.start()
    except StackError as error:
        sys.exit(f"The stack did not start: {error}")
    print(f"HọcSố through nginx: {stack.url}/ (self-signed certificate)")
    print(f"app servers: {', '.join(stack.app_urls)}; database: {stack.database_url}; logs: {stack.folder / 'logs'}")
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()

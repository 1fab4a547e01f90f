"""nginx in a temporary prefix, in the foreground, serving one site file; and a self-signed
certificate for its TLS server."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# Debian's nginx.conf, reduced to what a site needs: the site is included in http { } as
# sites-enabled/* is. Temporary files stay in the prefix (uploads are buffered there).
MAIN = """worker_processes 1;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    access_log {prefix}/default.access.log;
    include {site};
}}
"""


def nginx_binary() -> str:
    """The nginx of the machine; fails with what to install when there is none."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        raise RuntimeError(
            "nginx not found: install the Debian package 'nginx' (scripts/test.sh does: "
            "apt-get install -y nginx). The two-server test runs the repository's nginx site."
        )
    return found


def self_signed(folder: Path, host: str) -> tuple[Path, Path]:
    """A certificate for `host` valid for a day, and its key (PEM files in `folder`)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@contextmanager
def nginx_prefix() -> Iterator[Path]:
    """A folder for nginx's configuration, logs and temporary files, removed afterwards.
    Not under pytest's folders: those are private to the user (0700), and as root nginx's
    workers run as `nobody`, which must reach the files where uploads are buffered."""
    prefix = Path(tempfile.mkdtemp(prefix="sipas-nginx-"))
    prefix.chmod(0o755)
    try:
        yield prefix
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


@contextmanager
def running_nginx(prefix: Path, site: str, ports: list[int], timeout: float = 15) -> Iterator[None]:
    """Run nginx in the foreground with `site` (the text of a site file) in `prefix` (see
    nginx_prefix), until every port in `ports` accepts connections; stop it afterwards."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / name).mkdir(parents=True, exist_ok=True)
    for folder in (prefix / "temp", *(prefix / "temp").iterdir()):
        folder.chmod(0o777)  # written by the workers, whoever they run as
    (prefix / "sipas.conf").write_text(site, encoding="utf-8")
    main = prefix / "nginx.conf"
    main.write_text(MAIN.format(prefix=prefix, site=prefix / "sipas.conf"), encoding="utf-8")
    error_log = prefix / "nginx.error.log"
    command = [nginx_binary(), "-p", str(prefix), "-c", str(main), "-e", str(error_log)]
    command += ["-g", f"daemon off; pid {prefix / 'nginx.pid'};"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_listening(process, ports, error_log, timeout)
        yield
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_listening(
    process: subprocess.Popen[bytes], ports: list[int], error_log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(ports)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text() if error_log.exists() else ""
            raise RuntimeError(f"nginx exited with code {process.returncode}:\n{log}")
        try:
            socket.create_connection(("127.0.0.1", waiting[0]), timeout=1).close()
            waiting.pop(0)
        except OSError:
            time.sleep(0.1)
    if waiting:
        raise TimeoutError(f"nginx not listening on {waiting} after {timeout} s")

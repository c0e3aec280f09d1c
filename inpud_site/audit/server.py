"""The demo site in a throwaway folder, served by gunicorn under production settings."""

import os
import secrets
import socket
from pathlib import Path

from inpud_site.bench import server as bench_server
from inpud_site.bench.server import fetch  # noqa: F401 (the audit's modules fetch through here)

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8300, 8400)


def production_env(workdir, port):
    """Environment variables for the site's production settings, on loopback plain HTTP.

    DEBUG is off, so static files are WhiteNoise's compressed manifest and the page cache is
    on; only the redirect to HTTPS is off, as behind a proxy that terminates TLS. Tasks run
    inline so that image renditions exist before the first request.
    """
    workdir = Path(workdir)
    return {
        "DJANGO_SETTINGS_MODULE": "inpud_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_TASKS_WORKER": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def free_port(ports=PORTS):
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


class Gunicorn(bench_server.Gunicorn):
    """gunicorn on 127.0.0.1 with the audit's WSGI app (the site, plus /media/)."""

    def __init__(self, env, port, workers=2):
        super().__init__(
            root=ROOT,
            env={**os.environ, **env},
            workers=workers,
            app="inpud_site.audit.wsgi",
            port=port,
        )

"""The site under gunicorn on loopback, as the benchmark runs it."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from inpud_site.bench import system


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    """(status, headers, body) of one GET, redirects not followed."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - http://127.0.0.1
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Gunicorn:
    """gunicorn with `workers` sync workers (its default), as in production."""

    def __init__(self, *, root, env, workers, app="inpud_site.wsgi", port=None):
        self.root, self.env, self.workers, self.app = Path(root), env, workers, app
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [str(gunicorn), self.app, "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "--chdir", str(self.root),
             "--log-level", "warning"],
            env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting")
            try:
                if fetch(self.base + "/robots.txt")[0] == 200 and self._all_workers_up():
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def _all_workers_up(self):
        return len(self.worker_pids()) >= self.workers

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self):
        return system.children(self.process.pid)

    def rss(self):
        return [round(system.rss_megabytes(pid), 1) for pid in self.worker_pids()]

"""Database fault drill: post comments to a real gunicorn while PostgreSQL fails under it.

    .venv/bin/python scripts/db_fault_drill.py [--seconds 70] [--clients 8]

Needs the local PostgreSQL cluster (127.0.0.1:5432, user postgres) and the right to run
`pg_ctlcluster` (root). It creates and drops the database `inpud_drill`. During the run it
restarts PostgreSQL, kills every connection of the site, and stops it for 10 seconds. Each
simulated reader fetches the post page, waits as a person would, sends a comment with a
unique marker, and on a 503 sends the form the 503 page hands back once the site answers
again. At the end the stored comments are compared with what the readers were told.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATABASE = "inpud_drill"
PORT = 8099
BASE = f"http://127.0.0.1:{PORT}"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
SETUP = """
from django.utils import timezone
from posts.models import Byline, Post, Status
byline = Byline.objects.create(name="Drill", slug="drill")
Post.objects.create(title="Drill", slug="drill", byline=byline, body="<p>Drill</p>",
                    status=Status.PUBLISHED, published_at=timezone.now())
"""


def cluster():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def psql(sql, database="postgres"):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAtc", sql],
        check=True, capture_output=True,
    )  # fmt: skip


def environment(static_root):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_BEHIND_PROXY="1",  # each simulated reader has its own forwarded address
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *arguments):
    subprocess.run([PYTHON, ROOT / "manage.py", *arguments], env=env, check=True)


def unescape(value):
    return (value.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))  # fmt: skip


class Reader:
    """One person with their own cookies and address, writing comments one after another: the
    form comes from the post's comment page and is sent to the post, as a browser does."""

    def __init__(self, number, log):
        self.number, self.written = number, 0
        self.address = f"10.{number}.0.1"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.log = log

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(BASE + path, data=body)
        request.add_header("X-Forwarded-For", self.address)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            return 0, ""

    def form(self):
        """The comment form's hidden fields, once the page can be read."""
        while True:
            status, html = self.request("/posts/drill/comment/")
            if status == 200:
                return {name: unescape(value) for name, value in HIDDEN.findall(html)}
            time.sleep(0.5)

    def write(self, marker):
        # A new address per comment, as many different people: the flood limit stays on.
        self.written += 1
        self.address = f"10.{self.number}.{self.written // 250}.{self.written % 250 + 1}"
        fields = self.form()
        time.sleep(3.2)  # the form refuses anything sent faster than a person types
        data = {**fields, "name": "Drill reader", "text": f"Comment {marker}", "homepage_url": ""}
        status, html = self.request("/posts/drill/", data)
        entry = {"marker": marker, "first": status, "kept": None, "retry": None}
        if status == 503:
            entry["kept"] = f"Comment {marker}" in html
            resend = {name: unescape(value) for name, value in HIDDEN.findall(html)}
            while self.request("/posts/drill/")[0] != 200:
                time.sleep(0.5)
            entry["retry"] = self.request("/posts/drill/", resend)[0]
        self.log.append(entry)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_success(started):
    """Seconds from `started` until the post page (which reads the database) answers 200."""
    probe = Reader(250, [])
    while probe.request("/posts/drill/")[0] != 200:
        time.sleep(0.1)
    return time.monotonic() - started


def faults(stop, figures):
    """Restart, kill the connections, stop for 10 s: each once, a few seconds apart."""
    time.sleep(8)
    subprocess.run([*cluster(), "restart"], check=True)
    figures["after restart"] = first_success(time.monotonic())
    time.sleep(8)
    psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DATABASE}'")
    figures["after killing connections"] = first_success(time.monotonic())
    time.sleep(8)
    subprocess.run([*cluster(), "stop"], check=True)
    time.sleep(10)
    subprocess.run([*cluster(), "start"], check=True)
    figures["after a 10 s stop"] = first_success(time.monotonic())
    stop.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inpud-drill-") as folder:
        env = environment(Path(folder) / "static")
        psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{DATABASE}"')
        manage(env, "migrate", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "shell", "-c", SETUP)
        server = subprocess.Popen(
            [ROOT / ".venv" / "bin" / "gunicorn", "inpud_site.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{PORT}", "--chdir", ROOT, "--log-level", "warning"],
            env=env,
        )  # fmt: skip
        try:
            result = drill(options, env)
        finally:
            server.terminate()
            server.wait()
            psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    print(json.dumps(result, indent=1))
    failed = result["acknowledged but lost"] or result["refused but stored"]
    failed = failed or result["duplicates"] or result["503 without the text"]
    return 1 if failed or not result["first request after idle restart ok"] else 0


def drill(options, env):
    Reader(0, []).form()  # the server is up
    log, stop, figures = [], threading.Event(), {}
    deadline = time.monotonic() + options.seconds

    def reader_loop(number):
        reader, count = Reader(number, log), 0
        while time.monotonic() < deadline:
            count += 1
            reader.write(f"r{number}-{count}")

    threads = [threading.Thread(target=reader_loop, args=(n,)) for n in range(options.clients)]
    fault_thread = threading.Thread(target=faults, args=(stop, figures))
    for thread in [*threads, fault_thread]:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    fault_thread.join()
    time.sleep(5)  # idle: the workers keep their connections
    subprocess.run([*cluster(), "restart"], check=True)
    time.sleep(2)
    idle_ok = Reader(251, []).request("/posts/drill/")[0] == 200
    stored = Counter(
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, "-qAtc",
             "SELECT text FROM comments_comment"],
            check=True, capture_output=True, text=True,
        ).stdout.split("\n")
    )  # fmt: skip
    acknowledged = [e for e in log if e["first"] == 302 or e["retry"] == 302]
    refused = [e for e in log if e not in acknowledged]
    return {
        "comments sent": len(log),
        "acknowledged (302)": len(acknowledged),
        "answered 503": sum(e["first"] == 503 for e in log),
        "other answers": dict(Counter(e["first"] for e in log if e["first"] not in (302, 503))),
        "acknowledged but lost": sum(stored[f"Comment {e['marker']}"] == 0 for e in acknowledged),
        "refused but stored": sum(stored[f"Comment {e['marker']}"] > 0 for e in refused),
        "duplicates": sum(n > 1 for text, n in stored.items() if text),
        "503 without the text": sum(e["kept"] is False for e in log),
        "retries acknowledged": sum(e["retry"] == 302 for e in log),
        "seconds to recover": {k: round(v, 2) for k, v in figures.items()},
        "first request after idle restart ok": idle_ok,
    }


if __name__ == "__main__":
    sys.exit(main())

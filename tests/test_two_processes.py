"""Two app processes, one database and one Redis: an approval made through one process is on
the page the other serves at once, even though both had that page in their cache."""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)
SETUP = """
import time
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from comments.models import Comment, CommentStatus
from posts.models import Byline, Post, Status

byline = Byline.objects.create(name="Desk", slug="desk")
post = Post.objects.create(title="Shared", slug="shared", byline=byline, body="<p>Body</p>",
                           status=Status.PUBLISHED, published_at=timezone.now())
comment = Comment.objects.create(post=post, name="Ana", text="Seen from both servers",
                                 status=CommentStatus.PENDING)
user = get_user_model().objects.create_superuser("mod", password=None)
device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
session["_auth_user_hash"] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
from inpud_site.accounts.signals import SEEN_AT, SIGNED_IN_AT
session[SIGNED_IN_AT] = session[SEEN_AT] = time.time()
session.create()
print(session.session_key, comment.pk)
"""


def redis_is_up():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


def admin_sql(base_url, sql):
    with psycopg.connect(base_url.replace("postgres://", "postgresql://") + "/postgres",
                         autocommit=True) as connection:  # fmt: skip
        connection.execute(sql)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(opener, url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.skipif(not redis_is_up(), reason="needs the Redis server on 127.0.0.1:6379")
def test_an_approval_through_one_process_shows_through_the_other(tmp_path):
    database = os.environ.get("DATABASE_URL", "")
    if database.startswith("postgres"):
        name = f"inpud_two_{secrets.token_hex(4)}"
        server_url = database.rsplit("/", 1)[0]
        admin_sql(server_url, f'CREATE DATABASE "{name}"')
        database = f"{server_url}/{name}"
    else:
        name, database = None, f"sqlite:///{tmp_path}/shared.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="1",  # static files without collectstatic; the cache is Redis either way
        DJANGO_PAGE_CACHE="1",
        DATABASE_URL=database,
        REDIS_URL=f"redis://127.0.0.1:6379/{secrets.randbelow(14) + 1}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    servers = []
    try:
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        made = subprocess.run(
            [*manage, "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
        )
        session_key, comment_pk = made.stdout.split()[-2:]
        ports = [free_port(), free_port()]
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [
                        str(ROOT / ".venv" / "bin" / "gunicorn"),
                        "inpud_site.wsgi",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--chdir",
                        str(ROOT),
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )  # fmt: skip
            )
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        reader = urllib.request.build_opener()
        for base in (first, second):
            for _ in range(100):
                try:
                    if get(reader, base + "/posts/shared/")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
        # Both processes serve the page from the one shared cache.
        for base in (first, second):
            status, headers, html = get(reader, base + "/posts/shared/")
            assert (status, headers.get("X-Page-Cache")) == (200, "hit")
            assert "Seen from both servers" not in html

        # A moderator approves it through the second process, in the admin.
        jar = http.cookiejar.CookieJar()
        moderator = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        jar.set_cookie(_cookie("sessionid", session_key))
        changelist = second + "/admin/comments/comment/"
        status, _headers, html = get(moderator, changelist + "?queue=all")
        assert status == 200, html[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        action = re.search(r'<option value="(\w*approve\w*)"', html).group(1)
        data = {"csrfmiddlewaretoken": token, "action": action, "_selected_action": comment_pk}
        status, _headers, html = get(moderator, changelist, data, {"Referer": changelist})
        assert status == 200 and "approved" in html

        # The first process shows it straight away.
        status, headers, html = get(reader, first + "/posts/shared/")
        assert status == 200
        assert headers.get("X-Page-Cache") == "miss"
        assert "Seen from both servers" in html
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        if name:
            admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True,
        None, None, {},
    )  # fmt: skip

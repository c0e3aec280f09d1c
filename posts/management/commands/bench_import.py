import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inpud_site.bench import scratch
from posts import wxrsample

SIZES = (0.25, 0.5, 1.0)  # fractions of the requested size, to show memory staying flat


class Command(BaseCommand):
    help = gettext_lazy(
        "Measure import_wordpress on generated exports of growing size: time, rate and peak "
        "memory, each into a fresh database under production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=100_000)
        parser.add_argument(
            "--database-url",
            help=gettext_lazy(
                "A PostgreSQL URL whose database the benchmark may drop and create again "
                "(default: a temporary SQLite file)."
            ),
        )

    def handle(self, *args, **options):
        rows = []
        with tempfile.TemporaryDirectory(prefix="inpud-bench-import-") as folder:
            for fraction in SIZES:
                posts = max(1, int(options["posts"] * fraction))
                comments = int(options["comments"] * fraction)
                export = Path(folder) / f"export-{posts}.xml"
                wxrsample.write(export, posts=posts, comments=comments)
                url = options["database_url"] or f"sqlite:///{folder}/bench-{posts}.sqlite3"
                self._fresh(url)
                env = self._environment(url, folder)
                self._run(["migrate", "--verbosity", "0"], env)
                seconds, peak = self._run(["import_wordpress", str(export), "-v", "0"], env)
                size = export.stat().st_size
                rows.append((posts, comments, size, seconds, peak))
                export.unlink()
                self.stdout.write(self._row(rows[-1]))
        self.stdout.write(
            _("Peak memory grew %(growth).1f MB from the smallest to the largest export.")
            % {"growth": (rows[-1][4] - rows[0][4]) / 1024}
        )

    def _row(self, row):
        posts, comments, size, seconds, peak = row
        return _(
            "%(posts)d posts, %(comments)d comments (%(mb).1f MB file): %(seconds).1f s, "
            "%(rate).0f comments/s, peak memory %(peak).0f MB"
        ) % {
            "posts": posts, "comments": comments, "mb": size / 1e6, "seconds": seconds,
            "rate": comments / seconds if seconds else 0, "peak": peak / 1024,
        }  # fmt: skip

    def _fresh(self, url):
        """A PostgreSQL scratch database is dropped and made again; SQLite files are new."""
        if not url.startswith(("postgres://", "postgresql://")):
            return
        try:
            config = scratch.check_database(url, settings.DATABASES["default"])
        except scratch.Refused as refusal:
            raise CommandError(str(refusal)) from None
        scratch.recreate(config)

    @staticmethod
    def _environment(url, folder):
        """Production settings (no DEBUG query log) with throwaway secrets and media."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="inpud_site.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="localhost",
            DJANGO_MEDIA_ROOT=str(Path(folder) / "media"),
        )
        return env

    def _run(self, arguments, env):
        """Run a manage.py command; return its wall time and its own peak memory (KiB)."""
        started = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments], env=env
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise CommandError(_("%(command)s failed.") % {"command": " ".join(arguments)})
        return seconds, usage.ru_maxrss

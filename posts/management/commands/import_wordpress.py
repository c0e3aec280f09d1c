import csv
import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posts.wpimport import Importer
from posts.wxr import WxrError


class Progress:
    """A one-line progress bar, redrawn at most five times a second."""

    def __init__(self, stream, width=30):
        self.stream, self.width, self.last = stream, width, 0.0

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total}", ending="")
        if done >= total:
            self.stream.write("")
        self.stream.flush()


def read_author_map(path):
    """`wordpress_login,username` per line (a header line and # comments allowed)."""
    wanted = {}
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if not row or row[0].strip().startswith("#"):
                    continue
                if len(row) != 2:
                    raise CommandError(
                        _("%(path)s: each line must be “wordpress_login,username”, not %(row)r.")
                        % {"path": path, "row": ",".join(row)}
                    )
                wanted[row[0].strip()] = row[1].strip()
    except OSError as error:
        message = _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        raise CommandError(message) from None
    wanted.pop("wordpress_login", None)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=wanted.values())}
    unknown = sorted(set(wanted.values()) - set(users))
    if unknown:
        raise CommandError(
            _("No account here for: %(names)s. Create them first, or fix the map.")
            % {"names": ", ".join(unknown)}
        )
    return {login: users[username] for login, username in wanted.items()}


class Command(BaseCommand):
    help = gettext_lazy(
        "Import posts, pages, media, comments and old addresses from a WordPress export "
        "(WXR) file. Safe to run again: unchanged items are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help=gettext_lazy("The WXR file WordPress exported."))
        parser.add_argument(
            "--media-dir",
            help=gettext_lazy(
                "A copy of the old site's wp-content/uploads folder. Nothing is downloaded."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Check everything and print the report, but write nothing."),
        )
        parser.add_argument(
            "--keep-commenter-emails",
            action="store_true",
            help=gettext_lazy(
                "Keep commenters' e-mail addresses (dropped by default). IP addresses are "
                "never kept."
            ),
        )
        parser.add_argument(
            "--author-map",
            help=gettext_lazy(
                "A CSV file of “wordpress_login,username” lines linking old authors to staff "
                "accounts here. Without it, authors become bylines only."
            ),
        )

    def handle(self, *args, **options):
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": export})
        media_dir = options["media_dir"]
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(_("%(path)s is not a folder.") % {"path": media_dir})
        author_map = read_author_map(options["author_map"]) if options["author_map"] else {}
        interactive = options["verbosity"] > 0 and sys.stderr.isatty()
        importer = Importer(
            media_dir=media_dir,
            dry_run=options["dry_run"],
            keep_emails=options["keep_commenter_emails"],
            author_map=author_map,
            progress=Progress(self.stderr) if interactive else None,
        )
        try:
            report = importer.run(export)
        except WxrError as error:
            raise CommandError(
                _("%(path)s was not imported: %(error)s. Nothing was written.")
                % {"path": export, "error": error}
            ) from None
        if options["verbosity"] > 0:
            for line in report.lines():
                self.stdout.write(line)

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posts.demo import build


class Command(BaseCommand):
    help = gettext_lazy(
        "Create demonstration posts, pages, images, documents and users. Safe to run again: "
        "nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Load the demo even though DEBUG is off."),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Demo content is meant for development, and DEBUG is off. "
                    "Add --force if you really want it in this database."
                )
            )
        report = build.load()
        if options["verbosity"] > 0:
            for model, total, new in report.rows():
                values = {"kind": capfirst(model._meta.verbose_name_plural), "total": total}
                self.stdout.write(_("%(kind)s: %(total)d (%(new)d new)") % {**values, "new": new})
        if report.admin_password:
            self.stdout.write(
                self.style.WARNING(
                    _("Created the superuser “%(username)s”. Log in at /admin/ with the password:")
                    % {"username": build.ADMIN_USERNAME}
                )
            )
            self.stdout.write(report.admin_password)
            self.stdout.write(_("Write it down: it is not shown again."))
        else:
            self.stdout.write(
                _("The user “%(username)s” already exists; its password was left unchanged.")
                % {"username": build.ADMIN_USERNAME}
            )
        self.stdout.write(self.style.SUCCESS(_("Demo content loaded.")))

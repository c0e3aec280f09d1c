from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments import personal_data


class Command(BaseCommand):
    help = gettext_lazy(
        "Apply the retention rules: delete spam and removed comments after 30 days, and "
        "e-mail addresses 90 days after a thread's last comment. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help=gettext_lazy("Hand the work to the task worker instead of doing it now."),
        )

    def handle(self, *args, queue, **options):
        if queue:
            from comments.tasks import purge_personal_data

            purge_personal_data.enqueue()
            self.stdout.write(_("Queued for the task worker."))
            return
        deleted, dropped = personal_data.purge()
        self.stdout.write(
            _(
                "%(deleted)d old spam or removed comments deleted; %(dropped)d e-mail addresses "
                "dropped."
            )
            % {"deleted": deleted, "dropped": dropped}
        )

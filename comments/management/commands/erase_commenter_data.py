from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import personal_data as pledges
from comments import personal_data


class Command(BaseCommand):
    help = gettext_lazy(
        "Forget a commenter: approved comments keep their text under the name “Anonymous”; "
        "everything else they wrote, and their pledges, is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--delete-comments",
            action="store_true",
            help=gettext_lazy("Delete approved comments too, instead of keeping their text."),
        )

    def handle(self, *args, email, delete_comments, **options):
        kept, deleted = personal_data.erase(email, delete_comments=delete_comments)
        self.stdout.write(
            _("%(kept)d comments kept without name, e-mail or website; %(deleted)d deleted.")
            % {"kept": kept, "deleted": deleted}
        )
        self.stdout.write(_("%(count)d pledges deleted.") % {"count": pledges.erase(email)})

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from campaigns import personal_data as pledges
from comments import personal_data


class Command(BaseCommand):
    help = _(
        "Print, as JSON, every comment and pledge stored with an e-mail address (a data request)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        records = {
            "email": email,
            "comments": personal_data.export(email),
            "pledges": pledges.export(email),
        }
        self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))

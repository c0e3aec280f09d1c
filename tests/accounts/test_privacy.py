"""Failed and successful sign-ins leave no IP address in the database or the logs."""

import io
import logging

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_user
from tests.two_factor import current_code

ADDRESSES = ("127.0.0.1", "2001:db8::5", "203.0.113.9")


class NoAddressStoredTests(TestCase):
    def test_no_raw_ip_in_the_database_or_the_log_after_sign_ins(self):
        make_user("editor", groups=["Editors"])
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        root = logging.getLogger()
        root.addHandler(handler)
        try:
            for address in ADDRESSES:
                for username in ("editor", "nobody"):
                    for _number in range(7):
                        self.client.post(
                            "/admin/login/",
                            {"username": username, "password": "wrong password"},
                            REMOTE_ADDR=address,
                        )
            self.client.post(
                "/admin/login/",
                {"username": "editor", "password": "a-long-test-password", "next": "/admin/"},
                REMOTE_ADDR="192.0.2.44",
            )
            self.client.get("/admin/two-factor/setup/", REMOTE_ADDR="192.0.2.44")
            device = TOTPDevice.objects.get()
            self.client.post(
                "/admin/two-factor/setup/", {"code": current_code(device)}, REMOTE_ADDR="192.0.2.44"
            )
            self.assertEqual(self.client.get("/admin/", REMOTE_ADDR="192.0.2.44").status_code, 200)
        finally:
            root.removeHandler(handler)

        self.assertGreater(len(records), 40)
        dump = io.StringIO()
        call_command("dumpdata", stdout=dump)
        everything = [dump.getvalue()]
        everything += [str(session.get_decoded()) for session in Session.objects.all()]
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                everything.append(repr(cursor.fetchall()))
        everything += [record.getMessage() for record in records]
        text = "\n".join(everything)
        for address in (*ADDRESSES, "192.0.2.44", "2001:db8:"):
            with self.subTest(address=address):
                self.assertNotIn(address, text)

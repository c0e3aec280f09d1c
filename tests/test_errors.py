from unittest import mock

from django.db import DatabaseError
from django.test import TestCase, override_settings
from django.urls import path


def broken_view(request):
    raise DatabaseError("the database is down")


urlpatterns = [path("broken/", broken_view)]


@override_settings(ROOT_URLCONF=__name__)
class ServerErrorTests(TestCase):
    def test_500_page_is_friendly_and_needs_no_database(self):
        self.client.raise_request_exception = False
        with mock.patch("inpud_site.context_processors.Page.objects") as pages:
            response = self.client.get("/broken/")
            pages.published.assert_not_called()
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Something went wrong", status_code=500)
        self.assertNotContains(response, "the database is down", status_code=500)

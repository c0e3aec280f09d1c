"""The fast URL builders give exactly what reverse() and the storage give."""

from django.core.files.storage import FileSystemStorage
from django.test import SimpleTestCase
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from inpud_site.links import slug_url, stored_url

SLUGS = ["peer-work", "наша-работа", "día_de_acción", "x_1-2"]
NOT_SLUGS = ["a%2Fb", "x y", "100%", "a/b", "", "ok~:@!$&'()*+,;="]
VIEWS = ["posts:detail", "posts:page", "posts:category", "posts:tag", "posts:byline",
         "campaigns:detail"]  # fmt: skip


class SlugUrlTests(SimpleTestCase):
    def test_the_same_as_reverse_in_every_language(self):
        for language in ("en", "ru", "es", "fr"):
            with translation.override(language):
                for view in VIEWS:
                    for slug in SLUGS:
                        with self.subTest(language=language, view=view, slug=slug):
                            expected = reverse(view, kwargs={"slug": slug})
                            self.assertEqual(slug_url(view, slug), expected)
                    for slug in NOT_SLUGS:
                        with self.subTest(view=view, slug=slug), self.assertRaises(NoReverseMatch):
                            slug_url(view, slug)
        with translation.override("ru"):
            self.assertTrue(slug_url("posts:detail", "x").startswith("/ru/"))


class StoredUrlTests(SimpleTestCase):
    def test_the_same_as_the_storage(self):
        storage = FileSystemStorage(location="unused", base_url="/media/")
        for name in ("images/a.jpg", "images/б в.webp", "images/100%.png"):
            with self.subTest(name=name):
                self.assertEqual(stored_url(storage, name), storage.url(name))

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.test import TestCase

LOCALE = Path(settings.BASE_DIR) / "locale"
ESCAPES = {"n": "\n", "t": "\t"}


def po_msgids(path):
    """The msgids of a .po file (the header excluded), joined across continued lines."""
    text = path.read_text(encoding="utf-8")
    ids = []
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.MULTILINE):
        joined = "".join(re.findall(r'"(.*)"', block))
        ids.append(re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), joined))
    return {msgid for msgid in ids if msgid}


class CatalogueTests(TestCase):
    def test_every_string_is_translated_and_compiled(self):
        for code, _name in settings.LANGUAGES[1:]:
            with self.subTest(language=code):
                directory = LOCALE / code / "LC_MESSAGES"
                with (directory / "django.mo").open("rb") as handle:
                    catalogue = gettext.GNUTranslations(handle)._catalog
                keys = (key[0] if isinstance(key, tuple) else key for key in catalogue)
                compiled = {key.split("\x04", 1)[-1] for key in keys}  # drop any msgctxt
                missing = po_msgids(directory / "django.po") - compiled
                self.assertEqual(missing, set(), "msgids missing from the compiled catalogue")
                for key, value in catalogue.items():
                    if key:
                        self.assertTrue(value, f"empty translation for {key!r}")

    def test_public_pages_speak_the_reader_language(self):
        expected = {
            "ru": "Перейти к содержимому",
            "es": "Saltar al contenido",
            "fr": "Aller au contenu",
        }
        for code, text in expected.items():
            with self.subTest(language=code):
                response = self.client.get(f"/{code}/")
                self.assertContains(response, text)
                self.assertContains(response, f'<html lang="{code}"')

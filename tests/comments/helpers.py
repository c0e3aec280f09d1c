import time

from django.core import signing

from inpud_site.abuse import SIGNING_SALT


def started(seconds_ago=30):
    """A form timestamp as the server signs it, from `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=SIGNING_SALT)


def comment_data(**overrides):
    data = {
        "name": "Sasha",
        "email": "",
        "url": "",
        "text": "Thank you for writing this.",
        "started": started(),
        "homepage_url": "",
    }
    return data | overrides

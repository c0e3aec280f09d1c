"""Signed values that let a commenter act on their own comment without an account.

Nothing is stored on the server: the signature is the proof.
"""

from django.conf import settings
from django.core import signing

DELETE_SALT = "inpud.comments.delete"
UNSUBSCRIBE_SALT = "inpud.comments.unsubscribe"
MINE_SALT = "inpud.comments.mine"
TRUST_SALT = "inpud.comments.trust"

MINE_COOKIE = "inpud_my_comments"
TRUST_COOKIE = "inpud_trusted"
MINE_MAX_AGE = 30 * 24 * 60 * 60
TRUST_MAX_AGE = 365 * 24 * 60 * 60
MAX_REMEMBERED = 20


def delete_token(comment):
    return signing.dumps(comment.pk, salt=DELETE_SALT)


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def read(token, salt):
    try:
        return signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None


def _set(response, name, value, max_age):
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def read_mine(request):
    """The comments this device wrote recently, and the details it asked to be remembered."""
    data = read_cookie(request, MINE_COOKIE, MINE_SALT, MINE_MAX_AGE) or {}
    ids = [pk for pk in data.get("ids", []) if isinstance(pk, int)]
    remember = data.get("remember") if isinstance(data.get("remember"), dict) else {}
    return {"ids": ids[-MAX_REMEMBERED:], "remember": remember}


def write_mine(response, data):
    _set(response, MINE_COOKIE, signing.dumps(data, salt=MINE_SALT, compress=True), MINE_MAX_AGE)


def read_trust(request):
    """The id of the approved comment that vouches for this device, or None."""
    value = read_cookie(request, TRUST_COOKIE, TRUST_SALT, TRUST_MAX_AGE)
    return value if isinstance(value, int) else None


def write_trust(response, comment_id):
    _set(response, TRUST_COOKIE, signing.dumps(comment_id, salt=TRUST_SALT), TRUST_MAX_AGE)


def read_cookie(request, name, salt, max_age):
    try:
        return signing.loads(request.COOKIES.get(name, ""), salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError):
        return None

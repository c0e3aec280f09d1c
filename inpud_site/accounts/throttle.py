"""
Sign-in throttle: 5 failed attempts for one account from one address pause that
pair for 15 minutes; 30 failed attempts for one account from anywhere pause the
account for an hour.

Under the first rule one address gets at most 5 attempts in each 15 minutes,
at most 25 in any hour, so it can never reach the second: a single attacker
cannot lock a person out from everywhere. The counters live in the cache under
an HMAC of the username and the address; neither is stored in the clear, nor in
the database, nor logged.
"""

import contextlib
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache

PAIR_LIMIT = 5
PAIR_WINDOW = 15 * 60
ACCOUNT_LIMIT = 30
ACCOUNT_WINDOW = 60 * 60


def _network(address):
    """An IPv6 address counts as its /64: one home or phone line gets many addresses."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(scope, *parts):
    secret = hashlib.sha256(f"{settings.SECRET_KEY}:sign-in".encode()).digest()
    digest = hmac.new(secret, "\0".join(parts).encode(), hashlib.sha256).hexdigest()
    return f"sign-in:{scope}:{digest[:40]}"


def _keys(username, address):
    name = username.casefold()
    return _key("pair", name, _network(address)), _key("account", name)


def _count(key, window):
    """Add one to a counter that expires `window` seconds after its first count."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def _give_back(key):
    with contextlib.suppress(ValueError):  # the counter expired meanwhile
        cache.decr(key)


def reserve(username, address):
    """Count one password attempt before it is checked; False if it must be refused.

    Counting first keeps the limit exact when many attempts arrive at once.
    """
    pair, account = _keys(username, address)
    if _count(pair, PAIR_WINDOW) > PAIR_LIMIT:
        return False
    if _count(account, ACCOUNT_WINDOW) > ACCOUNT_LIMIT:
        _give_back(account)
        _give_back(pair)
        return False
    return True


def release(username, address):
    """A correct password: forget this address's failures and return the account's count."""
    pair, account = _keys(username, address)
    cache.delete(pair)
    _give_back(account)


def paused(username, address):
    """Why the next attempt would be refused: "pair", "account" or None."""
    pair, account = _keys(username, address)
    if cache.get(pair, 0) >= PAIR_LIMIT:
        return "pair"
    if cache.get(account, 0) >= ACCOUNT_LIMIT:
        return "account"
    return None

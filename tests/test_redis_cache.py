"""The Redis cache backend keeps one client per pool and behaves as Django's does."""

import secrets

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from inpud_site.redis_cache import RedisCache
from tests.test_two_processes import redis_is_up

pytestmark = pytest.mark.skipif(
    not redis_is_up(), reason="needs the Redis server on 127.0.0.1:6379"
)


def make(backend):
    database = secrets.randbelow(14) + 1
    return backend(f"redis://127.0.0.1:6379/{database}", {"KEY_PREFIX": secrets.token_hex(4)})


def test_one_client_serves_every_call():
    cache = make(RedisCache)
    first = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is first
    cache.set("page", (1, b"body"), 30)
    assert cache._cache.get_client() is first
    assert cache.get_many(["page", "missing"]) == {"page": (1, b"body")}
    assert cache.add("count", 1)
    assert cache.incr("count") == 2
    cache.delete_many(["page", "count"])


def test_the_same_answers_as_djangos_own():
    ours, theirs = make(RedisCache), make(DjangoRedisCache)
    for cache in (ours, theirs):
        cache.set("a", {"x": [1, 2]}, 30)
        cache.add("n", 5)
        cache.incr("n")
    assert ours.get_many(["a", "n", "z"]) == theirs.get_many(["a", "n", "z"])
    assert ours.get("n") == 6
    for cache in (ours, theirs):
        cache.delete_many(["a", "n"])

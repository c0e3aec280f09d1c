"""The benchmark's throwaway PostgreSQL database and its share of the Redis cache."""

import dj_database_url
import psycopg
import redis

PROTECTED = ("postgres", "template0", "template1")


class Refused(ValueError):
    pass


def check_database(url, own):
    """The parsed URL of a database the benchmark may drop; `own` is the site's own."""
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise Refused("The benchmark runs on PostgreSQL: give a postgres:// URL.")
    name = config["NAME"]
    if name in PROTECTED or ("postgresql" in own["ENGINE"] and own["NAME"] == name):
        raise Refused(f"Refusing to drop the database {name!r}: choose a scratch one.")
    return config


def connect(config, *, database=None):
    return psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
        password=config["PASSWORD"] or None, dbname=database or config["NAME"], autocommit=True,
    )  # fmt: skip


def recreate(config):
    with connect(config, database="postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def drop(config):
    with connect(config, database="postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def vacuum_analyze(config):
    """What autovacuum does soon after a big import: without it the planner still believes
    the tables are empty, and the first minutes would measure that instead."""
    with connect(config) as connection:
        connection.execute("VACUUM ANALYZE")


def server_version(config):
    with connect(config, database="postgres") as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def check_redis(url):
    try:
        redis.Redis.from_url(url, socket_timeout=3).ping()
    except redis.RedisError as error:
        raise Refused(f"Redis at {url} does not answer: {error}") from None


def forget_cache(url, prefix):
    """Delete the run's own keys (its pages and generation counters)."""
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)

"""Queries per page, counted on the benchmark's own database (run through `manage.py shell`).

Each page is asked for twice by a fresh cookie-less client and the second request is counted,
so that what a worker does once in its life (loading the site settings, the sites framework)
is not counted against every request: cold with the page cache off, warm with it on.
"""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


def count(path, *, page_cache):
    with override_settings(PAGE_CACHE_ENABLED=page_cache):
        Client().get(path)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(path)
    return {"queries": len(queries), "status": response.status_code}


def queries(paths):
    """{name: {"cold": n, "warm": n, "status": code}} for {name: path}; printed as JSON."""
    found = {}
    for name, path in paths.items():
        cold, warm = count(path, page_cache=False), count(path, page_cache=True)
        found[name] = {"cold": cold["queries"], "warm": warm["queries"], "status": cold["status"]}
    print("BENCH_QUERIES " + json.dumps(found))
    return found

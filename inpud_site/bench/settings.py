"""Production settings for the benchmark's server: the site's own, plus the bare view's URL and
a cache key prefix of the run's own, so that one run never reads another's pages."""

import os

from inpud_site.settings import *  # noqa: F403
from inpud_site.settings import CACHES

ROOT_URLCONF = "inpud_site.bench.urls"
BENCH_BARE_DIR = os.environ.get("BENCH_BARE_DIR", "")
CACHES = {
    **CACHES,
    "default": {**CACHES["default"], "KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "bench")},
}

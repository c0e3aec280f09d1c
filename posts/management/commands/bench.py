import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy

from inpud_site.bench import bare, report, scratch, system, wrk
from inpud_site.bench.server import Gunicorn, fetch
from posts import wxrsample

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/inpud_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
FULL = {"posts": 10_000, "comments": 100_000, "images": 300, "seconds": 10, "memory_seconds": 60}
QUICK = {"posts": 200, "comments": 2_000, "images": 20, "seconds": 3, "memory_seconds": 10}
SEED = (
    "from inpud_site.bench.data import seed; "
    "seed(images={images}, campaigns={campaigns}, actions={actions})"
)
DESCRIBE = "from inpud_site.bench.data import describe; describe()"
PROBE = "from inpud_site.bench.probe import queries; queries({paths!r})"


def paths(posts, campaign):
    """The pages measured, by name: what a reader of the archive asks for most."""
    return {
        "home": "/",
        "post": f"/posts/post-{posts // 2 + 1}/",  # the one with 50 comments (posts.wxrsample)
        "category": "/category/topic-3/",  # with its sub-categories: 6 posts in 20
        "tag": "/tag/tag-7/",
        "search": "/search/?q=naloxone",  # in nearly every post
        "feed": "/feed/",
        "campaign": f"/campaigns/{campaign}/",
        "sitemap": "/sitemap-posts.xml",  # a section of the index: 2,000 posts
    }


def child_output(text, marker):
    """The JSON a child process printed after `marker`."""
    for line in text.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line[len(marker) + 1 :])
    raise CommandError(f"no {marker} line in the child's output")


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Command(BaseCommand):
    help = gettext_lazy(
        "Build an archive in a scratch PostgreSQL database, serve it with gunicorn under "
        "production settings and measure each public page with wrk, beside a bare Django "
        "view returning the same bytes: uncached, then from the page cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, help="Posts to import (10,000; --quick 200).")
        parser.add_argument("--comments", type=int, help="Comments (100,000; --quick 2,000).")
        parser.add_argument("--images", type=int, help="Featured images (300; --quick 20).")
        parser.add_argument("--campaigns", type=int, default=20)
        parser.add_argument("--actions", type=int, default=15, help="Actions per campaign.")
        parser.add_argument("--seconds", type=int, help="wrk time per page (10; --quick 3).")
        parser.add_argument("--warmup", type=int, default=1, help="Unmeasured seconds first.")
        parser.add_argument(
            "--memory-seconds",
            type=int,
            help="Length of the warm run over all pages that checks memory (60; --quick 10).",
        )
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument(
            "--database-url",
            default=DEFAULT_DATABASE,
            help="A PostgreSQL database the benchmark drops and creates again.",
        )
        parser.add_argument("--redis-url", default=DEFAULT_REDIS)
        parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Measure the database an earlier --keep run left, without building it again.",
        )
        parser.add_argument("--quick", action="store_true", help="A small smoke run.")
        parser.add_argument(
            "--gzip", action="store_true", help="Ask for gzip, as browsers do (wrk does not)."
        )
        parser.add_argument("--pages", help="Only these pages, e.g. home,post (all 8).")
        parser.add_argument("--json", help="Also write the results to this file.")

    def handle(self, *args, **options):
        sizes = QUICK if options["quick"] else FULL
        for name, default in sizes.items():
            options[name] = options[name] if options[name] is not None else default
        self.options = options
        wanted = options["pages"].split(",") if options["pages"] else list(paths(1, ""))
        if set(wanted) - set(paths(1, "")):
            raise CommandError(f"--pages: choose among {','.join(paths(1, ''))}.")
        try:
            self.database = scratch.check_database(
                options["database_url"], settings.DATABASES["default"]
            )
            scratch.check_redis(options["redis_url"])
        except scratch.Refused as error:
            raise CommandError(str(error)) from None
        if shutil.which("wrk") is None:
            raise CommandError(
                "wrk is not installed: `apt-get install wrk` (scripts/bench.sh does it)."
            )
        self.headers = {"Accept-Encoding": "gzip"} if options["gzip"] else {}
        results = {
            "machine": system.machine(),
            "software": self._software(),
            "options": {k: options[k] for k in (*FULL, "campaigns", "actions", "connections",
                                                "workers", "warmup", "gzip")},
            "load_average": {"start": system.load_average()},
        }  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="inpud-bench-") as folder:
            self.folder = Path(folder)
            self.env = self._environment()
            try:
                results.update(self._reuse() if options["reuse"] else self._build())
                pages = paths(results["data"]["posts"], results["data"]["campaign"])
                pages = {name: path for name, path in pages.items() if name in wanted}
                results["pages"] = pages
                self._say("Counting queries per page …")
                _seconds, _peak, out = self._manage("shell", "-c", PROBE.format(paths=pages))
                results["queries"] = child_output(out, "BENCH_QUERIES")
                results["cold"], _ = self._phase(pages, results["queries"], warm=False)
                results["warm"], results["memory"] = self._phase(
                    pages, results["queries"], warm=True
                )
            finally:
                self._clean_up()
        results["load_average"]["end"] = system.load_average()
        results["search_alone"] = getattr(self, "search_alone", None)
        checks = report.targets(
            results["cold"], results["warm"], results["memory"], results["search_alone"]
        )
        results["targets"] = [{"text": text, "met": met} for text, met in checks]
        for line in report.summary(results, checks):
            self.stdout.write(line)
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(results, indent=1) + "\n")

    def _software(self):
        version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout  # noqa: S607
        return {
            "postgresql": scratch.server_version(self.database),
            "wrk": version.split("[")[0].strip(),
        }

    def _clean_up(self):
        scratch.forget_cache(self.options["redis_url"], self.env["BENCH_CACHE_PREFIX"])
        if not (self.options["keep"] or self.options["reuse"]):
            scratch.drop(self.database)

    def _environment(self):
        """Production settings (inpud_site.bench.settings) on the scratch database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_"))}
        env.update(
            DATABASE_URL=self.options["database_url"],
            DJANGO_SETTINGS_MODULE="inpud_site.bench.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
            DJANGO_SECURE_COOKIES="0",
            DJANGO_MEDIA_ROOT=str(self.folder / "media"),
            DJANGO_PRIVATE_MEDIA_ROOT=str(self.folder / "private"),
            DJANGO_STATIC_ROOT=str(self.folder / "static"),
            DJANGO_TASKS_WORKER="0",  # image renditions made while seeding
            DJANGO_LOG_LEVEL="WARNING",
            REDIS_URL=self.options["redis_url"],
            BENCH_CACHE_PREFIX=f"inpud-bench-{secrets.token_hex(4)}",
            BENCH_BARE_DIR=str(self.folder / "bare"),
        )
        (self.folder / "bare").mkdir()
        return env

    def _manage(self, *arguments, env=None):
        """Run a manage.py command in a child; return wall time, peak memory (KiB), output."""
        started = time.perf_counter()
        log = self.folder / "child.log"  # a file, not a pipe: only stdout is read here
        with open(log, "w") as errors:
            child = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
                [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
                env=env or self.env, stdout=subprocess.PIPE, stderr=errors, text=True,
            )  # fmt: skip
            output = child.stdout.read()
            _pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            child.stdout.close()
        if child.returncode != 0:
            raise CommandError(
                f"manage.py {arguments[0]} failed:\n{output[-2000:]}{log.read_text()[-3000:]}"
            )
        return time.perf_counter() - started, usage.ru_maxrss, output

    # Building the archive

    def _build(self):
        options = self.options
        self._say(f"Fresh database {self.database['NAME']}, migrate …")
        scratch.recreate(self.database)
        build = {"migrate_s": self._manage("migrate", "-v0")[0]}
        export = self.folder / "export.xml"
        started = time.perf_counter()
        wxrsample.write(export, posts=options["posts"], comments=options["comments"])
        build["write_export_s"] = time.perf_counter() - started
        self._say(
            f"Importing {options['posts']:,} posts and {options['comments']:,} comments "
            f"({export.stat().st_size / 1e6:.1f} MB WXR) …"
        )
        seconds, peak, _out = self._manage("import_wordpress", str(export), "-v0")
        imported = {
            "posts": options["posts"],
            "comments": options["comments"],
            "wxr_mb": round(export.stat().st_size / 1e6, 1),
            "seconds": round(seconds, 1),
            "comments_per_s": round(options["comments"] / seconds),
            "peak_mb": round(peak / 1024),
        }
        export.unlink()
        self._say(
            f"Adding {options['images']} images, {options['campaigns']} campaigns "
            f"× {options['actions']} actions …"
        )
        seed = SEED.format(
            images=options["images"], campaigns=options["campaigns"], actions=options["actions"]
        )
        build["seed_s"], _peak, out = self._manage("shell", "-c", seed)
        data = child_output(out, "BENCH_DATA")
        started = time.perf_counter()
        scratch.vacuum_analyze(self.database)
        build["vacuum_analyze_s"] = time.perf_counter() - started
        build["collectstatic_s"] = self._manage("collectstatic", "--noinput", "-v0")[0]
        return {"import": imported, "build": build, "data": data}

    def _reuse(self):
        self._say(f"Reusing the database {self.database['NAME']}, migrate …")
        self._manage("migrate", "-v0")  # the code may have moved on since it was built
        _seconds, _peak, out = self._manage("shell", "-c", DESCRIBE)
        self._manage("collectstatic", "--noinput", "-v0")
        return {"import": None, "build": None, "data": child_output(out, "BENCH_DATA")}

    # Measuring

    def _phase(self, pages, queries, *, warm):
        """Each page then its bare twin, with wrk, in one server; return the rows and, for
        the warm run, the workers' memory."""
        phase = "warm" if warm else "cold"
        env = {**self.env, "DJANGO_PAGE_CACHE": "1" if warm else "0"}
        rows = []
        with Gunicorn(root=settings.BASE_DIR, env=env, workers=self.options["workers"]) as server:
            load_before = system.load_average()
            sizes, caches = self._prepare(server, pages, warm=warm)
            meters = {
                "app": system.CpuMeter(server.worker_pids),
                "db": system.CpuMeter(lambda: system.database_backends(self.database["NAME"])),
                "redis": system.CpuMeter(lambda: system.named("redis-server")),
            }
            memory = {"phase_start": server.rss()}
            for name, path in pages.items():
                page, twin = self._measure(
                    server.base + path, server.base + f"/_bench/bare/{name}/", meters
                )
                rows.append(
                    report.row(
                        name, page, twin, queries=queries[name][phase], size=sizes[name],
                        cache=caches[name],
                    )
                )  # fmt: skip
                self._say(
                    f"  {phase} {name}: {page['rps']:.1f} req/s, bare {twin['rps']:.0f} req/s"
                )
            if warm:
                memory.update(self._memory_run(server, pages))
            elif "search" in pages:
                self.search_alone = self._one_at_a_time(server.base + pages["search"])
            load = {"before": load_before, "after": system.load_average()}
        for item in rows:
            item["load_average"] = load
        return rows, memory if warm else None

    def _one_at_a_time(self, url):
        """A search's own latency: one connection, so no request waits behind another."""
        figures = wrk.run(
            url, seconds=self.options["seconds"], connections=1, threads=1,
            headers=[f"{k}: {v}" for k, v in self.headers.items()],
        )  # fmt: skip
        self._say(f"  cold search, one at a time: p95 {figures['p95']:.1f} ms")
        return {key: figures[key] for key in ("rps", "p50", "p95", "p99")}

    def _memory_run(self, server, pages):
        """The workers' memory before and after a run going round every page."""
        seconds = self.options["memory_seconds"]
        self._say(f"  warm: {seconds} s going round all the pages, for memory …")
        start = server.rss()
        mixed = wrk.run(
            server.base + "/", seconds=seconds, connections=self.options["connections"],
            headers=[f"{k}: {v}" for k, v in self.headers.items()], rotate=list(pages.values()),
        )  # fmt: skip
        system.wait_until_idle(server.worker_pids)
        return {"start": start, "end": server.rss(), "seconds": seconds, "rps": mixed["rps"]}

    def _prepare(self, server, pages, *, warm):
        """Fetch every page once: store its bytes for the bare view (cold run), prime the
        cache (warm run), and check that the bare view answers with the very same bytes."""
        sizes, caches = {}, {}
        for name, path in pages.items():
            status, headers, body = fetch(server.base + path)
            if status != 200:
                raise CommandError(f"{path} answered {status}.")
            if warm:
                status, headers, body = fetch(server.base + path)
                caches[name] = headers.get("X-Page-Cache", "-")
            else:
                bare.store(self.folder / "bare", name, body, headers["Content-Type"])
                caches[name] = "off"
            twin = fetch(server.base + f"/_bench/bare/{name}/")[2]
            if twin != body and not warm:
                raise CommandError(f"The bare view for {name} does not return the same bytes.")
            sizes[name] = len(fetch(server.base + path, self.headers)[2])
        return sizes, caches

    def _measure(self, page_url, bare_url, meters):
        """wrk on a page and on its bare twin, taken in turns in slices of about 2 seconds
        (page, bare, bare, page, page, …), so that the machine speeding up or slowing down
        during the run weighs on both alike; with the CPU time each part of the server used
        per request, and what the rest of the machine used meanwhile."""
        urls = (page_url, bare_url)
        options = {
            "connections": self.options["connections"],
            "headers": [f"{name}: {value}" for name, value in self.headers.items()],
        }
        if self.options["warmup"]:
            for url in urls:
                wrk.run(url, seconds=self.options["warmup"], **options)
            system.wait_until_idle(meters["app"].processes)
        runs = {url: [] for url in urls}
        for number, seconds in enumerate(wrk.slices(self.options["seconds"])):
            for url in urls if number % 2 == 0 else reversed(urls):
                runs[url].append(self._slice(url, seconds, meters, options))
        return tuple(self._pooled(runs[url]) for url in urls)

    def _slice(self, url, seconds, meters, options):
        for meter in meters.values():
            meter.start()
        busy, ours = system.busy_seconds(), _children_cpu()
        figures = wrk.run(url, seconds=seconds, **options)
        figures["used"] = {name: meter.stop() for name, meter in meters.items()}
        busy, ours = system.busy_seconds() - busy, _children_cpu() - ours  # wrk's own CPU
        figures["others_seconds"] = busy - ours - sum(figures["used"].values())
        # Connections wrk dropped still wait in the listen queue: let the workers finish them
        # before the next measurement starts.
        system.wait_until_idle(meters["app"].processes)
        return figures

    @staticmethod
    def _pooled(runs):
        figures = wrk.pool(runs)
        seconds, requests = figures["seconds"], figures["requests"]
        others = sum(run["others_seconds"] for run in runs)
        figures["others"] = max(0.0, others / seconds) if seconds else 0
        for name in runs[0]["used"]:
            used = sum(run["used"][name] for run in runs)
            figures[f"{name}_ms"] = used * 1000 / requests if requests else None
        if not requests:
            figures.update(p50=None, p90=None, p95=None, p99=None)
        return figures

    # Output

    def _say(self, text):
        self.stderr.write(text)

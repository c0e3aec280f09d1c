"""`python -m inpud_site.audit --tools DIR`: the audit that scripts/audit.sh runs.

Builds the demo site in a throwaway folder (SQLite database, media, collected static files),
serves it with gunicorn under production settings on 127.0.0.1, runs Lighthouse, axe-core,
the Nu checker, the feed checks and the page-weight check, prints what it finds, writes the
table into the README and exits 1 when a target is missed.
"""

import argparse
import contextlib
import io
import json
import logging
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from inpud_site.audit import server

CHECKS = ("lighthouse", "axe", "vnu", "feeds", "weight")
# The page the site must answer 404 for (Lighthouse is told to audit it all the same).
NOT_FOUND = "404"


def say(message):
    print(f"[audit] {message}", file=sys.stderr, flush=True)


def parse(argv):
    parser = argparse.ArgumentParser(prog="scripts/audit.sh", description=__doc__.split("\n")[0])
    parser.add_argument("--tools", required=True, help="where scripts/audit.sh installed them")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--only", default=",".join(CHECKS), help="comma-separated checks")
    parser.add_argument("--page", action="append", help="only pages whose name has this")
    parser.add_argument("--port", type=int, help="default: the first free one from 8300")
    parser.add_argument("--no-readme", action="store_true", help="print, do not write README")
    parser.add_argument("--json", help="write every finding to this file")
    parser.add_argument("--serve", action="store_true", help="only serve the site until Ctrl-C")
    args = parser.parse_args(argv)
    args.only = [name for name in args.only.split(",") if name]
    unknown = set(args.only) - set(CHECKS)
    if unknown:
        parser.error(f"unknown check(s): {', '.join(sorted(unknown))}")
    return args


def build_site(workdir):
    """Migrate, load the demo, add the 50-comment thread, collect static files; pick pages."""
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    logging.getLogger("django.tasks").setLevel(logging.WARNING)  # one line per rendition

    from comments.models import Comment
    from inpud_site.audit import pages

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    say(f"building the demo site in {workdir}")
    call_command("migrate", interactive=False, **quiet)
    call_command("load_demo", force=True, **quiet)
    call_command("collectstatic", interactive=False, **quiet)
    post = pages.heavy_post()
    pages.add_comments(post)
    page_targets, feed_targets = pages.pick(post)
    comments = Comment.objects.filter(post=post).published().count()
    connections.close_all()  # gunicorn's workers open their own
    return page_targets, feed_targets, post.get_absolute_url(), comments


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    chromium = subprocess.run(  # noqa: S603 - fixed arguments
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores of {cpu}, {memory:.1f} GB RAM, Linux {platform.release()}, "
        f"Python {platform.python_version()}, {chromium or 'Chromium'}"
    )


def run_checks(args, base, page_targets, feed_targets, heavy):
    """Every check `--only` names, on the served site; returns the results for the table."""
    from inpud_site.audit import table

    results = {"pages": [], "css": [], "feeds": [], "versions": {}, "runs": args.runs}
    for target in page_targets:  # one request each, so readers' first visits are warm
        status = server.fetch(base + target.path)[0]
        expected = 404 if target.name == NOT_FOUND else 200
        entry = {"name": target.name, "path": target.path, "http": status}
        if status != expected:
            entry["error"] = f"HTTP {status}, expected {expected}"
            say(f"{target.name}: {entry['error']}")
        results["pages"].append(entry)
    by_url = {base + entry["path"]: entry for entry in results["pages"]}
    if "vnu" in args.only:
        check_html(args.tools, by_url, results)
    if "axe" in args.only:
        check_accessibility(args.tools, by_url, results)
    if "feeds" in args.only:
        check_feeds(base, feed_targets, results)
    if "weight" in args.only:
        check_weight(base, heavy, results)
    if "lighthouse" in args.only:
        for url, entry in by_url.items():
            check_lighthouse(args, url, entry, results)
    results["missed"] = table.missed(results)
    return results


def check_html(tools, by_url, results):
    from inpud_site.audit import vnu

    say("Nu Html Checker on every page and its stylesheets")
    found, sheets = vnu.audit(tools, list(by_url))
    results["versions"]["vnu"] = vnu.version(tools)
    for url, result in found.items():
        by_url[url]["vnu"] = result["errors"]
        for line in result["first"]:
            say(f"  vnu {by_url[url]['name']}: {line}")
    for url, result in sheets.items():
        results["css"].append({"name": vnu.strip_hash(url), "errors": result["errors"]})
        for line in result["first"]:
            say(f"  vnu {vnu.strip_hash(url)}: {line}")


def check_accessibility(tools, by_url, results):
    from inpud_site.audit import axe

    say("axe-core on every page, phone and laptop widths")
    for url, result in axe.audit(tools, list(by_url)).items():
        by_url[url]["axe"] = len(result["violations"])
        results["versions"]["axe"] = result["version"]
        for rule in result["violations"]:
            name = by_url[url]["name"]
            say(f"  axe {name}: {rule['id']} ({rule['impact']}) {rule['targets']}")


def check_feeds(base, feed_targets, results):
    from inpud_site.audit import feeds

    for target in feed_targets:
        status, headers, body = server.fetch(base + target.path)
        kind, entries, errors = feeds.check_response(
            status, headers["Content-Type"], body, base + target.path
        )
        results["feeds"].append(
            {"name": target.name, "path": target.path, "kind": kind, "entries": entries,
             "errors": errors}
        )  # fmt: skip
        say(f"feed {target.name}: {kind}, {entries} entries, {len(errors)} error(s)")
        for error in errors[:5]:
            say(f"  {error}")


def check_weight(base, heavy, results):
    from inpud_site.audit import weight

    measured = weight.measure(base + heavy["path"])
    results["weight"] = {**measured, **heavy, "limit": weight.LIMIT_BYTES}
    say(
        f"weight {heavy['path']}: {measured['bytes_without_images']} bytes without images "
        f"({measured['bytes_by_type']}), document {measured['document_encoding'] or 'identity'}"
        f", other origins: {measured['other_origins'] or 'none'}"
    )


def check_lighthouse(args, url, entry, results):
    from inpud_site.audit import lighthouse, table

    started = time.monotonic()
    try:
        found = lighthouse.audit(
            args.tools, url, runs=args.runs, ignore_status=entry["name"] == NOT_FOUND
        )
    except RuntimeError as error:
        entry["error"] = str(error)
        say(f"lighthouse {entry['name']}: {error}")
        return
    entry["lighthouse"] = found["scores"]
    entry["waived"] = table.waived(entry["name"], found["lost"], found["console"], url)
    results["versions"]["lighthouse"] = found["version"]
    say(
        f"lighthouse {entry['name']}: {found['scores']} runs {found['runs']} "
        f"({time.monotonic() - started:.0f} s)"
    )
    for category, audits in found["lost"].items():
        say(f"  lost in {category}: {', '.join(f'{a} ({b})' for a, b in audits)}")


def main(argv=None):
    args = parse(argv)
    # A stop from outside (kill, a job control's SIGTERM) still stops gunicorn and cleans up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="inpud-audit-"))
    try:
        port = args.port or server.free_port()
        env = server.production_env(workdir, port)
        os.environ.update(env)
        page_targets, feed_targets, heavy_path, comments = build_site(workdir)
        if args.page:
            page_targets = [t for t in page_targets if any(p in t.name for p in args.page)]
        with server.Gunicorn(env, port) as site:
            say(f"serving {site.base} (production settings, 2 gunicorn workers)")
            if args.serve:
                for target in page_targets:
                    print(f"{target.name}: {site.base}{target.path}")
                with contextlib.suppress(KeyboardInterrupt):
                    site.process.wait()
                return 0
            heavy = {"path": heavy_path, "comments": comments}
            results = run_checks(args, site.base, page_targets, feed_targets, heavy)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(args, results)


def report(args, results):
    from inpud_site.audit import table

    results["date"] = datetime.now(UTC).strftime("%Y-%m-%d")
    results["machine"] = machine()
    block = table.render(results)
    print(block)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    if not args.no_readme:
        table.write_readme(server.ROOT / "README.md", block)
        say("wrote the table into README.md")
    for line in results["missed"]:
        say(f"MISSED {line}")
    return 1 if results["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())

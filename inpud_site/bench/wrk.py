"""Running wrk, and reading what it prints."""

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("report.lua")
RESULT = re.compile(r"^BENCH_RESULT (\{.*\})\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
DURATION = re.compile(r"([\d.]+)(us|ms|s|m)\b")


class WrkMissing(RuntimeError):
    pass


def command(url, *, seconds, connections, threads=2, headers=(), rotate=()):
    """The wrk command line for one measured run; with `rotate`, the requests go round
    those paths instead of asking for `url` alone."""
    return [
        "wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s",
        "--timeout", "10s", "--latency", "-s", str(SCRIPT),
        *[part for header in headers for part in ("-H", header)], url,
        *(["--", *rotate] if rotate else []),
    ]  # fmt: skip


def run(url, **options):
    """Drive `url` with wrk; return the parsed figures."""
    if shutil.which("wrk") is None:
        raise WrkMissing("wrk")
    done = subprocess.run(command(url, **options), capture_output=True, text=True, check=True)  # noqa: S603
    return parse(done.stdout)


def slices(seconds, *, length=2):
    """`seconds` cut into slices of about `length` seconds (wrk counts in whole seconds)."""
    count = max(1, seconds // length)
    base, extra = divmod(seconds, count)
    return [base + (1 if number < extra else 0) for number in range(count)]


def pool(runs):
    """One set of figures from several runs on the same URL: totals added, rate from the
    totals, latencies read from the runs' histograms put together, as wrk reads its own."""
    if len(runs) == 1:
        return runs[0]
    pooled = {
        key: sum(run.get(key, 0) for run in runs)
        for key in ("requests", "seconds", "bytes", "socket_errors", "non_2xx")
    }
    pooled["rps"] = pooled["requests"] / pooled["seconds"] if pooled["seconds"] else 0.0
    counts = {}
    for run in runs:
        for value, count in run["histogram"]:
            counts[value] = counts.get(value, 0) + count
    total = sum(counts.values())
    values = sorted(counts)
    pooled["mean"] = sum(v * c for v, c in counts.items()) / total / 1000 if total else None
    pooled["max"] = values[-1] / 1000 if values else None
    for percent in (50, 90, 95, 99):
        pooled[f"p{percent}"] = _percentile(values, counts, total, percent)
    return pooled


def _percentile(values, counts, total, percent):
    """wrk's own rule: the smallest latency with at least `percent` of the requests at or
    under it (milliseconds)."""
    if not total:
        return None
    rank = math.floor(percent / 100 * total + 1)  # wrk: round(p * count + 0.5)
    seen = 0
    for value in values:
        seen += counts[value]
        if seen >= rank:
            return value / 1000
    return values[-1] / 1000


def milliseconds(text):
    """'950.12us' -> 0.95012, '1.20s' -> 1200.0."""
    number, unit = DURATION.fullmatch(text.strip()).groups()
    return float(number) * UNITS[unit]


def parse(output):
    """Figures from wrk's output: the script's JSON line if present, else wrk's own report
    (which has no 95th percentile)."""
    found = RESULT.search(output)
    figures = json.loads(found.group(1)) if found else _parse_report(output)
    seconds = figures["seconds"]
    figures["rps"] = figures["requests"] / seconds if seconds else 0.0
    return figures


def _parse_report(output):
    figures = {"socket_errors": 0, "non_2xx": 0, "p95": None}
    totals = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+)(\w+) read", output)
    if not totals:
        raise ValueError("not wrk output")
    figures["requests"] = int(totals.group(1))
    figures["seconds"] = milliseconds(totals.group(2)) / 1000
    for percent, value in re.findall(r"^\s+(50|90|99)%\s+(\S+)$", output, re.MULTILINE):
        figures[f"p{percent}"] = milliseconds(value)
    latency = re.search(r"Latency\s+(\S+)\s+\S+\s+(\S+)", output)
    if latency:
        figures["mean"], figures["max"] = map(milliseconds, latency.groups())
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        figures["socket_errors"] = sum(map(int, errors.groups()))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        figures["non_2xx"] = int(non_2xx.group(1))
    return figures

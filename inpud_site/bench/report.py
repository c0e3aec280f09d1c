"""The benchmark's table, its comparison with WordPress, and the issue's targets."""

from inpud_site.bench.wrk import slices

# WordPress 6.1 (Debian packages, PHP 8.2 + OPcache, MariaDB, nginx, no cache plugin) on a
# machine like ours, 2,000 posts and 20,000 comments: requests/s, server CPU ms per request.
WORDPRESS = {
    "home": (21.0, 93.0),
    "post": (4.9, 319.0),
    "category": (19.0, None),
    "search": (5.9, None),
}
BARE_REFERENCE = 1400.0  # a bare Django 6.1 view, 30 KB, gunicorn with 2 workers
RSS_FLAT_MB = 5.0  # growth of a worker over the memory run still counted as flat

COLUMNS = [
    # heading, row key, width, format
    ("page", "page", 9, "{}"),
    ("req/s", "rps", 8, "{:.1f}"),
    ("p50 ms", "p50", 7, "{:.1f}"),
    ("p95 ms", "p95", 7, "{:.1f}"),
    ("p99 ms", "p99", 7, "{:.1f}"),
    ("queries", "queries", 7, "{}"),
    ("KB", "kb", 7, "{:.1f}"),
    ("app ms", "app_ms", 7, "{:.2f}"),
    ("db ms", "db_ms", 6, "{:.2f}"),
    ("bare/s", "bare_rps", 7, "{:.0f}"),
    ("×bare", "vs_bare", 6, "{:.2f}"),
    ("WP/s", "wp_rps", 5, "{:.1f}"),
    ("×WP", "vs_wp", 6, "{:.1f}"),
    ("cache", "cache", 5, "{}"),
    ("errors", "errors", 6, "{}"),
    ("others", "others", 6, "{:.2f}"),
]


def row(name, page, bare, *, queries, size, cache):
    """One line of the table from the wrk figures of a page and of its bare twin."""
    wp_rps = WORDPRESS.get(name, (None, None))[0]
    return {
        "page": name,
        "rps": page["rps"],
        "p50": page.get("p50"),
        "p95": page.get("p95"),
        "p99": page.get("p99"),
        "queries": queries,
        "kb": size / 1024,
        "bytes": size,
        "app_ms": page["app_ms"],
        "db_ms": page["db_ms"],
        "bare_rps": bare["rps"],
        "bare_app_ms": bare["app_ms"],
        "vs_bare": page["rps"] / bare["rps"] if bare["rps"] and page["rps"] else None,
        "wp_rps": wp_rps,
        "vs_wp": page["rps"] / wp_rps if wp_rps and page["rps"] else None,
        # The same ratio at the reference machine's speed: this run's bare view scaled to the
        # reference's 1,400 req/s, so that runs on a faster or slower day can be compared.
        "vs_wp_at_reference": (
            page["rps"] / bare["rps"] * BARE_REFERENCE / wp_rps
            if wp_rps and page["rps"] and bare["rps"]
            else None
        ),
        "cache": cache or "-",
        "errors": page["socket_errors"] + page["non_2xx"],
        "non_2xx": page["non_2xx"],
        "requests": page["requests"],
        "others": page.get("others"),  # cores busy with other people's work meanwhile
        "redis_ms": page.get("redis_ms"),
    }


TEXT_COLUMNS = {"page", "cache"}


def _cell(text, key, width):
    return text.ljust(width) if key in TEXT_COLUMNS else text.rjust(width)


def table(rows):
    """The rows as a fixed-width text table."""
    lines = [
        "  ".join(_cell(heading, key, width) for heading, key, width, _form in COLUMNS),
        "  ".join("-" * width for _heading, _key, width, _form in COLUMNS),
    ]
    for item in rows:
        cells = []
        for _heading, key, width, form in COLUMNS:
            value = item.get(key)
            cells.append(_cell("-" if value is None else form.format(value), key, width))
        lines.append("  ".join(cells))
    return "\n".join(lines)


def targets(cold, warm, memory, search_alone=None):
    """The issue's targets against this run: [(text, met)]. The search latency target is
    held to searches one at a time (`search_alone`): under 16 connections on 2 workers a
    request mostly waits for the ones ahead of it, and that wait is shown beside it."""
    measured = {item["page"]: item for item in cold if item["requests"]}
    checks = []
    for name, factor in (("post", 20), ("home", 10), ("category", 10), ("search", 10)):
        if item := measured.get(name):
            wanted = WORDPRESS[name][0] * factor
            checks.append((
                f"{name}, uncached: >= {factor}x WordPress ({wanted:.0f} req/s): "
                f"{item['rps']:.1f} req/s = {item['vs_wp']:.1f}x; "
                f"{item['vs_wp_at_reference']:.1f}x at the reference machine's speed",
                item["rps"] >= wanted,
            ))  # fmt: skip
    for name, factor in (("post", 20), ("home", 10)):  # the same factors, in CPU time
        if item := measured.get(name):
            ours, theirs = item["app_ms"] + item["db_ms"], WORDPRESS[name][1]
            checks.append((
                f"{name} CPU, uncached: <= {theirs / factor:.1f} ms per request "
                f"(WordPress {theirs:.0f} ms / {factor}): {ours:.1f} ms (app + database) = "
                f"{theirs / ours:.1f}x less",
                ours <= theirs / factor,
            ))  # fmt: skip
    if search_alone:
        loaded = measured.get("search")
        queued = f"; under load {loaded['p95']:.1f} ms" if loaded else ""
        checks.append((
            f"search p95 <= 50 ms at this size, one search at a time: "
            f"{search_alone['p95']:.1f} ms{queued}",
            search_alone["p95"] <= 50,
        ))  # fmt: skip
    cached = [item for item in warm if item["cache"] == "hit"]
    if cached:
        worst = min(cached, key=lambda item: item["vs_bare"] or 0)
        checks.append((
            f"cached pages >= 0.8x the bare view: lowest {worst['page']} "
            f"{worst['vs_bare'] or 0:.2f}x",
            all((item["vs_bare"] or 0) >= 0.8 for item in cached),
        ))  # fmt: skip
    if memory:
        growth = max(end - start for start, end in zip(memory["start"], memory["end"], strict=True))
        checks.append((
            f"worker memory flat over {memory['seconds']:.0f} s going round all pages "
            f"({memory['rps']:.0f} req/s): RSS {_megabytes(memory['start'])} -> "
            f"{_megabytes(memory['end'])} MB",
            growth <= RSS_FLAT_MB,
        ))  # fmt: skip
    return checks


def _megabytes(values):
    return " + ".join(f"{value:.0f}" for value in values)


def lines_for_targets(checks):
    return [f"  [{'ok' if met else 'MISSED'}] {text}" for text, met in checks]


def summary(results, checks):
    """The whole printed report, line by line."""
    machine, software, data = results["machine"], results["software"], results["data"]
    imported, options, load = results["import"], results["options"], results["load_average"]
    lines = [
        f"Machine: {machine['cores']} cores, {machine['memory_gb']} GB, {machine['cpu']}; "
        f"Linux {machine['kernel']}, Python {machine['python']}, "
        f"PostgreSQL {software['postgresql']}, {software['wrk']}",
        f"Load average (1, 5, 15 min): {' '.join(map(str, load['start']))} at the start, "
        f"{' '.join(map(str, load['end']))} at the end",
        f"Data: {data['posts']:,} posts ({data['published_posts']:,} published, "
        f"{data['posts_with_image']:,} with a featured image from {data['images']} images), "
        f"{data['comments']:,} comments ({data['post_comments_shown']} approved shown on the "
        f"post measured), {data['campaigns']} campaigns with {data['actions']} actions",
    ]
    if imported:
        lines.append(
            f"Import (import_wordpress, production settings, PostgreSQL): {imported['posts']:,} "
            f"posts + {imported['comments']:,} comments ({imported['wxr_mb']} MB) in "
            f"{imported['seconds']} s = {imported['comments_per_s']:,} comments/s, peak memory "
            f"{imported['peak_mb']} MB"
        )
    else:
        lines.append("Import: not measured (--reuse of an earlier run's database)")
    server = (
        f"gunicorn {options['workers']} workers, wrk {options['connections']} connections, "
        f"{options['seconds']} s per page and as long on its bare twin, taken in turns in "
        f"{len(slices(options['seconds']))} slices" + (", gzip" if options["gzip"] else "")
    )
    titles = {
        "cold": "Uncached (DJANGO_PAGE_CACHE=0)",
        "warm": "From the page cache (DJANGO_PAGE_CACHE=1, primed)",
    }
    for phase, title in titles.items():
        rows = results[phase]
        phase_load = rows[0]["load_average"]
        lines += [
            "",
            f"{title}; {server}; load average {phase_load['before'][0]} -> "
            f"{phase_load['after'][0]}",
            table(rows),
        ]
    memory = results["memory"]
    if memory:
        lines += [
            "",
            f"Workers' memory (RSS): {_megabytes(memory['phase_start'])} MB when the warm run "
            f"started, {_megabytes(memory['start'])} MB after its per-page runs, "
            f"{_megabytes(memory['end'])} MB after {memory['seconds']} s more going round all "
            f"the pages ({memory['rps']:.0f} req/s).",
        ]
    near = min(results["cold"], key=lambda item: abs(item["kb"] - 30))
    lines += [
        "",
        "queries: per request, steady state; KB: response body; app ms / db ms: CPU time of "
        "the gunicorn workers / the PostgreSQL backends per request; bare: a Django view "
        "returning the same bytes, same server, same run; ×WP: WordPress 6.1 on a machine like "
        "ours; others: cores kept busy meanwhile by everything but this benchmark.",
        f"Calibration: the bare view at the {near['page']} page's size ({near['kb']:.0f} KB) "
        f"ran {near['bare_rps']:.0f} req/s here; the reference machine's bare Django 30 KB view "
        f"≈ {BARE_REFERENCE:,.0f} req/s.",
        "Targets:",
        *lines_for_targets(checks),
    ]
    return lines

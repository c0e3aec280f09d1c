"""The targets, and the Markdown the audit writes into the README between two markers."""

from pathlib import Path

START = "<!-- audit:start -->"
END = "<!-- audit:end -->"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Scores a page may miss by design, when it loses nothing but the audits named here: a 404
# page answers 404 (and Chromium logs that status as a console error), and search results
# carry noindex (robots.txt keeps crawlers out too).
WAIVERS = {
    "404": {
        "seo": ({"http-status-code"}, "404 status, by design"),
        "best-practices": ({"errors-in-console"}, "its 404 status logged, by design"),
    },
    "search results": {"seo": ({"is-crawlable"}, "noindex, by design")},
}
COMPRESSED = {"gzip", "br", "zstd"}
HEADINGS = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}


def missed(results):
    """What missed its target, one line each; empty when every target is met."""
    found = []
    for page in results["pages"]:
        if page.get("error"):
            found.append(f"{page['name']}: {page['error']}")
        scores = page.get("lighthouse")
        for category, target in TARGETS.items():
            if scores is None or category in page.get("waived", {}):
                continue
            if scores.get(category) is None or scores[category] < target:
                found.append(f"{page['name']}: Lighthouse {category} {scores.get(category)}")
        for tool in ("axe", "vnu"):
            if page.get(tool):
                found.append(f"{page['name']}: {page[tool]} {tool} finding(s)")
    for sheet in results.get("css", []):
        if sheet["errors"]:
            found.append(f"{sheet['name']}: {sheet['errors']} Nu checker error(s)")
    for feed in results.get("feeds", []):
        if feed["errors"]:
            found.append(f"{feed['name']} feed: {len(feed['errors'])} error(s)")
    weight = results.get("weight")
    if weight:
        if weight["bytes_without_images"] > weight["limit"]:
            found.append(f"post weight: {kilobytes(weight['bytes_without_images'])} KB")
        if weight["other_origins"]:
            found.append(f"post: requests to {', '.join(weight['other_origins'])}")
        if weight.get("document_encoding") not in COMPRESSED:
            found.append(f"post: sent {weight.get('document_encoding') or 'uncompressed'}")
    return found


def waived(name, lost, console=(), url=None):
    """{category: reason} of the WAIVERS that apply, given the audits that lost points.

    A console error is waived only when every one is about the page's own address (the
    status it answers with), never for a script or resource that failed.
    """
    found = {}
    for category, (allowed, reason) in WAIVERS.get(name, {}).items():
        ids = {audit_id for audit_id, _shown in lost.get(category, [])}
        if "errors-in-console" in ids and any(source != url for source in console):
            continue
        if ids and ids <= allowed:
            found[category] = reason
    return found


def kilobytes(size):
    return f"{size / 1024:.1f}"


def _cell(value, waived=None):
    text = "–" if value is None else str(value)
    return f"{text} ({waived})" if waived else text


def render(results):
    """The Markdown block: caption, page table, stylesheet, feeds, weight, verdict."""
    lines = [
        f"Measured on {results['date']} by `scripts/audit.sh` on {results['machine']}.",
        f"Lighthouse {results['versions'].get('lighthouse', '–')}, mobile preset with its "
        f"default simulated throttling, each score the median of {results['runs']} run(s) of "
        "the page (performance moves by about ±5 between runs on 2 cores); axe-core "
        f"{results['versions'].get('axe', '–')}: rules violated (tags wcag2a, wcag2aa, wcag21a, "
        "wcag21aa, wcag22aa) at 412 and 1280 px wide; Nu Html Checker "
        f"{results['versions'].get('vnu', '–')}: errors.",
        "",
        "| page | path | performance | accessibility | best practices | SEO | axe | vnu |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in results["pages"]:
        scores = page.get("lighthouse") or {}
        waived = page.get("waived", {})
        cells = [_cell(scores.get(name), waived.get(name)) for name in TARGETS]
        lines.append(
            f"| {page['name']} | `{page['path']}` | {' | '.join(cells)} "
            f"| {_cell(page.get('axe'))} | {_cell(page.get('vnu'))} |"
        )
    targets = ", ".join(f"{HEADINGS[name]} ≥ {value}" for name, value in TARGETS.items())
    lines += ["", f"Targets: Lighthouse {targets}; axe 0; vnu 0."]
    if results.get("css"):
        sheets = ", ".join(f"`{sheet['name']}` {sheet['errors']}" for sheet in results["css"])
        lines += ["", f"Nu Html Checker on the stylesheets, errors: {sheets}."]
    if results.get("feeds"):
        lines += [
            "",
            "| feed | path | format | entries | errors |",
            "| --- | --- | --- | ---: | ---: |",
        ]
        for feed in results["feeds"]:
            lines.append(
                f"| {feed['name']} | `{feed['path']}` | {feed['kind'] or '–'} "
                f"| {feed['entries']} | {len(feed['errors'])} |"
            )
    weight = results.get("weight")
    if weight:
        lines += [
            "",
            f"Page weight of `{weight['path']}` ({weight['comments']} comments), as Chromium "
            f"fetched it at phone size: {kilobytes(weight['bytes_without_images'])} KB "
            f"transferred compressed without images (limit {kilobytes(weight['limit'])} KB), "
            f"{weight['requests']} requests, {len(weight['other_origins'])} to other origins.",
        ]
    misses = missed(results)
    verdict = "Every target is met." if not misses else "Missed: " + "; ".join(misses) + "."
    lines += ["", verdict]
    return "\n".join(lines)


def replace_block(text, block):
    """`text` with everything between the two markers replaced by `block`."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {START} … {END} block")
    return f"{text[: start + len(START)]}\n{block}\n{text[end:]}"


def write_readme(path, block):
    path = Path(path)
    path.write_text(replace_block(path.read_text(encoding="utf-8"), block), encoding="utf-8")

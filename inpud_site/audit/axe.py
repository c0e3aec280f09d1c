"""axe-core (npm) injected by Playwright into Debian's Chromium, with the WCAG 2.2 AA rules."""

from pathlib import Path

from inpud_site.audit.lighthouse import CHROMIUM, HOST_RULES

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A phone like Lighthouse's mobile preset, and a laptop: contrast and overlap can differ.
VIEWPORTS = {"mobile": (412, 823), "desktop": (1280, 800)}

RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    version: axe.version,
    passes: results.passes.length,
    violations: results.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      targets: rule.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    })),
  };
}"""


def audit(tools, urls):
    """{url: {violations: [...], version}}, the union over both viewports."""
    from playwright.sync_api import sync_playwright

    script = (Path(tools) / "node_modules" / "axe-core" / "axe.min.js").read_text()
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", f"--host-resolver-rules={HOST_RULES}"],
        )
        try:
            for url in urls:
                rules = {}
                for width, height in VIEWPORTS.values():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(url, wait_until="load")
                    page.evaluate(script)
                    result = page.evaluate(RUN, TAGS)
                    page.close()
                    if not result["passes"]:
                        raise RuntimeError(f"axe-core ran no rule on {url}")
                    for rule in result["violations"]:
                        rules.setdefault(rule["id"], rule)
                found[url] = {"violations": list(rules.values()), "version": result["version"]}
        finally:
            browser.close()
    return found

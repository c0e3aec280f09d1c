"""Page weight as a phone's browser fetches it: compressed bytes on the wire, by type."""

from urllib.parse import urlsplit

from inpud_site.audit.lighthouse import CHROMIUM, HOST_RULES

LIMIT_BYTES = 60 * 1024


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def summarise(url, requests):
    """Totals from {request id: {url, type, bytes}} as the browser's network log gave them."""
    own = origin(url)
    by_type = {}
    for request in requests.values():
        by_type[request["type"]] = by_type.get(request["type"], 0) + request["bytes"]
    return {
        "url": url,
        "requests": len(requests),
        "bytes_without_images": sum(size for kind, size in by_type.items() if kind != "Image"),
        "bytes_by_type": by_type,
        "other_origins": sorted(
            {origin(request["url"]) for request in requests.values()}
            - {own, "data:", "blob:", "about:"}
        ),
    }


def measure(url):
    """Load `url` once in Chromium at a phone's size, cache off, and count the bytes.

    The bytes are the encoded (transferred) lengths Chromium reports, headers included, for
    every response of the first visit; images are counted apart.
    """
    from playwright.sync_api import sync_playwright

    requests = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", f"--host-resolver-rules={HOST_RULES}"],
        )
        try:
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

            def sent(event):
                requests[event["requestId"]] = {
                    "url": event["request"]["url"],
                    "type": event.get("type", "Other"),
                    "bytes": 0,
                }

            def finished(event):
                if event["requestId"] in requests:
                    requests[event["requestId"]]["bytes"] = int(event["encodedDataLength"])

            cdp.on("Network.requestWillBeSent", sent)
            cdp.on("Network.loadingFinished", finished)
            response = page.goto(url, wait_until="networkidle")
            encoding = response.headers.get("content-encoding", "")
        finally:
            browser.close()
    return {**summarise(url, requests), "document_encoding": encoding}

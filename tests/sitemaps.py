"""Read the sitemap as a crawler does: the index, then every page of every section."""

from urllib.parse import urlsplit

from defusedxml import ElementTree

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    """Every address the sitemap gives, with its lastmod (or None)."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200, index.status_code
    found = {}
    for section in ElementTree.fromstring(index.content).iter(f"{NS}sitemap"):
        address = urlsplit(section.findtext(f"{NS}loc"))
        response = client.get(address.path, query_params=dict([address.query.split("=")])
                              if address.query else None)  # fmt: skip
        assert response.status_code == 200, (address, response.status_code)
        for url in ElementTree.fromstring(response.content).iter(f"{NS}url"):
            found[url.findtext(f"{NS}loc")] = url.findtext(f"{NS}lastmod")
    return found

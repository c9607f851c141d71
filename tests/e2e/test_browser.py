"""End to end in Debian's Chromium: the live server and the static export opened from disk."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _hostile_ids(base: str) -> tuple[str, list[str]]:
    src = next(s["path"] for s in httpx.get(base + "/api/sources").json() if s["path"].endswith("hostile-notes.md"))
    pages = httpx.get(base + "/api/sources/" + src).json()["pages"]
    return src, [p["id"] for p in pages]


def check_overview(page):
    meta = page.locator(".page-head .meta")
    expect(meta.locator(".conf")).to_have_text("High confidence")
    expect(meta.locator(".type")).to_have_text("Concept")
    expect(meta).to_contain_text("edited by lorebook")
    expect(meta).to_contain_text("Generated")
    expect(meta.locator(".version")).to_have_text(re.compile(r"^v[1-9][0-9]*$"))  # v2 after the second ingest
    index = page.locator("h2#document-index + .table-wrap table")
    expect(index.locator("thead th")).to_have_text(["Type", "Document", "One-line summary"])
    expect(index.locator("tbody tr", has_text="ADR-014: Postgres as primary datastore")).to_have_count(1)
    expect(index.locator("tbody tr", has_text="Postmortem: 2026-05-12 API outage").locator("td").first).to_have_text("Postmortem")
    assert index.locator("tbody tr .chip").count() >= 10  # every row is cited


def check_chip_highlights(page):
    """Click the chip of the 14:10 timeline entry: a popover quotes the lines; its link opens the source
    with exactly those lines highlighted, in view."""
    item = page.locator(".body li", has_text="The database runs out of connections")
    chip = item.locator(".chip").first
    label = chip.inner_text()  # e.g. L55 (the page's main source is not named)
    assert re.fullmatch(r"L\d+(–\d+)?", label), label
    a, _, b = label[1:].partition("–")
    a, b = int(a), int(b or a)
    chip.click()
    pop = page.locator("#" + chip.get_attribute("popovertarget"))
    expect(pop).to_be_visible()
    expect(pop.locator(".cite-quote").first).to_contain_text("runs out of connections")
    pop.locator("a.cite-link").first.click()
    page.wait_for_load_state()
    assert "engineering-log.md" in page.url and f"#L{a}-L{b}" in page.url
    hl = page.locator(".line.hl")
    expect(hl).to_have_count(b - a + 1)
    expect(hl.first).to_have_attribute("id", f"L{a}")
    expect(hl.first).to_contain_text("runs out of connections")
    expect(hl.first).to_be_in_viewport()
    expect(page.locator(f"#L{max(1, a - 5)}")).to_be_attached()  # the rest of the file is there too
    assert page.locator(".line").count() > b


def test_overview_header_and_index(page, server):
    page.goto(server + "/page/overview")
    expect(page).to_have_title(re.compile("Platform Team Overview"))
    check_overview(page)
    page.screenshot(path="test-artifacts/overview-full.png", full_page=True)


def test_citation_chip_opens_highlighted_lines(page, server):
    page.goto(server + "/page/incident-2026-05-12-api-outage")
    check_chip_highlights(page)


def test_search_and_ask(page, server):
    page.goto(server + "/")
    page.fill("#q-home", "connection pool")
    page.press("#q-home", "Enter")
    expect(page.locator(".hits li").first).to_be_visible()
    expect(page.locator(".hits")).to_contain_text("Postmortem: 2026-05-12 API outage")
    page.fill("#ask-main", "Why was DynamoDB rejected?")
    page.press("#ask-main", "Enter")
    answer = page.locator("section.answer")
    expect(answer).to_contain_text("DynamoDB")
    chip = answer.locator(".chip").first
    expect(chip).to_be_visible()
    chip.click()
    answer.locator(".cite-pop a.cite-link").first.click()
    expect(page.locator(".line.hl").first).to_contain_text("DynamoDB")


def test_related_link(page, server):
    page.goto(server + "/page/incident-2026-05-12-api-outage")
    related = page.locator("h2#related + ul")
    related.get_by_role("link", name="Runbook: Roll back a bad deploy").click()
    expect(page.locator("h1")).to_have_text("Runbook: Roll back a bad deploy")
    expect(page.locator(".backlinks")).to_contain_text("Postmortem: 2026-05-12 API outage")


def test_keyboard_and_views(page, server):
    page.goto(server + "/page/overview")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("/")
    expect(page.locator("#q-top")).to_be_focused()
    page.goto(server + "/actions")
    expect(page.locator("#col-open")).to_contain_text("Open")
    expect(page.locator(".card.open", has_text="Alert when connection count")).to_contain_text("mina")
    page.goto(server + "/incidents")
    expect(page.locator("tr", has_text="2026-05-12")).to_contain_text("45 min")
    page.goto(server + "/decisions")
    expect(page.locator("#st-accepted")).to_be_visible()


def test_phone_and_dark(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True)
    tab = ctx.new_page()
    tab.goto(server + "/page/overview")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    bg = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(251, 251, 250)", "dark scheme not applied"
    tab.screenshot(path="test-artifacts/overview-phone-dark.png", full_page=False)
    ctx.close()


def test_hostile_source_runs_nothing(page, server):
    src, ids = _hostile_ids(server)
    assert ids, "the hostile source compiled to no page"
    urls = [server + "/page/" + i for i in ids] + [server + "/source/" + src + "?hl=1-3#L1-L3",
                                                    server + "/search?q=hostile", server + "/ask?q=alert+script"]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        for link in page.locator("a[href]").all():
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), href
        assert page.locator("[onerror], [onclick], img").count() == 0
        scripts = [s.get_attribute("src") for s in page.locator("script").all()]
        assert scripts == ["/static/app.js"], scripts
        assert page.dialogs == [], page.dialogs
    page.goto(server + "/page/" + ids[0])
    for link in page.locator(".body a, .body span.deadlink").all():
        link.click(timeout=2000, force=True) if link.get_attribute("href") is None else None
    expect(page.locator(".body")).to_contain_text("<script>alert(2)</script>")
    assert page.dialogs == [] and page.errors == []


# --- the static export, opened from disk --------------------------------------------------------


def test_static_export_from_disk(page, static_site):
    page.goto((static_site / "page-overview.html").as_uri())
    check_overview(page)
    page.goto((static_site / "page-incident-2026-05-12-api-outage.html").as_uri())
    check_chip_highlights(page)
    page.goto((static_site / "page-incident-2026-05-12-api-outage.html").as_uri())
    page.locator("h2#related + ul").get_by_role("link", name="Runbook: Roll back a bad deploy").click()
    expect(page.locator("h1")).to_have_text("Runbook: Roll back a bad deploy")
    assert page.url.startswith("file://")


def test_static_search_and_ask(page, static_site):
    page.goto((static_site / "index.html").as_uri())
    page.fill("#q-top", "connection pool")
    page.press("#q-top", "Enter")
    expect(page.locator(".hits")).to_contain_text("Postmortem: 2026-05-12 API outage")
    page.fill("#ask-main", "Why was DynamoDB rejected?")
    page.press("#ask-main", "Enter")
    answer = page.locator("section.answer")
    expect(answer).to_contain_text("DynamoDB")
    answer.locator("a.chip").first.click()
    expect(page.locator(".line.hl").first).to_contain_text("DynamoDB")
    assert page.dialogs == [] and page.errors == []


def test_static_hostile_runs_nothing(page, static_site):
    for f in sorted(static_site.glob("*hostile*.html")):
        page.goto(f.as_uri())
        assert page.dialogs == [], page.dialogs
        assert page.locator("[onerror], [onclick], img").count() == 0
        for link in page.locator("a[href]").all():
            assert not (link.get_attribute("href") or "").strip().lower().startswith(("javascript:", "data:"))
    page.goto((static_site / "search.html").as_uri() + "?q=alert")
    assert page.dialogs == [], page.dialogs
    assert page.dialogs == [] and page.errors == []

"""Accounts, tokens and roles on a served wiki; edits through the web that never lose an update."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from conftest import EXAMPLES
from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.web.app import create_app
from lorebook.web.auth import COOKIE, LOGIN_ATTEMPTS
from lorebook.store.db import database_for

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL

PAGE = "incident-2026-05-12-api-outage"


@pytest.fixture(scope="module")
def team(tmp_path_factory, backend):
    """A wiki with one account of each role; returns (wiki, {role: token})."""
    from click.testing import CliRunner

    from lorebook.cli import main

    w = init_wiki(tmp_path_factory.mktemp("team") / "wiki", "Platform Team")
    ingest(w, [EXAMPLES])
    tokens = {}
    for name, role in (("rita", "reader"), ("ed", "editor"), ("ada", "admin")):
        r = CliRunner().invoke(main, ["users", "add", name, "--role", role, "--wiki", str(w.root)])
        assert r.exit_code == 0, r.output
        tokens[role] = r.output.strip().splitlines()[-1]
        assert re.fullmatch(r"lbk_[0-9a-f]{12}\.[\w-]{43}", tokens[role])
    return w, tokens


@pytest.fixture
def client(team):
    with TestClient(create_app(team[0]), follow_redirects=False) as c:
        yield c


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_users_list_and_revoke(team, cli, tmp_path):
    w, _ = team
    out = cli("users", "list", "--wiki", w.root).output
    assert re.search(r"^ed\teditor\t1 token", out, re.M) and re.search(r"^ada\tadmin", out, re.M)
    r = cli("users", "add", "temp", "--role", "reader", "--wiki", w.root)
    token = r.output.strip().splitlines()[-1]
    app = create_app(w)
    with TestClient(app) as c:
        assert c.get("/api/pages", headers=bearer(token)).status_code == 200
        assert cli("users", "revoke", "temp", "--wiki", w.root).exit_code == 0
        assert c.get("/api/pages", headers=bearer(token)).status_code == 401  # at once, though verified before
    assert "revoked" in cli("users", "list", "--wiki", w.root).output
    r = cli("users", "add", "x", "--role", "owner", "--wiki", w.root)
    assert r.exit_code == 2 and "owner" in r.output


def test_tokens_are_stored_only_as_salted_hashes(team):
    w, tokens = team
    with database_for(w).connect() as conn:
        dump = "\n".join(str(tuple(r)) for t in ("tokens", "accounts", "sessions", "audit")
                         for r in conn.execute(text(f"SELECT * FROM {t}")))
    for token in tokens.values():
        secret = token.split(".", 1)[1]
        assert secret not in dump and token not in dump
    with database_for(w).connect() as conn:
        salts = [r[0] for r in conn.execute(text("SELECT salt FROM tokens"))]
    assert len(set(salts)) == len(salts)


def test_no_token_means_401_for_json_and_login_for_pages(client, team):
    assert client.get("/api/pages").status_code == 401
    assert client.get("/api/pages").headers["www-authenticate"] == "Bearer"
    assert client.get(f"/api/pages/{PAGE}", headers=bearer("lbk_000000000000.nope")).status_code == 401
    r = client.get(f"/page/{PAGE}")
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=/page/{PAGE}"
    assert client.get("/login").status_code == 200
    assert client.get("/api/health").status_code == 200  # for load balancers: says nothing about the content
    for path in ("/", "/search?q=outage", "/api/search?q=outage", "/api/ask?q=why", "/api/lint", "/docs",
                 "/openapi.json", "/api/sources/raw/platform-team/engineering-log.md", "/sources/new"):
        assert client.get(path).status_code in (401, 303), path


def test_roles(client, team):
    _, t = team
    assert client.get(f"/api/pages/{PAGE}", headers=bearer(t["reader"])).status_code == 200
    page = client.get(f"/api/pages/{PAGE}", headers=bearer(t["reader"])).json()
    body = {"markdown": page["markdown"], "base_version": page["version"]}
    assert client.put(f"/api/pages/{PAGE}", json=body, headers=bearer(t["reader"])).status_code == 403
    assert client.post("/api/sources", json={"name": "a.md", "text": "# A\n"}, headers=bearer(t["reader"])).status_code == 403
    assert client.get("/api/users", headers=bearer(t["editor"])).status_code == 403
    assert client.post("/api/users", json={"name": "z"}, headers=bearer(t["editor"])).status_code == 403
    assert client.get(f"/page/{PAGE}/edit", headers=bearer(t["reader"])).status_code == 403
    assert client.get(f"/page/{PAGE}/edit", headers=bearer(t["editor"])).status_code == 200
    users = client.get("/api/users", headers=bearer(t["admin"])).json()
    assert {u["name"] for u in users} >= {"rita", "ed", "ada"}


def test_second_save_of_the_same_version_gets_409_with_the_diff(client, team):
    w, t = team
    page = client.get(f"/api/pages/{PAGE}", headers=bearer(t["editor"])).json()
    base = page["version"]
    first = page["markdown"].replace("\n## ", "\nFirst editor's note.\n\n## ", 1)
    second = page["markdown"].replace("\n## ", "\nSecond editor's note.\n\n## ", 1)
    r1 = client.put(f"/api/pages/{PAGE}", json={"markdown": first, "base_version": base}, headers=bearer(t["editor"]))
    assert r1.status_code == 200 and r1.json()["version"] == base + 1
    r2 = client.put(f"/api/pages/{PAGE}", json={"markdown": second, "base_version": base}, headers=bearer(t["editor"]))
    assert r2.status_code == 409
    c = r2.json()
    assert set(c) >= {"error", "diff", "current_version"} and c["current_version"] == base + 1
    assert "-First editor's note." in c["diff"] and "+Second editor's note." in c["diff"]
    assert c["your_markdown"] == second  # their text comes back: nothing lost
    now = client.get(f"/api/pages/{PAGE}", headers=bearer(t["reader"])).json()
    assert "First editor's note." in now["markdown"] and "Second" not in now["markdown"]
    assert now["edited_by"] == "ed" and now["origin"] == "human"
    # the history and the page header name the person
    html = client.get(f"/page/{PAGE}/history", headers=bearer(t["reader"])).text
    assert ">ed<" in html or "ed ·" in html or " ed" in html
    assert "edited by ed" in client.get(f"/page/{PAGE}", headers=bearer(t["reader"])).text
    # and the audit log says who, what and when
    log = client.get("/api/audit", params={"target": PAGE}, headers=bearer(t["admin"])).json()
    assert log[0]["actor"] == "ed" and log[0]["action"] == "edit" and log[0]["time"]
    # merging with the stale text and saving on the new version works
    merged = now["markdown"].replace("First editor's note.", "First editor's note.\n\nSecond editor's note.")
    r3 = client.put(f"/api/pages/{PAGE}", json={"markdown": merged, "base_version": c["current_version"]},
                    headers=bearer(t["editor"]))
    assert r3.status_code == 200


def test_a_save_that_drops_the_front_matter_is_refused(client, team):
    _, t = team
    page = client.get(f"/api/pages/{PAGE}", headers=bearer(t["editor"])).json()
    r = client.put(f"/api/pages/{PAGE}", json={"markdown": "# just text\n", "base_version": page["version"]},
                   headers=bearer(t["editor"]))
    assert r.status_code == 422 and "front matter" in r.json()["error"]
    assert client.put("/api/pages/no-such-page", json={"markdown": "x", "base_version": 1},
                      headers=bearer(t["editor"])).status_code in (404, 422)


def test_an_editor_adds_a_source_and_path_escapes_are_refused(client, team):
    w, t = team
    note = "# Pager rotation\n\nThe zanzibar cluster pages the on-call at night.\n"
    r = client.post("/api/sources", json={"name": "pager.md", "text": note}, headers=bearer(t["editor"]))
    assert r.status_code == 200 and r.json()["source"] == "raw/web/pager.md"
    assert (w.root / "raw" / "web" / "pager.md").read_text() == note
    hits = client.get("/api/search", params={"q": "zanzibar"}, headers=bearer(t["reader"])).json()["hits"]
    assert hits and hits[0]["citation"]["source"] == "raw/web/pager.md"
    for bad in ("../../evil.md", "/etc/passwd.md", "a/b.md", "..md", "x.sh", "", ".hidden.md", "a\\b.md"):
        r = client.post("/api/sources", json={"name": bad, "text": "# x\n"}, headers=bearer(t["editor"]))
        assert r.status_code in (400, 422), bad
    assert not (w.root.parent / "evil.md").exists()
    assert client.get("/api/sources/../../lorebook.toml", headers=bearer(t["reader"])).status_code in (400, 404)
    assert client.get("/source/..%2F..%2Florebook.toml", headers=bearer(t["reader"])).status_code in (400, 404)


def test_revert_through_the_api(client, team):
    _, t = team
    page = client.get(f"/api/pages/{PAGE}", headers=bearer(t["editor"])).json()
    r = client.post(f"/api/pages/{PAGE}/revert", json={"version": 1}, headers=bearer(t["editor"]))
    assert r.status_code == 200 and r.json()["version"] == page["version"] + 1
    assert client.post(f"/api/pages/{PAGE}/revert", json={"version": 1}, headers=bearer(t["reader"])).status_code == 403


def _login(client, token):
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    return client.post("/login", data={"token": token, "csrf": csrf, "next": f"/page/{PAGE}"})


def test_login_session_cookie_and_csrf(client, team):
    _, t = team
    r = _login(client, t["editor"])
    assert r.status_code == 303 and r.headers["location"] == f"/page/{PAGE}"
    cookie = r.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get(f"/page/{PAGE}").status_code == 200  # the session reads
    form = client.get(f"/page/{PAGE}/edit")
    assert form.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    base = int(re.search(r'name="base_version" value="(\d+)"', form.text).group(1))
    md = client.get(f"/api/pages/{PAGE}").json()["markdown"]
    edited = md.replace("\n## ", "\nA note from the browser.\n\n## ", 1)
    # without the CSRF token: refused, nothing saved
    r = client.post(f"/page/{PAGE}/edit", data={"markdown": edited, "base_version": base})
    assert r.status_code == 403
    assert client.put(f"/api/pages/{PAGE}", json={"markdown": edited, "base_version": base}).status_code == 403
    r = client.post(f"/page/{PAGE}/edit", data={"markdown": edited, "base_version": base, "csrf": csrf})
    assert r.status_code == 303
    assert "A note from the browser." in client.get(f"/api/pages/{PAGE}").json()["markdown"]
    shown = client.get(f"/page/{PAGE}").text
    assert "A note from the browser." in shown and "edited by ed" in shown
    assert 'href="/source/raw/platform-team/engineering-log.md' in shown  # citations still lead to their lines
    # the same form again (stale base): 409, the person's text is still in the form
    r = client.post(f"/page/{PAGE}/edit", data={"markdown": edited + "\nmore\n", "base_version": base, "csrf": csrf})
    assert r.status_code == 409 and "more" in r.text and "Nothing was saved" in r.text


def test_login_is_rate_limited(client, team):
    for _ in range(LOGIN_ATTEMPTS):
        assert _login(client, "lbk_000000000000.wrong").status_code == 401
    assert _login(client, team[1]["reader"]).status_code == 429  # even the right token waits


def test_tokens_never_reach_the_log(team, caplog):
    _, t = team
    with caplog.at_level(logging.DEBUG):
        with TestClient(create_app(team[0])) as c:
            c.get("/api/pages", headers=bearer(t["admin"]))
            c.get("/api/pages", headers=bearer(t["admin"] + "x"))
    for token in t.values():
        assert token.split(".", 1)[1] not in caplog.text


def test_hostile_html_in_an_edited_page_stays_inert(client, team):
    _, t = team
    page = client.get(f"/api/pages/{PAGE}", headers=bearer(t["editor"])).json()
    evil = page["markdown"].replace("\n## ", "\n<script>alert(1)</script> <img src=x onerror=alert(2)> "
                                              "[x](javascript:alert(3))\n\n## ", 1)
    r = client.put(f"/api/pages/{PAGE}", json={"markdown": evil, "base_version": page["version"]},
                   headers=bearer(t["editor"]))
    assert r.status_code == 200
    html = client.get(f"/page/{PAGE}", headers=bearer(t["reader"])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the edit is shown, as text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html.lower()
    form = client.get(f"/page/{PAGE}/edit", headers=bearer(t["editor"])).text
    assert "<script>alert(1)</script>" not in form and "&lt;script&gt;alert(1)" in form


def test_serve_refuses_a_public_address_without_accounts(wiki, cli):
    r = cli("serve", "--host", "0.0.0.0", "--port", "0", "--wiki", wiki.root)
    assert r.exit_code == 2 and "without accounts" in r.output


def test_every_route_needs_the_right_role(team):
    """Walk the app's own route table: nothing answers without a token, no write answers to a reader."""
    w, t = team
    app = create_app(w)
    fill = {"page_id": PAGE, "path": "raw/platform-team/engineering-log.md", "page_type": "incident", "name": "rita"}
    seen = 0
    with TestClient(app, follow_redirects=False) as c:
        for route in app.routes:
            if not hasattr(route, "methods") or route.path.startswith("/static"):
                continue
            path = route.path
            for k, v in fill.items():
                path = path.replace("{" + k + "}", v).replace("{" + k + ":path}", v)
            methods = getattr(route, "methods", None) or {"POST"}
            for m in methods - {"HEAD", "OPTIONS"}:
                if path in ("/login", "/logout") or path == "/api/health":
                    continue
                seen += 1
                r = c.request(m, path, json={})
                assert r.status_code in (401, 303), (m, path, r.status_code)
                if m != "GET" and path != "/mcp":
                    r = c.request(m, path, json={}, headers=bearer(t["reader"]))
                    assert r.status_code == 403, (m, path, r.status_code)
    assert seen >= 20

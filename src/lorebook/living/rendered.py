"""Pages rendered in a full build's workers as far as the page alone decides (issue 15 item 4).

The save (living/save.py) sets four front-matter keys of each page it rewrites (PLAN_KEYS: version, editor,
origin, time) and hashes what the page says to decide whether a version is due. A full build's page workers
(living/full.py) render each page's body, hash it, and write its front matter before and after those four
keys; the save's main process then only writes the four keys between them. `render` and `page_hash` give
exactly what compile.render.render_page and content_hash give: tests/test_fast_paths.py checks them on every
example and corpus page and on variants chosen to break the split. Kept out of compile/, whose code is the
compiler's fingerprint: a change there makes every wiki compile all its sources again.
"""

from __future__ import annotations

import copy
from typing import NamedTuple

from lorebook.compile.front_matter import write as write_yaml
from lorebook.compile.render import FRONT_MATTER_KEYS, content_hash, front_matter, render_body, render_page
from lorebook.model import Page

PLAN_KEYS = ("version", "edited_by", "origin", "updated")  # the front matter a save sets; the rest is the compile's


class Rendered(NamedTuple):
    """A page rendered in a worker: its body, its content hash, and its front matter (private extra_meta left
    out, as the save writes it) before and after PLAN_KEYS, each written apart by the direct writer
    (`front_matter.write`). `head` and `tail` are None when that would not be the same text (extra_meta sets a
    plan key, or the mapping needs PyYAML): the whole front matter is then written at save, as before."""

    body: str
    hash: str
    head: str | None = None
    tail: str | None = None


def prerender(page: Page) -> Rendered:
    """`page`'s Rendered (in a worker)."""
    body = render_body(page)
    h = content_hash(page, body)
    page = without_private(page)  # as the save renders it
    if any(k in PLAN_KEYS for k in page.extra_meta):
        return Rendered(body, h)
    items = list(front_matter(page).items())
    n = FRONT_MATTER_KEYS.index(PLAN_KEYS[0])
    if tuple(k for k, _v in items[n:n + len(PLAN_KEYS)]) != PLAN_KEYS:
        return Rendered(body, h)
    try:
        return Rendered(body, h, write_yaml(dict(items[:n])), write_yaml(dict(items[n + len(PLAN_KEYS):])))
    except Exception:  # the direct writer declines (PyYAML then writes the mapping) or fails: the save's own
        return Rendered(body, h)  # render_page does whatever it did before, on the whole mapping


def without_private(p: Page) -> Page:
    """`p` without its private extra_meta keys ("_…"), which no page file shows; `p` itself when it has none."""
    meta = {k: v for k, v in p.extra_meta.items() if not k.startswith("_")}
    if meta == p.extra_meta:
        return p
    q = copy.copy(p)
    q.extra_meta = meta
    return q


def render(page: Page, body: Rendered | str | None = None) -> str:
    """compile.render.render_page(page, body), `body` being a Rendered of the page when a worker made one."""
    if isinstance(body, Rendered):
        if body.head is not None:
            try:
                plan = write_yaml({k: getattr(page, k) for k in PLAN_KEYS})
            except Exception:  # as in prerender: render_page below, on the whole mapping
                plan = None
            if plan is not None:
                return f"---\n{body.head}{plan}{body.tail}---\n\n{body.body}"
        body = body.body
    return render_page(page, body)


def page_hash(page: Page, body: Rendered | str | None = None) -> str:
    """compile.render.content_hash(page, body), read off a Rendered when a worker made one."""
    return body.hash if isinstance(body, Rendered) else content_hash(page, body)

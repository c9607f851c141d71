"""The team pages: sign in, edit a page, add a source. Rendered with the reader's templates and styles."""

from __future__ import annotations

from lorebook.web.urls import ServerSite
from lorebook.web.views import ENV

SITE = ServerSite()


def render(name: str, gate_wiki=None, wiki_name: str = "Lorebook", **ctx) -> str:
    labels: dict = {}
    return ENV.get_template(name).render(wiki_name=wiki_name, site=SITE, labels=labels, plurals=labels, **ctx)

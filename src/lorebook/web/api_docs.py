"""The JSON API's interactive docs, offline: Swagger UI 5's files as the fastapi-offline package ships them,
the schema shipped as a script (browsers refuse fetch() on file:// pages), no inline script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from markupsafe import escape

try:  # only its static files are used (Swagger UI 5 reads OpenAPI 3.1, which FastAPI writes)
    import fastapi_offline

    SWAGGER_UI: Path | None = Path(fastapi_offline.__file__).parent / "static"
except ImportError:  # pragma: no cover - declared in pyproject.toml
    SWAGGER_UI = None

ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon.png")


def docs_html(site, assets: str, openapi_js: str, title: str = "Lorebook JSON API") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="{assets}swagger-ui.css">
<link rel="icon" href="{assets}favicon.png">
<link rel="stylesheet" href="{site.asset('docs.css')}">
</head>
<body>
<header class="docs-head"><a href="{site.home}">← Back to the wiki</a></header>
<main id="main"><h1 class="sr">{escape(title)}</h1><div id="swagger-ui"></div></main>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{openapi_js}"></script>
<script src="{site.asset('docs-init.js')}"></script>
</body>
</html>
"""


def openapi_script(schema: dict) -> str:
    text = json.dumps(schema, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.LOREBOOK_OPENAPI = {text};\n"


def write_static_docs(root: Path, site, schema: dict) -> list[str]:
    """docs.html with Swagger UI's files under static/docs/, for the HTML export."""
    if SWAGGER_UI is None:
        return []
    target = root / "static" / "docs"
    target.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(Path(SWAGGER_UI) / name, target / name)
    (target / "openapi.js").write_text(openapi_script(schema), encoding="utf-8")
    (root / "docs.html").write_text(docs_html(site, "static/docs/", "static/docs/openapi.js"), encoding="utf-8")
    return ["docs.html"]

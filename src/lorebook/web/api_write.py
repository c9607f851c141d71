"""Writes through the web: edit a page, add a source, revert a version, manage accounts.

Editors save a page as a human edit (later recompiles merge with it, as after
`lorebook edit`), add sources, revert; admins manage accounts. Every write names
its author in the page's history and in the audit table. A save carries the
version it started from: if the page moved on meanwhile the answer is 409 with
the diff and nothing is written, so no edit is ever silently lost.
"""

from __future__ import annotations

from pathlib import Path

from anyio import to_thread
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.living.edits import EditError, StaleVersion, record
from lorebook.living.frontmatter import split
from lorebook.living.versions import content_at, unified
from lorebook.authoring.paste import add_text_source as add_source
from lorebook.pipeline import Busy, IngestError
from lorebook.store import accounts
from lorebook.store import tables as T
from lorebook.web.auth import HEADERS, check_csrf, csrf_field, require
from lorebook.web.views_teams import render
from lorebook.store.db import database_for

MAX_TEXT = 2_000_000  # characters in one saved page or added source


class PageEdit(BaseModel):
    markdown: str = Field(..., max_length=MAX_TEXT)
    base_version: int


class NewSource(BaseModel):
    name: str = Field(..., max_length=160)
    text: str = Field(..., max_length=MAX_TEXT)


class Revert(BaseModel):
    version: int


class NewUser(BaseModel):
    name: str
    role: str = "reader"


def page_markdown(wiki: Wiki, page_id: str) -> tuple[int, str] | None:
    """(version, the text of its page file) from the database, which every server shares."""
    with database_for(wiki).connect() as conn:
        row = conn.execute(select(T.pages.c.version, T.pages.c.content).where(T.pages.c.id == page_id)).first()
    return (row.version, row.content) if row else None


def save_page(wiki: Wiki, page_id: str, markdown: str, base_version: int, who: str) -> int:
    """Validate and save a human edit; raises StaleVersion (409), EditError (404) or ValueError (422)."""
    fm, _ = split(markdown)
    if fm.get("id") != page_id:
        raise ValueError("keep the page's front matter (the '---' block at the top, with its id) and save again")
    version = record(wiki, page_id, markdown.replace("\r\n", "\n"), who, "human", "edited in the browser",
                     base_version=base_version)
    accounts.record(database_for(wiki), who, "edit", page_id, f"v{base_version} -> v{version}")
    return version


def revert_page(wiki: Wiki, page_id: str, version: int, who: str) -> int:
    text = content_at(database_for(wiki), page_id, version)
    if text is None:
        raise EditError(f"'{page_id}' has no version {version}; see its history")
    v = record(wiki, page_id, text, who, "revert", f"restored v{version}")
    accounts.record(database_for(wiki), who, "revert", page_id, f"v{version} restored as v{v}")
    return v


def _conflict(page_id: str, e: StaleVersion, theirs: str) -> dict:
    return {"error": str(e), "current_version": e.current_version,
            "diff": unified(e.current_text, theirs, page_id, e.current_version, "yours"),
            "current_markdown": e.current_text, "your_markdown": theirs}


def needs(role: str):
    """A route dependency: checked before the body is read, so a reader gets 403, never a validation error."""
    def check(request: Request) -> None:
        require(request, role)

    return [Depends(check)]


def router(wiki: Wiki) -> APIRouter:
    r = APIRouter()

    @r.put("/api/pages/{page_id}", tags=["pages"],
           summary="Save a human edit (editor): 409 with the diff when base_version is not the page's version",
           dependencies=needs("editor"))
    def put_page(page_id: str, body: PageEdit, request: Request):
        user = require(request, "editor")
        try:
            v = save_page(wiki, page_id, body.markdown, body.base_version, user.name)
        except StaleVersion as e:
            return JSONResponse(_conflict(page_id, e, body.markdown), status_code=409)
        except EditError as e:
            raise HTTPException(404, str(e)) from None
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        except Busy as e:
            raise HTTPException(503, str(e)) from None
        return {"id": page_id, "version": v, "edited_by": user.name}

    @r.post("/api/pages/{page_id}/revert", tags=["pages"], summary="Restore an old version as a new one (editor)",
           dependencies=needs("editor"))
    def post_revert(page_id: str, body: Revert, request: Request):
        user = require(request, "editor")
        try:
            return {"id": page_id, "version": revert_page(wiki, page_id, body.version, user.name)}
        except EditError as e:
            raise HTTPException(404, str(e)) from None

    @r.post("/api/sources", tags=["sources"], summary="Add a source ({name, text}) and compile it (editor)",
           dependencies=needs("editor"))
    def post_source(body: NewSource, request: Request):
        user = require(request, "editor")
        try:
            return add_source(wiki, body.name, body.text, user.name)
        except ValueError as e:
            raise HTTPException(400, str(e)) from None
        except IngestError as e:
            raise HTTPException(400, str(e)) from None

    @r.get("/api/users", tags=["accounts"], summary="Every account (admin)",
           dependencies=needs("admin"))
    def get_users(request: Request):
        require(request, "admin")
        return accounts.list_users(database_for(wiki))

    @r.post("/api/users", tags=["accounts"], summary="Create an account; the answer holds its token, shown once (admin)",
           dependencies=needs("admin"))
    def post_user(body: NewUser, request: Request):
        user = require(request, "admin")
        try:
            token = accounts.add_user(database_for(wiki), body.name, body.role, by=user.name)
        except accounts.AccountError as e:
            raise HTTPException(400, str(e)) from None
        return {"name": body.name, "role": body.role, "token": token}

    @r.delete("/api/users/{name}", tags=["accounts"], summary="Revoke an account and its tokens (admin)",
           dependencies=needs("admin"))
    def delete_user(name: str, request: Request):
        user = require(request, "admin")
        try:
            accounts.revoke_user(database_for(wiki), name, by=user.name)
        except accounts.AccountError as e:
            raise HTTPException(404, str(e)) from None
        return {"name": name, "revoked": True}

    @r.get("/api/audit", tags=["accounts"], summary="Recent writes: who, what, when (admin)",
           dependencies=needs("admin"))
    def get_audit(request: Request, target: str | None = None):
        require(request, "admin")
        return accounts.audit_log(database_for(wiki), target)

    _html(r, wiki)
    return r


def _page(name: str, request: Request, status: int = 200, **ctx) -> HTMLResponse:
    return HTMLResponse(render(name, wiki_name=ctx.pop("wiki_name", "Lorebook"), user=request.state.user,
                               csrf=csrf_field(request), **ctx), status_code=status, headers=HEADERS)


def _html(r: APIRouter, wiki: Wiki) -> None:
    @r.get("/page/{page_id}/edit", response_class=HTMLResponse, include_in_schema=False,
           dependencies=needs("editor"))
    def edit_form(page_id: str, request: Request):
        require(request, "editor")
        found = page_markdown(wiki, page_id)
        if found is None:
            raise HTTPException(404, f"no page '{page_id}'")
        return _page("edit.html", request, wiki_name=wiki.name, page_id=page_id, base_version=found[0],
                     markdown=found[1])

    @r.post("/page/{page_id}/edit", response_class=HTMLResponse, include_in_schema=False,
           dependencies=needs("editor"))
    def edit_save(page_id: str, request: Request, markdown: str = Form(..., max_length=MAX_TEXT),
                  base_version: int = Form(...), csrf: str = Form("")):
        user = require(request, "editor")
        check_csrf(request, csrf)
        try:
            save_page(wiki, page_id, markdown, base_version, user.name)
        except StaleVersion as e:
            c = _conflict(page_id, e, markdown)
            return _page("edit.html", request, 409, wiki_name=wiki.name, page_id=page_id, markdown=markdown,
                         base_version=e.current_version, conflict=True, diff=c["diff"], current_version=e.current_version)
        except EditError as e:
            raise HTTPException(404, str(e)) from None
        except ValueError as e:
            return _page("edit.html", request, 422, wiki_name=wiki.name, page_id=page_id, markdown=markdown,
                         base_version=base_version, error=str(e))
        from lorebook.web.urls import ServerSite

        return RedirectResponse(ServerSite().page(page_id), status_code=303)

    @r.get("/sources/new", response_class=HTMLResponse, include_in_schema=False,
           dependencies=needs("editor"))
    def upload_form(request: Request):
        require(request, "editor")
        return _page("upload.html", request, wiki_name=wiki.name)

    @r.post("/sources/new", response_class=HTMLResponse, include_in_schema=False,
           dependencies=needs("editor"))
    async def upload(request: Request, name: str = Form(""), text: str = Form(""), csrf: str = Form(""),
                     file: UploadFile | None = File(None)):
        user = require(request, "editor")
        check_csrf(request, csrf)
        if file is not None and file.filename:
            raw = await file.read(MAX_TEXT * 4 + 1)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return _page("upload.html", request, 400, wiki_name=wiki.name, error="the file is not UTF-8 text")
            name = name or Path(file.filename).name
        if len(text) > MAX_TEXT:
            return _page("upload.html", request, 413, wiki_name=wiki.name, error="that text is too long for one source")
        try:
            done = await to_thread.run_sync(add_source, wiki, name, text, user.name)
        except (ValueError, IngestError) as e:
            return _page("upload.html", request, 400, wiki_name=wiki.name, error=str(e))
        return _page("upload.html", request, wiki_name=wiki.name, done=f"Added {done['source']} and compiled it.")

"""A wiki on disk: lorebook.toml, raw/, wiki/, .lorebook/ — found by walking up like git.

Settings come from lorebook.toml; `LOREBOOK_WIKI` names the wiki and
`LOREBOOK_DATABASE_URL` swaps SQLite for any SQLAlchemy URL (e.g. PostgreSQL). The database
itself is opened by `store.db.database_for(wiki)`: config sits below the store and knows only the URL.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAME = "lorebook.toml"


class WikiError(Exception):
    """A problem finding or opening a wiki; the message says what to do."""


@dataclass
class Wiki:
    root: Path
    name: str
    settings: dict = field(default_factory=dict)

    @property
    def raw_dir(self) -> Path:
        return self.root / "raw"

    @property
    def wiki_dir(self) -> Path:
        return self.root / "wiki"

    @property
    def state_dir(self) -> Path:
        return self.root / ".lorebook"

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def database_url(self) -> str:
        url = os.environ.get("LOREBOOK_DATABASE_URL") or self.settings.get("database", {}).get("url")
        return url or f"sqlite:///{self.state_dir / 'lorebook.db'}"

    def rel(self, path: Path) -> str:
        """A path inside the wiki as the POSIX string stored everywhere ("raw/notes.md")."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()


DEFAULT_TOML = """\
# Lorebook wiki settings. See docs/ in the Lorebook repository for every option.
[wiki]
name = {name!r}

[database]
# Empty: SQLite at .lorebook/lorebook.db. Any SQLAlchemy URL works, e.g.
# url = "postgresql+psycopg://user@localhost/lorebook"
url = ""

[lint]
# Switch rules off or re-grade them, e.g.:
# [lint.rules]
# orphan-page = "off"
# action-item-overdue = "error"
action_item_max_age_days = 30
"""


def init_wiki(directory: Path, name: str | None = None) -> Wiki:
    """Create lorebook.toml, raw/, wiki/ and .lorebook/ in `directory`."""
    directory = directory.resolve()
    if (directory / CONFIG_NAME).exists():
        raise WikiError(f"{directory} is already a Lorebook wiki ({CONFIG_NAME} exists); use it, or pick another folder")
    if directory.exists() and not directory.is_dir():
        raise WikiError(f"{directory} exists and is not a folder; pick another path")
    name = name or directory.name.replace("-", " ").replace("_", " ").title()
    for sub in ("raw", "wiki", ".lorebook"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    tmp = directory / (CONFIG_NAME + ".tmp")
    tmp.write_text(DEFAULT_TOML.format(name=name), encoding="utf-8")
    tmp.replace(directory / CONFIG_NAME)
    (directory / ".lorebook" / ".gitignore").write_text("*\n", encoding="utf-8")
    return load_wiki(directory)  # the database is created and migrated when first opened (store.db.database_for)


def load_wiki(root: Path) -> Wiki:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WikiError(f"no {CONFIG_NAME} in {root}; create a wiki with `lorebook init {root}`") from None
    except tomllib.TOMLDecodeError as e:
        raise WikiError(f"{path} is not valid TOML ({e}); fix the file and retry") from None
    name = str(data.get("wiki", {}).get("name") or root.name)
    for sub in ("raw", "wiki", ".lorebook"):
        (root / sub).mkdir(exist_ok=True)
    return Wiki(root=root.resolve(), name=name, settings=data)


def find_wiki(explicit: str | Path | None = None, start: Path | None = None) -> Wiki:
    """The wiki named by --wiki / LOREBOOK_WIKI, else the nearest lorebook.toml above `start`."""
    chosen = explicit or os.environ.get("LOREBOOK_WIKI")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise WikiError(f"{root} is not a Lorebook wiki (no {CONFIG_NAME}); create one with `lorebook init {root}`")
        return load_wiki(root.resolve())
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / CONFIG_NAME).is_file():
            return load_wiki(d)
    raise WikiError(
        f"no Lorebook wiki here or above {here}; run `lorebook init DIR`, cd into a wiki, or pass --wiki DIR"
    )

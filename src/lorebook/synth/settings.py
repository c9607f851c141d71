"""The `[llm]` table of lorebook.toml. No table (or no model): no model is used and no network call is made."""

from __future__ import annotations

import os
from dataclasses import dataclass

from lorebook.config import Wiki, WikiError


@dataclass(frozen=True)
class LLMSettings:
    base_url: str
    model: str
    api_key_env: str = ""
    max_tokens: int = 1024
    timeout_s: float = 120.0
    concurrency: int = 2

    @property
    def api_key(self) -> str:
        return os.environ.get(self.api_key_env, "") if self.api_key_env else ""


def llm_settings(wiki: Wiki) -> LLMSettings | None:
    """The wiki's model settings, or None when no model is configured."""
    table = wiki.settings.get("llm") or {}
    if not table.get("model") or not table.get("base_url"):
        return None
    try:
        s = LLMSettings(
            base_url=str(table["base_url"]).rstrip("/"),
            model=str(table["model"]),
            api_key_env=str(table.get("api_key_env", "")),
            max_tokens=int(table.get("max_tokens", 1024)),
            timeout_s=float(table.get("timeout_s", 120)),
            concurrency=max(1, int(table.get("concurrency", 2))),
        )
    except (TypeError, ValueError) as e:
        raise WikiError(f"[llm] in {wiki.config_path} has a bad value ({e}); see docs/llm.md") from None
    if not s.base_url.startswith(("http://", "https://")):
        raise WikiError(f"[llm] base_url {s.base_url!r} must start with http:// or https://; see docs/llm.md")
    if s.api_key_env and not s.api_key:
        raise WikiError(f"[llm] api_key_env names ${s.api_key_env}, which is not set; export it or remove api_key_env")
    return s

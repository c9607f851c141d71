"""One client for the OpenAI-compatible chat API (Ollama, llama.cpp's server, vLLM, hosted services),
with a response cache under .lorebook/llm/cache/ keyed by (model, prompt hash).

An unchanged rebuild asks the same questions, so every answer comes from the cache: no call, and
the same pages byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from lorebook.synth.settings import LLMSettings


class ModelError(Exception):
    """The model server could not be reached or answered with an error; the message says which."""


@dataclass
class Usage:
    calls: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.calls} model calls ({self.cached} answered from the cache), "
                f"{self.prompt_tokens} prompt + {self.completion_tokens} completion tokens, {self.seconds:.1f} s")


class ChatClient:
    def __init__(self, settings: LLMSettings, cache_dir: Path):
        self.settings = settings
        self.cache_dir = cache_dir
        self.usage = Usage()
        self._lock = threading.Lock()
        headers = {"content-type": "application/json"}
        if settings.api_key:
            headers["authorization"] = f"Bearer {settings.api_key}"
        self._http = httpx.Client(base_url=settings.base_url, headers=headers, timeout=settings.timeout_s)

    def close(self) -> None:
        self._http.close()

    def complete_json(self, messages: list[dict], schema: dict, name: str) -> dict | None:
        """The model's answer parsed as JSON (None when it is not JSON). Cached by (model, prompt hash)."""
        body = {
            "model": self.settings.model,
            "messages": messages,
            "max_tokens": self.settings.max_tokens,
            "temperature": 0,
            "response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}},
        }
        key = hashlib.sha256(json.dumps([self.settings.model, messages, schema], sort_keys=True).encode()).hexdigest()
        path = self.cache_dir / f"{key}.json"
        if path.is_file():
            with self._lock:
                self.usage.cached += 1
            content = json.loads(path.read_text(encoding="utf-8"))["content"]
        else:
            content = self._call(body)
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"model": self.settings.model, "content": content}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        try:
            data = json.loads(content)
        except (json.JSONDecodeError, TypeError):
            return None
        return data if isinstance(data, dict) else None

    def _call(self, body: dict) -> str:
        t0 = time.perf_counter()
        try:
            r = self._http.post("/chat/completions", json=body)
            if r.status_code in (400, 422, 500) and "response_format" in r.text:
                # servers that take a schema but not OpenAI's json_schema wrapper (older llama.cpp builds)
                schema = body["response_format"]["json_schema"]["schema"]
                r = self._http.post("/chat/completions", json={**body, "response_format": {"type": "json_object", "schema": schema}})
        except httpx.HTTPError as e:
            raise ModelError(f"cannot reach the model at {self.settings.base_url} ({e}); is the server running?") from None
        finally:
            with self._lock:
                self.usage.seconds += time.perf_counter() - t0
        if r.status_code != 200:
            raise ModelError(f"the model server answered {r.status_code}: {r.text[:200]}")
        try:
            data = r.json()
            content = data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError):
            raise ModelError("the model server's answer is not an OpenAI chat completion") from None
        usage = data.get("usage") or {}
        with self._lock:
            self.usage.calls += 1
            self.usage.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.usage.completion_tokens += int(usage.get("completion_tokens") or 0)
        return content

"""Front matter as YAML, written directly for the shapes pages use, with PyYAML as the fallback.

PyYAML's representer is pure Python even with libyaml's emitter: at 20,000
pages it was ~6 s of a build. Page front matter is a flat mapping of strings,
numbers, lists and small nested mappings, and that subset is simple to write.
Every string that is not plainly safe is quoted; anything unusual (characters
YAML cannot carry unescaped, other types) sends the whole mapping to PyYAML.
tests/test_front_matter.py checks that `yaml.safe_load` reads back exactly
the mapping given, for every page of the examples and the corpus and for
strings chosen to trip YAML up.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_resolver = yaml.resolver.Resolver()
_PLAIN = re.compile(r"[A-Za-z0-9_\u00c0-\ud7ff][A-Za-z0-9_ .,/()+\-\u00c0-\ud7ff]*")
_PRINTABLE = re.compile("[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")  # YAML-printable
_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff")  # printable, but YAML reads them as line breaks or a BOM
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


class _Unsupported(Exception):
    pass


def dump(mapping: dict) -> str:
    """`mapping` as block-style YAML, ending in a newline (what yaml.dump(sort_keys=False) gives, give or take quoting)."""
    try:
        return write(mapping)
    except _Unsupported:
        return yaml.dump(mapping, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def write(mapping: dict) -> str:
    """The direct writer alone: raises _Unsupported where `dump` would fall back to PyYAML."""
    out: list[str] = []
    _mapping(mapping, 0, out)
    return "\n".join(out) + "\n" if out else "{}\n"


def _mapping(m: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for i, (k, v) in enumerate(m.items()):
        if not isinstance(k, str) or not _KEY.fullmatch(k) or _resolves(k) != "str":
            raise _Unsupported
        lead = first_prefix if (i == 0 and first_prefix is not None) else pad
        _entry(f"{lead}{k}:", v, indent, out)


def _entry(head: str, v, indent: int, out: list[str]) -> None:
    if isinstance(v, dict):
        if not v:
            out.append(f"{head} {{}}")
        else:
            out.append(head)
            _mapping(v, indent + 2, out)
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append(f"{head} []")
        else:
            out.append(head)
            _sequence(v, indent, out)  # indentless, as yaml.dump writes lists under a key
    else:
        out.append(f"{head} {_scalar(v)}")


# Items that are plainly strings as they stand: an ASCII letter, then five or more of letters, digits, _ . / -
# (no YAML boolean, null, number or date looks like that). One regex over the joined list replaces a
# _scalar call per item: the overview lists every source and page, 30,000 items at 10,000 sources.
_PLAIN_ITEMS = re.compile(r"(?:[A-Za-z][\w./-]{5,}\n)*[A-Za-z][\w./-]{5,}", re.ASCII)


def _sequence(items, indent: int, out: list[str]) -> None:
    pad = " " * indent
    joined = "\n".join(items) if len(items) > 8 and all(type(v) is str for v in items) else ""
    if joined and joined.count("\n") == len(items) - 1 and _PLAIN_ITEMS.fullmatch(joined):  # no item holds a line break
        out.extend(f"{pad}- {v}" for v in items)
        return
    for v in items:
        if isinstance(v, dict) and v:
            _mapping(v, indent + 2, out, first_prefix=f"{pad}- ")
        elif isinstance(v, (list, tuple)) and v:
            raise _Unsupported  # lists of lists: not a page shape
        else:
            _entry(f"{pad}-", v, indent, out) if isinstance(v, (dict, list, tuple)) else out.append(f"{pad}- {_scalar(v)}")


def _scalar(v) -> str:
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise _Unsupported
        text = repr(v)
        if _resolves(text) != "float":
            raise _Unsupported
        return text
    if type(v) is str:
        return _str_scalar(v)
    if not isinstance(v, str):
        raise _Unsupported
    return _str_scalar.__wrapped__(v)  # a str subclass: not cached (its own hash and equality)


@lru_cache(maxsize=20_000)  # most values repeat from page to page (an editor, a status, a date, a Notes paragraph)
def _str_scalar(v: str) -> str:
    if any(b in v for b in _BREAKS):
        raise _Unsupported
    if _PLAIN.fullmatch(v) and not v.endswith(" ") and (_plainly_str(v) or _resolves(v) == "str"):
        return v
    if _PRINTABLE.fullmatch(v):
        return "'" + v.replace("'", "''") + "'"
    quoted = json.dumps(v, ensure_ascii=False)  # newlines, tabs, control characters: escaped, as YAML reads them
    if _PRINTABLE.fullmatch(quoted):
        return quoted
    raise _Unsupported


_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"}  # YAML 1.1 booleans and null


def _plainly_str(v: str) -> bool:
    """A plain scalar starting with an ASCII letter that is not a boolean or null word reads as a
    string (numbers, dates and .inf start otherwise): no resolver call for 30,000 page ids."""
    return "a" <= v[0].lower() <= "z" and (len(v) > 5 or v.lower() not in _WORDS)


@lru_cache(maxsize=50_000)
def _resolves(text: str) -> str:
    return _resolver.resolve(yaml.ScalarNode, text, (True, False)).rsplit(":", 1)[-1]

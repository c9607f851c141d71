"""YAML front matter read within a budget, so one hostile file cannot take a build or a server down.

A 404-byte "billion laughs" front matter (anchors of lists of aliases, nine levels) expands to
billions of nodes once anything walks it; PyYAML shares the objects while loading, so the cost
lands later, on whoever prints or copies the value. Here the composed node graph is measured
before anything is constructed: its size as if every alias were expanded, and its depth. A graph
over the budget, a recursive alias, or front matter longer than MAX_TEXT is refused with a
one-line reason, and the caller compiles the document without its front matter.

Values YAML accepts but Python cannot hold (`date: 2026-02-30`, an integer of 10,000 digits)
are kept as the text written, with a warning, instead of failing the whole file.
"""

from __future__ import annotations

import yaml

MAX_TEXT = 64 * 1024  # bytes of front matter; real ones are under 2 KB
MAX_NODES = 10_000  # nodes after expanding every alias
MAX_DEPTH = 50  # nesting of sequences and mappings


class FrontMatterRefused(Exception):
    """Front matter not read; the message says why, in one line."""


class FrontMatterInvalid(FrontMatterRefused):
    """Not YAML at all (e.g. `title: ADR010: Use Luxon`): ignored without a warning, as before."""


class _BoundedLoader(yaml.SafeLoader):
    """The pure-Python safe loader (the C one composes out of reach), with forgiving scalars."""

    def __init__(self, text: str):
        super().__init__(text)
        self.notes: list[str] = []

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as e:
            self.notes.append(f"line {node.start_mark.line + 1}: '{node.value}' is not a real date ({e}); kept as text")
            return node.value

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except (ValueError, OverflowError) as e:
            self.notes.append(f"line {node.start_mark.line + 1}: number not readable ({e}); kept as text")
            return node.value


_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _BoundedLoader.construct_yaml_timestamp)
_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def load_front_matter(text: str) -> tuple[object, list[str]]:
    """(the loaded value, notes about values kept as text). Raises FrontMatterRefused."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT:
        raise FrontMatterRefused(f"front matter is {size:,} bytes (limit {MAX_TEXT:,}); shorten it")
    loader = None
    try:
        loader = _BoundedLoader(text)  # the reader refuses control characters here, already
        node = loader.get_single_node()
        if node is None:
            return None, []
        _check_budget(node)
        value = loader.construct_document(node)
    except FrontMatterRefused:
        raise
    except yaml.YAMLError as e:
        where = f" at line {e.problem_mark.line + 1}" if getattr(e, "problem_mark", None) else ""
        raise FrontMatterInvalid(f"front matter is not valid YAML{where} ({getattr(e, 'problem', None) or 'unreadable'})") from None
    except RecursionError:
        raise FrontMatterRefused(f"front matter nests deeper than {MAX_DEPTH} levels; flatten it") from None
    except (ValueError, TypeError, OverflowError) as e:
        raise FrontMatterRefused(f"front matter could not be read ({e})") from None
    finally:
        if loader is not None:
            loader.dispose()
    return value, loader.notes


def _check_budget(root) -> None:
    """Expanded size and depth of the node graph, each shared node measured once (linear time)."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    open_: set[int] = set()

    def measure(node, level: int) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key], depths[key]
        if level > MAX_DEPTH:
            raise FrontMatterRefused(f"front matter nests deeper than {MAX_DEPTH} levels; flatten it")
        if key in open_:
            raise FrontMatterRefused("front matter has an alias that refers to itself; remove the anchors (&) and aliases (*)")
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            sizes[key], depths[key] = 1, 0
            return 1, 0
        open_.add(key)
        total, deepest = 1, 0
        for child in children:
            s, d = measure(child, level + 1)
            total += s
            deepest = max(deepest, d + 1)
            if total > MAX_NODES:
                raise FrontMatterRefused(
                    f"front matter expands to more than {MAX_NODES:,} values through its aliases (*); "
                    "write the values out or remove the anchors (&)")
        open_.discard(key)
        sizes[key], depths[key] = total, deepest
        return total, deepest

    measure(root, 0)

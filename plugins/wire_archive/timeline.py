"""Coverage timeline: an inline SVG bar chart of stories per month, drawn at build time.

It needs no JavaScript; a <title> and a text table beside it give screen readers the numbers.
"""

from __future__ import annotations

from html import escape


def timeline_svg(months: list[tuple[str, int]], label: str, width: int = 600, height: int = 80) -> str:
    if not months:
        return ""
    months = months[-60:]  # five years at most: older coverage is in the archive pages
    top = max(count for _, count in months) or 1
    gap = 2
    bar = max(2.0, (width - gap * len(months)) / len(months))
    bars = []
    for i, (month, count) in enumerate(months):
        h = 0 if count == 0 else max(2.0, (height - 16) * count / top)
        x = i * (bar + gap)
        bars.append(
            f'<rect x="{x:.1f}" y="{height - 14 - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{escape(month)}: {count} {'story' if count == 1 else 'stories'}</title></rect>"
        )
    total_width = len(months) * (bar + gap)
    first, last = months[0][0], months[-1][0]
    return (
        f'<svg class="timeline" role="img" aria-labelledby="tl-title" viewBox="0 0 {total_width:.0f} {height}" '
        f'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="tl-title">{escape(label)}: stories per month, {escape(first)} to {escape(last)}</title>'
        f'<g class="bars">{"".join(bars)}</g>'
        f'<text x="0" y="{height - 2}" class="axis">{escape(first)}</text>'
        f'<text x="{total_width:.0f}" y="{height - 2}" text-anchor="end" class="axis">{escape(last)}</text>'
        "</svg>"
    )

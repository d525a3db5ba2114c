"""Charts drawn on the server as SVG (our own small template; no script, no CDN): bars of
articles per day or week, readable without JavaScript and with a text equivalent."""
from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD, AXIS = 640, 160, 4, 18


def bars(histogram: dict, *, label: str, link: str | None = None) -> Markup:
    """An SVG bar chart of ``{"by", "bars": [{"date", "count"}]}``; each bar has a tooltip
    and, with ``link`` (a URL prefix ending in "?...&" or "?"), filters to its period."""
    data = histogram.get("bars") or []
    if not data:
        return Markup('<p class="muted">No dated articles to chart.</p>')
    top = max(b["count"] for b in data) or 1
    n = len(data)
    step = (WIDTH - 2 * PAD) / n
    width = max(step * 0.8, 1)
    plot = HEIGHT - AXIS - 16  # the top 16 units hold the "max" label
    by = histogram.get("by", "day")
    role = "group" if link else "img"  # bars that are links are not one image
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="{role}" '
             f'aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>',
             f'<line x1="0" y1="{HEIGHT - AXIS}" x2="{WIDTH}" y2="{HEIGHT - AXIS}" '
             'stroke="#5f6570" stroke-width="1"/>']
    for i, b in enumerate(data):
        h = plot * b["count"] / top
        x, y = PAD + i * step, HEIGHT - AXIS - h
        tip = f'{b["count"]} article{"s" if b["count"] != 1 else ""}, {by} of {b["date"]}'
        rect = (f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{h:.1f}" fill="#1f5fa8"><title>{escape(tip)}</title></rect>')
        if link and b["count"]:
            rect = (f'<a href="{escape(link + period(b["date"], by))}" '
                    f'aria-label="{escape(tip)}">{rect}</a>')
        parts.append(rect)
    parts.append(f'<text x="0" y="{HEIGHT - 4}" font-size="12" fill="#1d1f23">'
                 f'{escape(data[0]["date"])}</text>')
    parts.append(f'<text x="{WIDTH}" y="{HEIGHT - 4}" font-size="12" fill="#1d1f23" '
                 f'text-anchor="end">{escape(data[-1]["date"])}</text>')
    parts.append(f'<text x="{WIDTH}" y="12" font-size="12" fill="#1d1f23" text-anchor="end">'
                 f'max {top}</text></svg>')
    total = sum(b["count"] for b in data)
    caption = (f'<p class="meta">{total} article{"s" if total != 1 else ""} by {by}, '
               f'{escape(data[0]["date"])} to {escape(data[-1]["date"])}; most in one {by}: '
               f'{top}.</p>')
    return Markup('<figure class="chart">' + "".join(parts) + caption + "</figure>")


def period(day: str, by: str) -> str:
    """Query parameters since/until of the day or the week starting at ``day``."""
    from datetime import date, timedelta
    from urllib.parse import urlencode

    start = date.fromisoformat(day)
    end = start + timedelta(days=6 if by == "week" else 0)
    return urlencode({"since": start.isoformat(), "until": end.isoformat()})

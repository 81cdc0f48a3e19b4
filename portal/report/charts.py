"""Charts as inline SVG: vector graphics in the PDF, no JavaScript on the page.

Presentation attributes only (no `style=`), so the strict CSP of the HTML
preview accepts them as they are.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6", "#c55a11", "#70ad47", "#7f6000"]


def bar_chart(rows, *, label_width=230, bar_width=300, row_height=26, digits=None, title=""):
    """Horizontal bars for [(label, value), …]; `digits` formats the printed values."""
    rows = [(str(label), value or 0) for label, value in rows]
    if not any(value for _, value in rows):
        return ""
    fmt = digits or str
    peak = max(value for _, value in rows) or 1
    width = label_width + bar_width + 70
    height = row_height * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(title)}</title>"
    ]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * row_height
        length = round(bar_width * value / peak, 1)
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height * 0.65}" text-anchor="end" '
            f'font-size="13" fill="#222">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row_height - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + row_height * 0.65}" '
            f'font-size="13" fill="#222">{escape(fmt(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))

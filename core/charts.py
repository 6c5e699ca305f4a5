"""Horizontal bar charts for the admin dashboard panels, drawn as inline SVG by
templates/includes/bar_chart.html (no script, nothing from another host), every number also
given as text in a table for screen readers."""

ROW_HEIGHT = 26


def bar_chart(
    chart_id: str,
    title: str,
    rows,
    *,
    maximum=None,
    suffix: str = "",
    label_width: int = 170,
    bar_width: int = 320,
    value_width: int = 90,
) -> dict:
    """Geometry of a horizontal bar chart. ``rows`` are (label, value) or (label, value,
    value as text); without a text the template shows the value with ``suffix``. Whole
    numbers only, so nothing in the SVG depends on the language's separators."""
    rows = [(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]
    maximum = maximum or max((value for _label, value, _text in rows), default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(rows):
        width = round(bar_width * max(value, 0) / maximum)
        bars.append(
            {
                "label": label,
                "value": value,
                "text": text,
                "y": ROW_HEIGHT * index,
                "width": width,
                "value_x": label_width + width + 6,
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "suffix": suffix,
        "label_width": label_width,
        "label_x": label_width - 8,
        "width": label_width + bar_width + value_width,
        "height": ROW_HEIGHT * len(rows),
        "bars": bars,
    }

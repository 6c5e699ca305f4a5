def status_label(value: str, *choices, extra=None, default=None) -> str:
    """A stored status in words: from ``extra`` (a dict for values no choices hold), then the
    first of the TextChoices ``choices`` that knows it; ``default`` (the value itself unless
    given) when none does, and "" for none."""
    if not value:
        return ""
    if extra and value in extra:
        return extra[value]
    for kind in choices:
        if kind is None:
            continue
        try:
            return kind(value).label
        except ValueError:
            continue
    return value if default is None else default

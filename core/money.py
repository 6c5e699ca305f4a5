"""Money is whole Rupiah (int) everywhere; this is how it is written."""


def format_rupiah(amount) -> str:
    """Whole Rupiah as shown in both languages: ``Rp 25.000`` (dot thousands separator)."""
    try:
        value = int(amount)
    except (TypeError, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp\u00a0{abs(value):,}".replace(",", ".")

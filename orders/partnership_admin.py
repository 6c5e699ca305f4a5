"""Partnership requests in the Wagtail admin (being built)."""

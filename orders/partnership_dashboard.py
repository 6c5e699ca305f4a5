"""Partnership requests in the vendor dashboard (being built)."""

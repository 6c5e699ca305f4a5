"""The regency's figures for Diskum staff, in the Wagtail admin at /admin/regency-figures/:
queries in ``queries``, the tables (page and CSV/Excel) in ``exports``, the page in ``views``."""

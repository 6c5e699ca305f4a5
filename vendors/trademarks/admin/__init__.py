"""The staff's trademark pages in the Wagtail admin (/admin/trademarks/)."""

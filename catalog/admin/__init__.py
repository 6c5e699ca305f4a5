"""The catalog in the Wagtail admin, for Diskum staff: view sets, the review queue and outlet
curation views, their forms, the showroom page's choosers. Registered by
catalog/wagtail_hooks.py."""

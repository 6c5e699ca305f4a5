"""The vendors in the Wagtail admin, for Diskum staff: view sets, the verification queue, its
forms and URLs, the dashboard figures. Registered by vendors/wagtail_hooks.py."""

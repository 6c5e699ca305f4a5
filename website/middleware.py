from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Our strict policy (no inline scripts) on every public page. The Wagtail admin, behind
    a staff login, also allows the inline scripts and styles its widgets (choosers, inline
    panels, date pickers) are built with; it still loads nothing from another host."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "style-src": [UNSAFE_INLINE],
                "script-src": [UNSAFE_INLINE],
            }
        return parts

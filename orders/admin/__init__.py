"""The staff admin of orders: viewsets, their views, forms and URLs, and the dashboard panel
(all registered in ``orders.wagtail_hooks``)."""

"""The outlets' URLs: each area keeps its own list."""

from .urls_figures import urlpatterns as figures
from .urls_sales import urlpatterns as sales
from .urls_shelf import urlpatterns as shelf

app_name = "outlets"
urlpatterns = [*sales, *shelf, *figures]

"""The cooperatives' URLs: each area keeps its own list."""

from .urls_clusters import urlpatterns as clusters
from .urls_membership import urlpatterns as membership
from .urls_record import urlpatterns as record

app_name = "cooperatives"
urlpatterns = [*record, *membership, *clusters]

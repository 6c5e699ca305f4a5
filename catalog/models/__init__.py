"""The catalog's models, one module per kind, and the Wagtail page types of catalog/pages.py
(imported here so Django registers them with the rest). Nothing in the catalog that the
pages use imports this package: they import the modules themselves, so there is no loop."""

from ..cluster_pages import ClusterIndexPage, ClusterPage
from ..pages import OutletPage, ShowroomPage
from .curation import CurationCriterion, ProposalScore
from .events import ProductEvent
from .locations import (
    AIRPORT_OUTLET,
    RPPKUM_SHOWROOM,
    CurationRound,
    Location,
    LocationStock,
    LocationStockQuerySet,
)
from .products import (
    MAX_PRICE,
    Category,
    Product,
    ProductImage,
    ProductQuerySet,
    TierPrice,
    airport_pickup_condition,
    on_shelf_condition,
)
from .settings import CatalogSettings
from .synonyms import SearchSynonym

__all__ = [
    "ClusterIndexPage",
    "ClusterPage",
    "AIRPORT_OUTLET",
    "MAX_PRICE",
    "RPPKUM_SHOWROOM",
    "CatalogSettings",
    "Category",
    "CurationCriterion",
    "CurationRound",
    "ProposalScore",
    "Location",
    "LocationStock",
    "LocationStockQuerySet",
    "OutletPage",
    "Product",
    "ProductEvent",
    "ProductImage",
    "ProductQuerySet",
    "SearchSynonym",
    "ShowroomPage",
    "TierPrice",
    "airport_pickup_condition",
    "on_shelf_condition",
]

"""A product's status changes only as its table allows."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import Product
from catalog.services import _set_status
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_product_status_change_the_table_refuses_is_not_made_and_not_logged():
    product = ProductFactory(status=Product.Status.ARCHIVED)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _set_status(product, Product.Status.DRAFT, actor=None)
    assert refused.value.messages == ["Not possible: archived cannot become draft."]
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED
    assert not product.events.exists()

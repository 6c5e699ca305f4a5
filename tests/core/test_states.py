"""The one table a model's status changes are checked against."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from core.states import TransitionNotAllowed, Transitions


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"


class Lamp:
    def __init__(self, status, broken=False):
        self.status, self.broken = status, broken


def not_broken(lamp, new, **context):
    if lamp.broken:
        raise ValidationError("A broken lamp stays as it is.")


TABLE = Transitions(
    Light, {Light.RED: {Light.GREEN}, Light.GREEN: {Light.AMBER}}, guards=[not_broken]
)


def test_an_allowed_change_passes_and_gives_the_old_status():
    assert TABLE.check(Lamp(Light.RED), Light.GREEN) == Light.RED
    assert TABLE.targets(Light.GREEN) == {Light.AMBER}
    assert TABLE.allows(Light.GREEN, Light.AMBER)


def test_a_change_the_table_does_not_name_is_refused_with_both_statuses_in_words():
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as refused:
        TABLE.check(Lamp(Light.RED), Light.AMBER)
    assert refused.value.messages == ["Not possible: red cannot become amber."]
    assert not TABLE.allows(Light.AMBER, Light.RED)


def test_a_guard_refuses_with_its_own_reason():
    with pytest.raises(ValidationError) as refused:
        TABLE.check(Lamp(Light.RED, broken=True), Light.GREEN)
    assert refused.value.messages == ["A broken lamp stays as it is."]


def test_a_model_may_word_its_refusal_itself():
    table = Transitions(Light, {}, refusal="%(old)s never turns %(new)s")
    with pytest.raises(TransitionNotAllowed) as refused:
        table.check(Lamp(Light.GREEN), Light.RED)
    assert refused.value.messages == ["green never turns red"]

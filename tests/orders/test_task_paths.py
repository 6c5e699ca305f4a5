"""A mail waiting in the queue when the mail tasks moved still runs after the upgrade."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

migration = importlib.import_module("orders.migrations.0009_queued_mail_tasks_follow_their_modules")


@pytest.mark.parametrize("old", sorted(migration.MOVED))
def test_a_queued_mail_under_its_old_path_points_to_a_task_that_loads(old):
    queued = DBTaskResult.objects.create(
        task_path=old,
        args_kwargs={"args": [1, "placed"], "kwargs": {"attempt": 1}},
        backend_name="default",
        run_after=timezone.now(),
    )
    with pytest.raises(ImportError):
        import_string(old)
    migration.follow(apps, None)
    queued.refresh_from_db()
    assert queued.task_path != old
    assert import_string(queued.task_path).name == old.rsplit(".", 1)[1]

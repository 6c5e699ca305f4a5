"""The mail tasks moved (orders.tasks -> orders.emails, partnership mail -> its own app); a
queued task is found again by its module path, so a mail waiting for its retry when this
release is deployed would fail to load. Point the waiting ones to where the tasks live now."""

from django.db import migrations

MOVED = {
    "orders.tasks.send_order_emails": "orders.emails.send_order_emails",
    "orders.tasks.send_uncollected_notices": "orders.emails.send_uncollected_notices",
    "orders.tasks.send_partnership_email": "orders.partnerships.tasks.send_partnership_email",
}


def follow(apps, schema_editor, moves=MOVED):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def back(apps, schema_editor):
    follow(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0008_order_events_to_kinds"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(follow, back)]

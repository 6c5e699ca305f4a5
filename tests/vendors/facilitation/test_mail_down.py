"""The mail server down when staff move a request: the move stands, and the owner's mail is
tried again from the database queue and sent once the server is back."""

import pytest
from django.core import mail
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.faults.servers import closed_port
from tests.faults.test_mail_down import mail_back, run_worker
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest

FACILITATION_MAIL = "vendors.facilitation.tasks.send_facilitation_email"


@pytest.fixture
def mail_down(settings):
    """SMTP to a loopback port where nothing listens, as in tests/faults/test_mail_down.py."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.django_db(transaction=True)
def test_the_owners_mail_is_sent_once_the_mail_server_is_back(
    settings,
    mail_down,
    newcomer,
    owner,
    officer,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    request = services.request_facilitation(newcomer, owner, FacilitationRequest.Kind.PIRT)
    services.screen(request, officer, "Surat keterangan domisili")

    run_worker()  # the mail server is down
    assert (
        DBTaskResult.objects.filter(
            task_path=FACILITATION_MAIL, status=TaskResultStatus.FAILED
        ).count()
        == 2
    )
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.stage == FacilitationRequest.Stage.SCREENED

    mail_back(settings)
    DBTaskResult.objects.filter(task_path=FACILITATION_MAIL, status=TaskResultStatus.READY).update(
        run_after=request.created_at
    )
    run_worker()
    assert len(mail.outbox) == 2
    assert any("Surat keterangan domisili" in message.body for message in mail.outbox)

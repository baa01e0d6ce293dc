"""The task queue: a real Celery worker taking a real task from a real Redis broker."""

import pytest
from celery.contrib.testing.worker import start_worker

from hubwork.celery import app
from hubwork.core.tasks import send_email


def test_email_is_sent_in_process_without_a_broker(mailoutbox):
    send_email.delay(
        to=["priya@example.org"], subject="Hello", text_body="Plain", html_body="<p>Hi</p>"
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["priya@example.org"]
    assert mailoutbox[0].alternatives[0][1] == "text/html"


@pytest.mark.redis
def test_a_worker_sends_email_queued_on_redis(mailoutbox, redis_url):
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = send_email.delay(
                to=["helen@example.org"], subject="Session moved", text_body="Now on Tuesday."
            )
            assert result.get(timeout=20) == 1
        assert result.successful()
        assert [message.subject for message in mailoutbox] == ["Session moved"]
    finally:
        app.conf.update(previous)

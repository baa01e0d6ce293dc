import pytest


def test_healthy_when_the_database_answers(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unhealthy_when_redis_does_not_answer(client, db, settings):
    # Nothing listens on port 1: a real refused connection, not a pretend one.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "ok", "redis": "unreachable"}


@pytest.mark.redis
def test_healthy_with_a_real_redis(client, db, redis_url, settings):
    settings.REDIS_URL = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "ok"

"""docker-compose.yml is checked by Debian's docker-compose (no Docker engine needed)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

COMPOSE = shutil.which("docker-compose")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not COMPOSE, reason="docker-compose is not installed (Debian package docker-compose)"
)


@pytest.fixture(scope="module")
def stack():
    result = subprocess.run(
        [COMPOSE, "--file", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "compose-config-check"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def command(service):
    text = service["command"]
    return text if isinstance(text, str) else " ".join(text)


def test_the_stack_has_every_service(stack):
    assert set(stack) == {"init", "web", "worker", "beat", "db", "redis", "elasticsearch"}


def test_services_wait_for_healthy_dependencies_and_the_init_job(stack):
    for name in ("web", "worker", "beat"):
        depends = stack[name]["depends_on"]
        assert depends["init"]["condition"] == "service_completed_successfully"
        for backing in ("db", "redis", "elasticsearch"):
            assert depends[backing]["condition"] == "service_healthy", (name, backing)


def test_backing_services_and_web_have_health_checks(stack):
    assert "pg_isready" in " ".join(stack["db"]["healthcheck"]["test"])
    assert stack["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "_cluster/health" in " ".join(stack["elasticsearch"]["healthcheck"]["test"])
    assert "/healthz/" in " ".join(stack["web"]["healthcheck"]["test"])


def test_init_migrates_and_builds_the_search_index(stack):
    init = command(stack["init"])
    assert "manage.py migrate" in init and "manage.py search_index" in init


def test_web_collects_static_and_worker_and_beat_run_celery(stack):
    assert "collectstatic" in command(stack["web"]) and "gunicorn" in command(stack["web"])
    assert command(stack["worker"]).startswith("celery -A shop worker")
    assert command(stack["beat"]).startswith("celery -A shop beat")

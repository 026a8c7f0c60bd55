"""Production is safe by default (issue 7, item 8): `check --deploy` is clean, static files
are served by the app (WhiteNoise), the Zarinpal sandbox, the console SMS backend and the demo
data stay out."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
REAL_MERCHANT = "12345678-1234-1234-1234-123456789012"


def run(*args, extra_env=None, code=None):
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("ZARINPAL_", "DJANGO_", "SMS_", "KAVENEGAR_"))
    }  # fmt: skip
    env.update({
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "sqlite:////tmp/dastsaz-production-check.sqlite3",
        "ALLOWED_HOSTS": "dastsaz.ir",
        "ZARINPAL_MERCHANT_ID": REAL_MERCHANT,
        "KAVENEGAR_API_KEY": "production-check-key",
        **(extra_env or {}),
    })  # fmt: skip
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_check_deploy_is_clean():
    result = run("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_zarinpal_sandbox_unless_asked_on_purpose():
    refused = run("check", extra_env={"ZARINPAL_MERCHANT_ID": ""})
    assert refused.returncode != 0 and "Zarinpal sandbox" in refused.stderr
    staging = run("check", extra_env={"ZARINPAL_MERCHANT_ID": "", "ZARINPAL_SANDBOX": "true"})
    assert staging.returncode == 0, staging.stderr


def test_production_sends_sms_by_kavenegar_and_the_console_only_when_asked_on_purpose():
    settings_of = "from django.conf import settings; print(settings.SMS_BACKEND)"
    code = f"import django; django.setup(); {settings_of}"
    assert run(code=code).stdout.strip() == "shop.sms.kavenegar.KavenegarBackend"
    no_key = run("check", extra_env={"KAVENEGAR_API_KEY": ""})
    assert no_key.returncode != 0 and "KAVENEGAR_API_KEY" in no_key.stderr
    console = run("check", extra_env={"SMS_BACKEND": "shop.sms.console.ConsoleBackend"})
    assert console.returncode != 0 and "SMS_CONSOLE=true" in console.stderr
    staging = run(code=code, extra_env={"KAVENEGAR_API_KEY": "", "SMS_CONSOLE": "true"})
    assert staging.stdout.strip() == "shop.sms.console.ConsoleBackend", staging.stderr


def test_load_demo_refuses_production_settings():
    result = run("load_demo", "--products", "1")
    assert result.returncode != 0
    assert "refuses to run on production settings" in result.stderr


def test_a_fresh_production_app_serves_its_static_files(tmp_path):
    static_root = tmp_path / "static"
    collected = run("collectstatic", "--noinput", extra_env={"STATIC_ROOT": str(static_root)})
    assert collected.returncode == 0, collected.stderr
    code = """
import django, json
django.setup()
from django.test import Client
from django.templatetags.static import static
client = Client(HTTP_X_FORWARDED_PROTO="https")
url = static("oscar/css/styles.css")
response = client.get(url)
gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps([url, response.status_code, response.get("Cache-Control", ""),
                  gzipped.get("Content-Encoding", "")]))
"""
    served = run(code=code, extra_env={"STATIC_ROOT": str(static_root)})
    assert served.returncode == 0, served.stderr
    url, status, cache_control, encoding = __import__("json").loads(served.stdout.strip())
    assert url.startswith("/static/oscar/css/styles.") and url != "/static/oscar/css/styles.css"
    assert status == 200 and "max-age" in cache_control and encoding == "gzip"


def test_the_image_build_step_collects_static_files_with_the_dockerfiles_environment(tmp_path):
    """The Dockerfile's collectstatic runs on production settings without real secrets."""
    line = next(
        line for line in (ROOT / "Dockerfile").read_text().split("RUN ") if "collectstatic" in line
    )
    build_env = dict(
        pair.split("=", 1) for pair in line.replace("\\\n", " ").split() if "=" in pair
    )
    assert {"SECRET_KEY", "DATABASE_URL"} <= build_env.keys()
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("ZARINPAL_", "DJANGO_", "SMS_", "KAVENEGAR_"))
    }  # fmt: skip
    env.update(build_env, DJANGO_SETTINGS_MODULE="shop.settings.production",
               STATIC_ROOT=str(tmp_path / "static"))  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "dastsaz" / "behaviour.js").exists()


def test_a_worker_starts_with_its_startup_objects_out_of_the_collectors_reach():
    """shop/wsgi.py freezes what a gunicorn worker built as it started (settings, models, the
    URL patterns), so a full collection does not walk it, and collects the youngest objects
    every 20,000 new ones; the app still serves."""
    code = """
import gc, json
before = gc.get_freeze_count()
from shop.wsgi import application
from django.test import Client
response = Client(HTTP_HOST="dastsaz.ir", HTTP_X_FORWARDED_PROTO="https").get("/healthz/")
print(json.dumps([before, gc.get_freeze_count(), response.status_code, gc.get_threshold()]))
"""
    started = run(code=code)
    assert started.returncode == 0, started.stderr
    line = started.stdout.strip().splitlines()[-1]
    before, frozen, status, threshold = __import__("json").loads(line)
    assert before == 0 and frozen > 100_000 and status == 200
    assert threshold == [20_000, 20, 20]

"""The Celery app: `celery -A shop worker -B` runs background and scheduled work.

Settings come from Django settings under the CELERY_ prefix (see the Celery block in
shop/settings/base.py). Without REDIS_URL tasks run inline (eager), so `make run` needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["shop.sms"])  # a package of shop, not an app of its own

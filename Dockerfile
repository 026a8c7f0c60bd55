FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=shop.settings.production
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --no-cache-dir . && rm -rf build *.egg-info
COPY . .
# Collecting static files needs no gateway or SMS provider: say so for this step only (the
# running container gets the real ones from its environment).
RUN SECRET_KEY=collectstatic DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    ZARINPAL_SANDBOX=true SMS_CONSOLE=true \
    python manage.py collectstatic --noinput

EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]

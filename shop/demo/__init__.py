"""Demo marketplace for `manage.py load_demo`: believable, idempotent, and fast at scale."""

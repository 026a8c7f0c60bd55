"""Support companies (طرح پشتیبان): grants and onboarding (services.py), what a company sees
of its producers (selectors.py). Who may act is decided in sellers/access.py."""

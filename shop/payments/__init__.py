"""Payments: one adapter interface (base.py), one folder per gateway, attempts as rows."""

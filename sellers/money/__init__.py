"""Producers' money: commission (commission.py), the ledger (ledger.py), payouts (payouts.py),
and what the panel and staff read of it (selectors.py)."""

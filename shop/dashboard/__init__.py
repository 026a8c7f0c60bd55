"""Forks of Oscar's dashboard apps, holding only the modules they override."""

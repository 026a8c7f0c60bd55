"""Exhibitions as sales channels (models in exhibitions/models/channels.py):

- stock.py — moving units between the online stock and a booth; restocking on cancellation
- sales.py — selling at the booth (idempotent), paid in person
- pickup.py — click-and-collect: reserve at checkout, collect at the booth, release at close
"""

from .booth import BoothAdapter
from .cash import CashAdapter
from .zarinpal.adapter import ZarinpalAdapter

ADAPTERS = {adapter.name: adapter for adapter in (ZarinpalAdapter(), BoothAdapter(), CashAdapter())}


def adapter_for(attempt):
    return ADAPTERS[attempt.adapter]

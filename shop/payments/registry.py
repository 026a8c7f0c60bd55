from .booth import BoothAdapter
from .zarinpal.adapter import ZarinpalAdapter

ADAPTERS = {adapter.name: adapter for adapter in (ZarinpalAdapter(), BoothAdapter())}


def adapter_for(attempt):
    return ADAPTERS[attempt.adapter]

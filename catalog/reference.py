"""Reference data shipped in catalog/reference/: provinces with capitals, and crafts."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name_fa: str
    name_en: str
    capital_fa: str
    capital_en: str


@dataclass(frozen=True)
class CraftRow:
    slug: str
    name_fa: str
    name_en: str
    product_class: str


def _rows(filename):
    path = Path(settings.REFERENCE_DATA_DIR) / filename
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def provinces() -> list[ProvinceRow]:
    return [ProvinceRow(**row) for row in _rows("provinces.csv")]


def crafts() -> list[CraftRow]:
    return [CraftRow(**row) for row in _rows("crafts.csv")]

"""Facet counts on PostgreSQL in one statement: the matching documents are found once (a
materialised CTE: one full-text match, one index scan) and every facet is counted from
that set: the conditional counts (total, in stock, price ranges), product classes,
provinces, the top producers, crafts and exhibitions. The generic path
(`DatabaseBackend.facets`) scans the match once per facet query, which is what made a
common word with facets slow at 100,000 products."""

import json

from django.db import connection

from catalog.models import Category
from exhibitions.models import Exhibition
from sellers.models import Partner

from ..models import ProductDocument
from .base import PRICE_RANGES, PRODUCER_FACET_SIZE


def _price_counts():
    parts, params = [], []
    for index, (_key, low, high) in enumerate(PRICE_RANGES):
        condition = "price_rials >= %s" + (" AND price_rials < %s" if high is not None else "")
        parts.append(f"'price{index}', count(*) FILTER (WHERE {condition})")
        params.extend([low] if high is None else [low, high])
    return ", ".join(parts), params


def facet_rows(documents):
    """The raw counts: {"counts": {total, in_stock, price0…}, "classes": [[slug, n]…],
    "provinces": [[id, n]…], "producers": [[id, name, n]…], "crafts": [[id, name, n]…],
    "exhibitions": [[slug, title, n]…]}."""
    matching, params = (
        documents.order_by()
        .values(
            "product_id", "producer_id", "province_id", "product_class", "price_rials", "in_stock"
        )
        .query.sql_with_params()
    )
    prices, price_params = _price_counts()
    categories = ProductDocument.categories.through._meta.db_table
    exhibitions = ProductDocument.exhibitions.through._meta.db_table
    sql = f"""
        WITH m AS MATERIALIZED ({matching})
        SELECT
          (SELECT json_build_object('total', count(*),
                                    'in_stock', count(*) FILTER (WHERE in_stock), {prices})
             FROM m),
          (SELECT coalesce(json_agg(json_build_array(product_class, n)), '[]')
             FROM (SELECT product_class, count(*) n FROM m GROUP BY 1) x),
          (SELECT coalesce(json_agg(json_build_array(province_id, n)), '[]')
             FROM (SELECT province_id, count(*) n FROM m
                   WHERE province_id IS NOT NULL GROUP BY 1) x),
          (SELECT coalesce(json_agg(json_build_array(id, name, n) ORDER BY n DESC, name), '[]')
             FROM (SELECT p.id, p.name, count(*) n FROM m
                   JOIN {Partner._meta.db_table} p ON p.id = m.producer_id
                   GROUP BY 1, 2 ORDER BY n DESC, p.name LIMIT %s) x),
          (SELECT coalesce(json_agg(json_build_array(id, name, n)), '[]')
             FROM (SELECT c.id, c.name, count(*) n FROM m
                   JOIN {categories} l ON l.productdocument_id = m.product_id
                   JOIN {Category._meta.db_table} c ON c.id = l.category_id
                   WHERE c.depth >= 2 GROUP BY 1, 2) x),
          (SELECT coalesce(json_agg(json_build_array(slug, title, n)), '[]')
             FROM (SELECT e.slug, e.title, count(*) n FROM m
                   JOIN {exhibitions} l ON l.productdocument_id = m.product_id
                   JOIN {Exhibition._meta.db_table} e ON e.id = l.exhibition_id
                   GROUP BY 1, 2) x)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *price_params, PRODUCER_FACET_SIZE])
        row = cursor.fetchone()
    names = ("counts", "classes", "provinces", "producers", "crafts", "exhibitions")
    return {
        name: json.loads(value) if isinstance(value, str) else value
        for name, value in zip(names, row, strict=True)
    }

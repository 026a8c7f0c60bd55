"""A basket's lines with what every basket request reads of them: each line's product and
its class, its stock record, the record's producer and the producer's city, in one query.

Django built that query anew on every request (`select_related` over six tables): ~1 ms of
CPU to compile the SQL and ~1 ms to turn the row into models through its generic iterator,
against ~0.3 ms to run it, on each of the six requests of a checkout that read a basket.
Here the SQL is built once per process from the models' own fields, and each row becomes
the same instances Django's `select_related` would give (`Model.from_db`, the fields'
database converters, the related objects cached on each instance).
`tests/shop/test_basket_lines.py` holds it to the ORM's result, field by field."""

from django.db import connections

_plans = {}  # (database alias, line model) -> (sql, [segment])


def db_converters(field, connection):
    """The column of `field` and the functions Django passes its raw database values through
    (each called as `converter(value, column, connection)`): none for most fields on
    PostgreSQL; on SQLite, the demo's database, a datetime arrives as a string."""
    column = field.get_col(field.model._meta.db_table)
    return column, connection.ops.get_db_converters(column) + field.get_db_converters(connection)


class _Segment:
    """One model's columns in the row, and the relation that holds it."""

    def __init__(self, model, parent, field, connection):
        self.model = model
        self.parent = parent  # index of the segment whose instance holds this one
        self.field = field  # that instance's foreign key to this one (None: the line)
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.pk_index = self.names.index(model._meta.pk.attname)
        self.converters = []
        for index, f in enumerate(self.fields):
            column, found = db_converters(f, connection)
            if found:
                self.converters.append((index, column, found))

    def instance(self, values, connection, alias):
        if values[self.pk_index] is None:
            return None  # no related row (an outer join)
        if self.converters:
            values = list(values)
            for index, expression, converters in self.converters:
                for converter in converters:
                    values[index] = converter(values[index], expression, connection)
        return self.model.from_db(alias, self.names, values)


def _plan(alias, Line):
    """The SQL of a basket's lines and how to read its rows, built once per database."""
    if (alias, Line) in _plans:
        return _plans[alias, Line]
    connection = connections[alias]
    quote = connection.ops.quote_name
    product = Line._meta.get_field("product")
    record = Line._meta.get_field("stockrecord")
    Product, StockRecord = product.related_model, record.related_model
    product_class = Product._meta.get_field("product_class")
    partner = StockRecord._meta.get_field("partner")
    city = partner.related_model._meta.get_field("city")
    # (model, parent segment, the parent's foreign key to it)
    shape = [
        (Line, None, None),
        (Product, 0, product),
        (product_class.related_model, 1, product_class),
        (StockRecord, 0, record),
        (partner.related_model, 3, partner),
        (city.related_model, 4, city),
    ]
    segments = [_Segment(model, parent, fk, connection) for model, parent, fk in shape]
    columns, joins = [], []
    for index, segment in enumerate(segments):
        table = f"T{index}"
        columns += [f"{table}.{quote(f.column)}" for f in segment.fields]
        if segment.field is not None:
            kind = "LEFT OUTER JOIN" if segment.field.null else "INNER JOIN"
            target = segment.field.target_field.column
            joins.append(
                f"{kind} {quote(segment.model._meta.db_table)} {table} ON "
                f"T{segment.parent}.{quote(segment.field.column)} = {table}.{quote(target)}"
            )
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Line._meta.db_table)} T0 "
        f"{' '.join(joins)} WHERE T0.{quote(Line._meta.get_field('basket').column)} = %s "
        f"ORDER BY T0.{quote(Line._meta.pk.column)}"
    )
    _plans[alias, Line] = (sql, segments)
    return _plans[alias, Line]


def lines_of(basket):
    """The basket's lines, by id, as `basket.lines.select_related("product__product_class",
    "stockrecord__partner__city").order_by("pk")` gives them, each line knowing its basket."""
    alias = basket._state.db or "default"
    Line = basket.lines.model
    sql, segments = _plan(alias, Line)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [basket.pk])
        rows = cursor.fetchall()
    basket_field = Line._meta.get_field("basket")
    lines = []
    for row in rows:
        instances, start = [], 0
        for segment in segments:
            end = start + len(segment.names)
            instances.append(segment.instance(row[start:end], connection, alias))
            start = end
        for segment, instance in zip(segments[1:], instances[1:], strict=True):
            holder = instances[segment.parent]
            if holder is not None:
                segment.field.set_cached_value(holder, instance)
        line = instances[0]
        basket_field.set_cached_value(line, basket)
        lines.append(line)
    return lines

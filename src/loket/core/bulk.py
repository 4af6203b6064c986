"""Fast INSERTs of many rows, for bulk loads: the demo build and the insight summaries.

`bulk_create` builds a model instance and compiles the SQL of every value of every row; on the
large demo (1.3 million contacts and questions, 1.2 million zaken and statuses) that was most of
the build (docs/performance.md, "The large demo build"). `insert_rows` takes plain tuples,
prepares each value by its model field (dates, datetimes, UUIDs, durations and JSON are stored as
the ORM stores them) and writes them with multi-row VALUES statements (SQLite) or COPY
(PostgreSQL).

It skips what bulk_create does besides: no `save()`, no signals, no model validation. Fields not
named get what bulk_create would give them: their `db_default` (left to the database), the moment
of the insert for `auto_now`/`auto_now_add`, else their `default` (a callable default, such as
uuid4, is called per row). The primary key is left to the database unless named; a loader that
needs the keys assigns them itself from `max_pk` and calls `pk_sequences_reset` afterwards.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Max
from django.utils import timezone

# Fields whose Python values (int, float, str) the drivers take as they are; other values of
# these fields, and every value of other fields, go through the field's get_db_prep_save.
_AS_IS_FIELDS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "FloatField",
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "URLField",
    }
)
_AS_IS_TYPES = frozenset({int, float, str})
# Rows per statement at most, and parameters per statement at most (SQLite allows 32,766;
# psycopg 65,535). Larger statements gained nothing measurable.
_MAX_ROWS = 1000
_MAX_PARAMS = 30_000

Preparer = Callable[[Any], Any]
Filler = Callable[[], Any]


def _preparer(field: models.Field, conn: BaseDatabaseWrapper) -> Preparer:
    """A function that turns a Python value into what the driver stores for `field`, as
    `get_db_prep_save` does; the common types of a bulk load (an aware datetime, a date, a UUID)
    go straight to the backend's adapter, which is all that get_db_prep_save does with them."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    kind = target.get_internal_type()
    ops = conn.ops

    def prep(value: Any) -> Any:
        return field.get_db_prep_save(value, conn)

    if kind in _AS_IS_FIELDS:
        return lambda v: v if v is None or type(v) in _AS_IS_TYPES else prep(v)
    if kind == "DateTimeField":
        adapt_datetime = ops.adapt_datetimefield_value
        return lambda v: (
            adapt_datetime(v)
            if type(v) is dt.datetime and v.tzinfo is not None
            else None
            if v is None
            else prep(v)
        )
    if kind == "DateField":
        adapt_date = ops.adapt_datefield_value
        return lambda v: adapt_date(v) if type(v) is dt.date else None if v is None else prep(v)
    if kind == "UUIDField":
        native = conn.features.has_native_uuid_field
        return lambda v: (
            (v if native else v.hex) if type(v) is uuid.UUID else None if v is None else prep(v)
        )
    return lambda v: None if v is None else prep(v)


def _filler(field: models.Field, now: dt.datetime, conn: BaseDatabaseWrapper) -> Filler | None:
    """The value of a field the caller does not name, as a function called per row (a callable
    default such as uuid4 gives each row its own), or None when the database fills it."""
    if field.primary_key and isinstance(field, models.AutoField):
        return None
    if field.db_default is not models.NOT_PROVIDED:
        return None
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        moment = field.get_db_prep_save(now, conn)
        return lambda: moment
    if field.has_default() and callable(field.default):
        default = field.default
        return lambda: field.get_db_prep_save(default(), conn)
    constant = field.get_db_prep_save(field.get_default(), conn)
    return lambda: constant


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """INSERT `rows` (tuples in the order of `columns`, attnames such as "partij_id") into the
    table of `model`, in one or more multi-row statements; return the number of rows.

    The statements go to the driver's cursor: in DEBUG, Django's query log would otherwise
    render every parameter of every statement (seconds on a large load, and megabytes of log).
    """
    conn = connections[DEFAULT_DB_ALIAS]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = [c for c in columns if c not in by_attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
    fields = [by_attname[c] for c in columns]
    now = timezone.now()
    fillers = [
        (f, filler)
        for f in model._meta.concrete_fields
        if f.attname not in columns and (filler := _filler(f, now, conn)) is not None
    ]
    all_fields = fields + [f for f, _ in fillers]
    fill = [filler for _, filler in fillers]
    preparers = [_preparer(f, conn) for f in fields]
    quote = conn.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(f.column)) for f in all_fields)
    conn.validate_no_broken_transaction()
    if conn.vendor == "postgresql":
        return _copy(conn, f"COPY {table} ({names}) FROM STDIN", preparers, fill, rows)
    # SQLite: qmark placeholders and sqlite3's own execute, since Django's cursor rewrites
    # every "%s" of a statement of 30,000 parameters with a regular expression.
    sqlite = conn.vendor == "sqlite"
    mark = "?" if sqlite else "%s"
    one = "(" + ", ".join([mark] * len(all_fields)) + ")"
    limit = min(_MAX_PARAMS, conn.features.max_query_params or _MAX_PARAMS)
    per_statement = max(1, min(_MAX_ROWS, limit // len(all_fields)))

    def statement(n: int) -> str:
        return f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * n)

    full = statement(per_statement)
    count = 0
    with conn.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own cursor, below Django's query log
        execute = (
            (lambda sql, params: sqlite3.Cursor.execute(cursor, sql, params))
            if sqlite
            else cursor.execute
        )

        def flush(params: list[Any], n: int) -> None:
            with conn.wrap_database_errors:
                execute(full if n == per_statement else statement(n), params)

        params: list[Any] = []
        n = 0
        for row in rows:
            params.extend([p(v) for p, v in zip(preparers, row, strict=True)])
            if fill:
                params.extend([f() for f in fill])
            n += 1
            if n == per_statement:
                flush(params, n)
                count += n
                params, n = [], 0
        if n:
            flush(params, n)
            count += n
    return count


def _copy(
    conn: BaseDatabaseWrapper,
    sql: str,
    preparers: list[Preparer],
    fill: list[Filler],
    rows: Iterable[Sequence[Any]],
) -> int:
    """PostgreSQL: one COPY ... FROM STDIN, with psycopg adapting each prepared value (the
    same values a multi-row INSERT would send; COPY streams them without a statement each)."""
    count = 0
    with conn.cursor() as wrapper, conn.wrap_database_errors, wrapper.cursor.copy(sql) as copy:
        for row in rows:
            values = [p(v) for p, v in zip(preparers, row, strict=True)]
            if fill:
                values.extend([f() for f in fill])
            copy.write_row(values)
            count += 1
    return count


def max_pk(model: type[models.Model]) -> int:
    """The highest primary key in the table of `model` (0 when empty): a bulk loader that runs
    alone numbers its rows from here and calls pk_sequences_reset afterwards."""
    highest = model._default_manager.aggregate(highest=Max("pk"))["highest"]
    return int(highest or 0)


def pk_sequences_reset(models_: Iterable[type[models.Model]]) -> None:
    """Move the primary-key sequences past rows inserted with explicit keys (PostgreSQL; SQLite's
    AUTOINCREMENT bookkeeping follows explicit keys by itself, so there it is nothing)."""
    conn = connections[DEFAULT_DB_ALIAS]
    statements = conn.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with conn.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

"""Faults rehearsed in tests: many citizens at the same instant, a database
that is away or fails half-way.

`at_once` runs the same work in many threads released together, each on its
own database connection (Django keeps one per thread), as concurrent web
workers would; use it in transactional tests, so the threads see each other's
commits. The execute wrappers go in `connection.execute_wrapper(...)`.
"""

import threading

import pytest
from django.db import OperationalError, connection, connections


def database_away(execute, sql, params, many, context):
    raise OperationalError("connection to server failed: Connection refused")


def failing_on(statement):
    """A database that fails every statement starting with `statement`."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(statement.upper()):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


def at_once(count, work):
    """Call work(i) for i in range(count) in `count` threads released together.

    Returns (results, errors), each a list in no particular order.
    """
    start = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        try:
            start.wait()
            results.append(work(i))
        except Exception as error:  # reported to the test, which asserts on it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def on_postgresql():
    return connection.vendor == "postgresql"


# Tests of sendings that meet in the database need several real connections:
# SQLite's one writer would only show that they queue.
concurrent_connections = pytest.mark.skipif(
    not on_postgresql(), reason="concurrent connections need PostgreSQL (tests/with_postgres.sh)"
)

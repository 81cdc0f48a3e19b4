"""Query counts of a page, measured honestly.

Every count comes with the page's status checked (a 500 is cheap, too), and a
list page is measured twice, with few rows and with many: the counts must be
equal, or the page does a query per row.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url, data=None, *, status=200):
    """The response to GET `url` and the number of queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response, len(queries)


def assert_constant_queries(client, url, *, grow, data=None, at_most=None):
    """GET `url`, call `grow()` to add rows, GET it again: the same number of
    queries both times (and no more than `at_most`). Returns the second response."""
    _, few = page_queries(client, url, data)
    grow()
    response, many = page_queries(client, url, data)
    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
    if at_most is not None:
        assert few <= at_most, f"{url}: {few} queries, expected at most {at_most}"
    return response


def call_queries(call):
    """What `call()` returns and the number of queries it cost: for a service,
    or a POST whose status the caller checks."""
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)

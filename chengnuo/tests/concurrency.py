"""Racing real transactions against each other, for the tests that prove a row lock holds.

select_for_update is a no-op on SQLite, so these tests only mean something on PostgreSQL:
a module sets `pytestmark = POSTGRESQL_ONLY` and then tells its story with race().
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

POSTGRESQL_ONLY = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are only real on PostgreSQL"),
]


def race(*works):
    """Run each work in its own thread, released together; (results, errors) by index."""
    barrier = threading.Barrier(len(works))
    results, errors = [None] * len(works), [None] * len(works)

    def runner(index):
        try:
            barrier.wait()
            results[index] = works[index]()
        except Exception as error:  # collected and asserted on by the test
            errors[index] = error
        finally:
            # Each thread opened its own connection; the test database cannot be dropped
            # while one is left open.
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def one_refused(errors) -> ValidationError:
    """Check that exactly one work of a race was refused, with a ValidationError, and
    every other succeeded; the refusal, for the test to read its message."""
    refused = [error for error in errors if error is not None]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), errors
    return refused[0]

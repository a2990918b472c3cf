"""Running requests at the same moment, each on its own database connection (PostgreSQL only)."""

import threading

import pytest
from django.db import connection
from django.test import Client


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite's test database serialises them differently")


def post_at_once(user, url, data, times=2):
    """POST ``data`` to ``url`` as ``user`` (None: not logged in) from ``times`` clients released
    together; the status codes."""
    require_postgresql()
    barrier = threading.Barrier(times)
    statuses = []

    def submit():
        client = Client()
        if user is not None:
            client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses

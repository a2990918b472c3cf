"""Answers «503 Сервис временно недоступен» while the database cannot be reached.

While PostgreSQL restarts, refuses connections, or a connection dies in the middle of a
request, Django raises ``OperationalError`` or ``InterfaceError``. Left alone, that is the 500
page («Ошибка сервера… сообщите администратору»), which is wrong: nothing is broken, and the
same request succeeds a few seconds later. The answer is instead 503 with ``Retry-After`` and a
page saying so (``templates/503.html``), rendered without a request, so that no context
processor queries the database.

An error reaches this middleware in one of two ways:

- from a view, or from rendering its template response (the session and the user are loaded
  lazily, so this is where their queries fail too): ``process_exception``;
- from another middleware, or from ``process_view``: Django wraps every middleware in
  ``convert_exception_to_response``, so the exception has already become a 500 response, logged
  by ``django.request``, before ``__call__`` gets it back. The ``got_request_exception`` signal,
  sent while that exception is handled, marks the request, and ``__call__`` replaces the 500.

The error is logged once per request: as the 503 with the error's message on the first way; on
the second, ``django.request`` has logged the exception with its traceback, and the 503 that
replaces that 500 is not logged again.

Either way the connections the error left unusable are closed, so the next request of this
worker connects again as soon as the database accepts connections; the worker itself is never
restarted. (Django also does this when a request finishes, through ``close_old_connections``,
and checks a persistent connection before its first query with ``CONN_HEALTH_CHECKS``; closing
here does not depend on either.) A 503 never saves the session: ``SessionMiddleware`` skips
responses of 500 and above.
"""

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            close_broken_connections()
            response = unavailable_response()
            response._has_been_logged = True  # as the 500 it replaces
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        close_broken_connections()
        response = unavailable_response()
        log_response(
            "Database unavailable: %s %s: %s",
            request.method,
            request.path,
            exception,
            response=response,
            request=request,
        )
        return response


@receiver(got_request_exception, dispatch_uid="mentoring.unavailable")
def mark_database_error(sender, request=None, **kwargs):
    """Mark a request whose exception, raised outside the view, is the database's."""
    if request is not None and isinstance(sys.exc_info()[1], UNAVAILABLE):
        request.database_unavailable = True


def unavailable_response():
    """The 503 page, which neither proxies nor browsers keep."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def close_broken_connections():
    """Close the connections on which an error occurred and which no longer answer."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and connection.errors_occurred and not connection.is_usable():
            connection.close()

"""Refuses a request whose body is announced larger than any upload may be, before reading it.

Django caps the form fields of a request (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but not its files: a
file of any size is received whole, into a temporary file, before a view can look at it, and
only then does the form refuse it with its limit (``UPLOAD_MAX_BYTES``,
``MATERIAL_UPLOAD_MAX_BYTES``, ``IMPORT_MAX_BYTES``). This middleware answers «413» at once when
the ``Content-Length`` exceeds the largest of those limits plus the room the form fields may
take, so nothing larger reaches the disk. A body sent without a length (chunked) is read by
Django as empty. The web server in front holds the same cap (nginx's ``client_max_body_size``,
see README).
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def largest_upload():
    return max(settings.UPLOAD_MAX_BYTES, settings.MATERIAL_UPLOAD_MAX_BYTES, settings.IMPORT_MAX_BYTES)


def body_limit():
    """The largest body accepted: the largest file and the form fields beside it."""
    return largest_upload() + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit():
            return too_large_response()
        return self.get_response(request)


def too_large_response():
    """The 413 page naming the limit, rendered without a request: nothing has been read yet."""
    limit = f"{largest_upload() / (1024 * 1024):g} МБ"
    return HttpResponse(render_to_string("413.html", {"limit": limit}), status=413)

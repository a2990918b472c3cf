"""«Публикации» (being written)."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


publication_list = publication_add = site_section = publication_from_pair = publication_results = _missing
publication = publication_edit = publication_delete = file_add = file_download = file_delete = _missing

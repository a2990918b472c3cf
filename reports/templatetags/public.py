"""Filters for the public section's pages: ``{% load public %}``."""

from pathlib import PurePosixPath

from django import template

from mentoring import filetypes

register = template.Library()

_LABELS = {extension: kind.label for kind in filetypes.MATERIAL_TYPES for extension in kind.extensions}


@register.filter
def file_type(name):
    """«Положение.pdf» → «PDF»: the type of an attached file as a visitor reads it, by its extension."""
    suffix = PurePosixPath(name or "").suffix.lower()
    return _LABELS.get(suffix, suffix.lstrip(".").upper())

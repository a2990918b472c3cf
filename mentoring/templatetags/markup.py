"""``{% load markup %}``: texts written for the site, shown with their safe formatting."""

from django import template

from mentoring import markup as formatting

register = template.Library()


@register.filter
def markup(text):
    """``{{ publication.text|markup }}``: the text as safe HTML (``mentoring.markup``)."""
    return formatting.render(text)


@register.filter
def plain(text, length=None):
    """``{{ publication.text|plain:160 }}``: the text as one line without formatting."""
    return formatting.plain(text, int(length) if length else None)

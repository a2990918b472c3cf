"""Template filters of matching scores, which are kept in tenths of a point."""

from django import template
from django.utils.formats import number_format

from pairs.matching import UNIT

register = template.Library()


@register.filter
def points(tenths):
    """12,5 for 125 tenths."""
    if tenths is None:
        return "—"
    return number_format(tenths / UNIT, decimal_pos=1)


@register.filter
def percent(value):
    """A share from 0 to 1 as a whole percentage."""
    return f"{round(100 * (value or 0))} %"

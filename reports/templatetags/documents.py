"""Filters for the register's print templates: ``{% load documents %}``."""

from django import template

from mentoring import names

register = template.Library()


@register.filter
def sections(text):
    """Plain text of a regulation as (is_heading, text) pairs: a line starting with «# » is a
    section heading, any other non-empty line a paragraph."""
    result = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line.startswith("#"):
            result.append((True, line.lstrip("#").strip()))
        elif line:
            result.append((False, line))
    return result


@register.filter
def initials(full_name):
    """«Миронов Алексей Николаевич» → «А.Н. Миронов», as a signature writes it."""
    return names.short_from_full(full_name or "")


@register.filter
def plural(number, forms):
    """``{{ n|plural:"человек,человека,человек" }}``: the Russian form for one, for two to four,
    and for five and more (11–14 take the last)."""
    one, few, many = forms.split(",")
    number = abs(int(number or 0))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many

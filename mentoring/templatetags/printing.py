"""Tags for print templates (PDF documents): ``{% load printing %}``."""

from django import template
from django.utils.html import format_html

from mentoring import qr

register = template.Library()


@register.simple_tag
def qr_code(text, alt=None):
    """``{% qr_code link %}``: an ``<img class="qr">`` with the QR code of ``link`` as a data URI.

    A data URI because the PDF renderer loads nothing from the network; ``print.css`` sets
    the size. The alt text defaults to «QR-код: <link>».
    """
    return format_html('<img class="qr" src="{}" alt="{}">', qr.data_uri(text), alt or f"QR-код: {text}")

"""QR codes for printed documents: personal questionnaire links a student scans from paper.

qrcode encodes the text (pure Python, no Pillow); the SVG is drawn here from its matrix, one
rectangle per horizontal run of dark modules. qrcode's own SVG factory draws every module as
a separate sub-path, which WeasyPrint parses about three times slower (25 ms against 9 ms a
code: a second against a third of a second for a class of thirty). Vector output stays sharp
at any print size, and the same text always gives the same SVG.
"""

import base64
import itertools

import qrcode


def svg(text):
    """The QR code of ``text`` as an ``<svg>`` element, without an XML declaration, so that
    it can be inlined into HTML. Error correction M survives a crease or a smudge; the
    four-module quiet zone is white, one module is 1 mm unless CSS sizes the picture."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(str(text))
    code.make(fit=True)
    matrix = code.get_matrix()  # with the quiet zone
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        for dark, modules in itertools.groupby(row):
            width = len(list(modules))
            if dark:
                runs.append(f"M{x},{y}h{width}v1h-{width}z")
            x += width
    size = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}mm" height="{size}mm">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def data_uri(text):
    """The QR code of ``text`` as a ``data:`` URI, for ``<img src>`` in PDF documents."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(text).encode()).decode("ascii")

"""Latin addresses for Russian titles: «Итоги года 2026/27» → ``itogi-goda-2026-27``.

The letters follow the passport transliteration (Приказ МВД № 889, as ICAO Doc 9303),
with the hard sign dropped, which is how Russian school sites spell their addresses.
"""

import re

_LETTERS = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


def transliterate(text):
    """``text`` in lower-case Latin letters (letters outside Russian and Latin kept as they are)."""
    return "".join(_LETTERS.get(char, char) for char in text.lower()).replace("_", "")


def slugify(text, max_length=80):
    """An address part of at most ``max_length`` characters: Latin letters, digits and hyphens,
    cut at a word's end."""
    slug = re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")

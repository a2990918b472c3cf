"""How Russian names are written in lists and on documents."""

import unicodedata


def full_name(last_name, first_name, patronymic=""):
    """«Иванова Мария Петровна»."""
    return " ".join(part for part in (last_name, first_name, patronymic) if part)


def short_name(last_name, first_name, patronymic=""):
    """«М.П. Иванова», as a signature block writes it."""
    initials = "".join(f"{part[0]}." for part in (first_name, patronymic) if part)
    return f"{initials} {last_name}".strip()


def short_from_full(name):
    """«Иванова Мария Петровна» → «М.П. Иванова»; anything shorter is returned as it is."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    return short_name(parts[0], parts[1], parts[2] if len(parts) > 2 else "")


def tidy(text):
    """Text typed or pasted on one line as it is kept: control and invisible formatting characters
    (zero-width spaces, direction marks, soft hyphens) dropped, spaces made single, ends trimmed.
    «Иванова\u200b» pasted from a document would otherwise be another person."""
    if not text.isprintable():
        text = "".join(char for char in text if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf"))
    return " ".join(text.split())


def search_key(text):
    """The form in which names are searched and matched: case, Ё and extra spaces ignored."""
    return " ".join(text.casefold().replace("ё", "е").split())


_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".replace("-", "").split(" "),
        strict=True,
    )
)


def latin_code(text, max_length=40):
    """A code in latin letters for ``text``: «Олимпиады и конкурсы» → «olimpiady_i_konkursy».

    The same text always gives the same code, so two questionnaires that offer the same
    choice in the same words agree on its code.
    """
    letters = "".join(_LATIN.get(char, char) for char in text.casefold())
    words = "".join(char if char.isascii() and char.isalnum() else " " for char in letters).split()
    code = "_".join(words)[:max_length].strip("_")
    if not code or not code[0].isalpha():
        code = f"v_{code}".strip("_")
    return code

"""How Russian names are written in lists and on documents."""


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


def search_key(text):
    """The form in which names are searched and matched: case, Ё and extra spaces ignored."""
    return " ".join(text.casefold().replace("ё", "е").split())

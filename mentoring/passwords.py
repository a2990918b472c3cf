"""Password rules beyond Django's own: length, common passwords and similarity are checked there."""

from django.core.exceptions import ValidationError

# The rows of the Latin and the Russian keyboards, the digits and both alphabets: a password typed
# along one of them is among the first guessed.
KEYBOARD_ROWS = (
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    "abcdefghijklmnopqrstuvwxyz",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "абвгдежзийклмнопрстуфхцчшщъыьэюя",  # as most type it, without «ё»
)


def runs(row, length):
    """Every stretch of ``length`` keys along ``row``, forwards and backwards."""
    for sequence in (row, row[::-1]):
        for start in range(len(sequence) - length + 1):
            yield sequence[start : start + length]


class VarietyValidator:
    """A password mixes letters with digits or other signs and has at least four different characters."""

    message = "Пароль должен содержать буквы и хотя бы одну цифру или другой знак, не менее четырёх разных символов."

    def validate(self, password, user=None):
        has_letter = any(char.isalpha() for char in password)
        has_other = any(not char.isalpha() for char in password)
        if not (has_letter and has_other) or len(set(password.casefold())) < 4:
            raise ValidationError(self.message, code="password_too_plain")

    def get_help_text(self):
        return "Пароль должен содержать буквы и хотя бы одну цифру или другой знак."


class KeyboardPatternValidator:
    """A password holds no run of six keys along a keyboard row or the alphabet («qwerty», «йцукен»)."""

    length = 6
    message = "Пароль не должен содержать ряд клавиш или букв алфавита подряд, как «qwerty», «йцукен» или «123456»."

    def validate(self, password, user=None):
        text = password.casefold()
        if any(run in text for row in KEYBOARD_ROWS for run in runs(row, self.length)):
            raise ValidationError(self.message, code="password_keyboard_pattern")

    def get_help_text(self):
        return "Пароль не должен содержать ряд клавиш подряд, как «qwerty» или «123456»."

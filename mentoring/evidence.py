"""Evidence that completes roadmap activities.

A roadmap activity may name an evidence code; the check registered for that code looks at
the data and says whether the activity is done. Each app registers checks for the evidence
it produces (an order signed, a questionnaire closed, pairs fixed) from its AppConfig.ready,
so the roadmap fills itself from real data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mentoring import roles


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    test: Callable  # test(academic_year) -> bool


_registry: dict[str, Check] = {}


def register(code, label):
    """Decorator: ``@register("code", "Что подтверждает")`` over ``def test(year) -> bool``."""

    def decorator(test):
        _registry[code] = Check(code, label, test)
        return test

    return decorator


def get(code):
    return _registry.get(code)


def choices():
    return sorted(((check.code, check.label) for check in _registry.values()), key=lambda choice: choice[1])


def evaluate(codes, year):
    """Run each distinct check once: {code: bool} for the registered codes among ``codes``."""
    return {code: bool(_registry[code].test(year)) for code in set(codes) if code in _registry}


@register("school_requisites", "Реквизиты школы заполнены")
def school_requisites_filled(year):
    from mentoring.models import School

    school = School.load()
    return school.pk is not None and not school.missing_requisites


@register("curator_assigned", "Куратор назначен (есть пользователь с ролью «Куратор»)")
def curator_assigned(year):
    from mentoring.models import User

    return User.objects.filter(is_active=True, groups__name=roles.CURATOR).exists()

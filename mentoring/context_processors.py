from django.utils.functional import SimpleLazyObject

from mentoring import navigation, roles
from mentoring.models import AcademicYear, School


def programme(request):
    """The school, the current year and the user's menu, for the base layout."""
    user = request.user
    return {
        "school": SimpleLazyObject(School.load),
        "current_year": SimpleLazyObject(lambda: AcademicYear.objects.current_for(request)),
        "menu": SimpleLazyObject(lambda: navigation.sections_for(user)),
        "is_curator": SimpleLazyObject(lambda: roles.has_role(user, roles.CURATOR)),
        "is_management": SimpleLazyObject(lambda: roles.has_role(user, *roles.MANAGEMENT)),
    }

"""The roles of the programme and the checks every staff view makes.

A role is a Django group. A superuser holds every role.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

CURATOR = "Куратор"
ADMINISTRATION = "Администрация"
TEACHER = "Педагог"
MENTOR = "Наставник"
ALL = (CURATOR, ADMINISTRATION, TEACHER, MENTOR)
# Those who read the programme's management pages; the curator alone changes them.
MANAGEMENT = (CURATOR, ADMINISTRATION)


def roles_of(user):
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(ALL)
    if not hasattr(user, "_roles"):
        user._roles = frozenset(user.groups.values_list("name", flat=True))
    return user._roles


def has_role(user, *roles):
    return not roles_of(user).isdisjoint(roles)


def role_required(*roles):
    """Let in only a logged-in user holding one of ``roles``: others log in, or get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login  # imports models: not at app loading

                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

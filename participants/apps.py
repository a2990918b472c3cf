from django.apps import AppConfig

from mentoring import roles
from mentoring.permissions import model_permissions

_MODELS = ["schoolclass", "person"]


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники"
    role_permissions = {
        roles.CURATOR: model_permissions("participants", _MODELS),
        roles.ADMINISTRATION: model_permissions("participants", _MODELS, ("view",)),
    }

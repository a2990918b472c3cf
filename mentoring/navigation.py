"""The programme's menu. Each section is shown to the roles that may open it.

The order of the full menu is fixed: «Дорожная карта», «Наставляемые», «Наставники»,
«Анкеты», «Пары и группы», «Программы», «Документы», «Мониторинг», «Публикации»;
a section is listed here once its pages exist.
"""

from dataclasses import dataclass

from mentoring import roles


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    roles: tuple


SECTIONS = [
    Section("Дорожная карта", "roadmap", roles.MANAGEMENT),
]


def sections_for(user):
    return [section for section in SECTIONS if roles.has_role(user, *section.roles)]

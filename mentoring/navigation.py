"""The programme's menu. Each section is shown to the roles that may open it.

The order of the full menu is fixed: «Дорожная карта», «Наставляемые», «Наставники»,
«Люди», «Анкеты», «Пары и группы», «Программы», «Документы», «Мониторинг»,
«Методическая копилка», «Публикации»; a section is listed here once its pages exist.

A section may also name a check (a dotted path to ``check(user) -> bool``) for rules a role
alone does not settle, such as "leads a class this year"; apps to the right of this one
provide such checks without this module importing them.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

from mentoring import roles


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    roles: tuple
    check: str = ""

    def is_open_to(self, user):
        if not roles.has_role(user, *self.roles):
            return False
        return not self.check or import_string(self.check)(user)


SECTIONS = [
    Section("Дорожная карта", "roadmap", roles.MANAGEMENT),
    Section("Наставляемые", "mentees", roles.ALL, check="participants.access.sees_mentee_bank"),
    Section("Наставники", "mentors", roles.MANAGEMENT),
    Section("Люди", "people", roles.MANAGEMENT),
    Section("Анкеты", "survey_list", roles.MANAGEMENT),
    Section("Пары и группы", "mentorships", roles.MANAGEMENT),
    Section("Программы", "programmes", roles.MANAGEMENT),
    Section("Документы", "acts", roles.MANAGEMENT),
    Section("Мониторинг", "monitoring", roles.MANAGEMENT),
    Section("Методическая копилка", "materials", roles.ALL),
    Section("Публикации", "publications", roles.MANAGEMENT),
    Section("Мои анкеты", "my_surveys", (roles.TEACHER, roles.MENTOR), check="surveys.access.sees_my_surveys"),
    Section("Мои наставляемые", "my_mentees", (roles.MENTOR,), check="pairs.access.sees_my_mentees"),
    Section(
        "Сведения о наставляемых", "request_note_report", (roles.TEACHER,), check="participants.access.reports_only"
    ),
]


def sections_for(user):
    return [section for section in SECTIONS if section.is_open_to(user)]

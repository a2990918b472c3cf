"""The authorization matrix: every URL pattern of the project, what it is opened with, and what
each role must get.

Roles (``ROLES``):

- ``anonymous``: nobody logged in;
- ``link_holder``: nobody logged in, holding a valid personal link (``a/<token>/``);
- ``teacher``: a teacher with no class, no pair and no other role;
- ``class_leader_other``: the leader of 7А, asking about 8Б and its students;
- ``mentor_other``: a mentor with a pair of their own, asking about another mentor's pair and group;
- ``administration``: the director;
- ``curator``: the programme's curator.

Outcomes:

- ``ok``: 2xx, or a redirect anywhere but to log in (a form sent with empty data answers 200
  with its errors, 400, or a redirect with a message);
- ``login``: a redirect to a login page carrying ``next`` (the site's, or the admin's own);
- ``forbidden``: 403;
- ``not_found``: 404 (an object the role may not see, answered as if it did not exist).

Django's admin site is one rule (``admin_checks``): everything under it is for the curator, as
far as the permissions of their role go; everybody else is sent to the admin's login page.
"""

from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlsplit

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANONYMOUS = "anonymous"
LINK_HOLDER = "link_holder"
TEACHER = "teacher"
CLASS_LEADER = "class_leader_other"
MENTOR = "mentor_other"
ADMINISTRATION = "administration"
CURATOR = "curator"
ROLES = (ANONYMOUS, LINK_HOLDER, TEACHER, CLASS_LEADER, MENTOR, ADMINISTRATION, CURATOR)
# The roles that see the whole school; no other role may find 8Б's students on any page.
SEES_EVERYONE = (ADMINISTRATION, CURATOR)

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", "forbidden", "not_found"


def policy(**outcomes):
    """Each role's outcome: anonymous visitors log in, staff are refused, the curator may;
    ``outcomes`` (keyed by role) say otherwise."""
    base = {role: FORBIDDEN for role in ROLES}
    base.update({ANONYMOUS: LOGIN, LINK_HOLDER: LOGIN, CURATOR: OK})
    base.update(outcomes)
    return base


PUBLIC = {role: OK for role in ROLES}
LOGGED_IN = policy(teacher=OK, class_leader_other=OK, mentor_other=OK, administration=OK)
CURATOR_ONLY = policy()
MANAGEMENT = policy(administration=OK)
# Lists narrowed to what a class leader or a mentor may see; nothing for a plain teacher.
NARROWED = policy(class_leader_other=OK, mentor_other=OK, administration=OK)
# Another class's object: refused to a class leader like to any teacher.
OTHER_CLASS = MANAGEMENT
# An object behind the bank's people rules: hidden (404) from a class leader of another class
# and a mentor of another pair, refused to a teacher who sees nobody.
OTHER_PERSON = policy(class_leader_other=NOT_FOUND, mentor_other=NOT_FOUND, administration=OK)
# Another mentor's pair: hidden from a mentor, refused to everybody else outside management.
OTHER_PAIR = policy(mentor_other=NOT_FOUND, administration=OK)
# Another mentor's meeting journal: kept by the curator and the pair's own mentor only.
OTHER_JOURNAL = policy(mentor_other=NOT_FOUND)


@dataclass(frozen=True)
class Entry:
    """A URL opened with ``kwargs(world)``; ``get`` and ``post`` are the policies of each method
    tried (None: not tried; a POST carries no data). ``fresh_session``: sent from a session of
    its own (logging out ends it)."""

    kwargs: object = None
    get: dict | None = None
    post: dict | None = None
    fresh_session: bool = False

    def checks(self):
        return [(method, rules) for method, rules in (("get", self.get), ("post", self.post)) if rules]


def read(rules, kwargs=None):
    """A page or a download: GET only."""
    return Entry(kwargs, get=rules)


def form(rules, kwargs=None):
    """A page with a form: read and sent by the same roles."""
    return Entry(kwargs, get=rules, post=rules)


def action(rules, kwargs=None):
    """A POST-only view."""
    return Entry(kwargs, post=rules)


def page(kwargs=None, *, get, post):
    """A page some roles read and fewer may send its form."""
    return Entry(kwargs, get=get, post=post)


def pk(name):
    """kwargs ``{"pk": world.<name>.pk}``."""
    return lambda w: {"pk": getattr(w, name).pk}


def survey_and(name, key):
    return lambda w: {"pk": w.survey.pk, key: getattr(w, name).pk}


def pair_and_meeting(w):
    return {"pk": w.other_pair.pk, "meeting_pk": w.meeting.pk}


MATRIX = {
    # The programme core
    "home": read(LOGGED_IN),
    "healthz": read(PUBLIC),
    "login": read(PUBLIC),
    "logout": Entry(post=PUBLIC, fresh_session=True),
    "password_change": form(LOGGED_IN),
    "password_change_done": read(LOGGED_IN),
    "roadmap": read(MANAGEMENT),
    "roadmap_create": action(CURATOR_ONLY, lambda w: {"start_year": w.year.start_year}),
    "roadmap_copy": action(CURATOR_ONLY, lambda w: {"start_year": w.year.start_year}),
    "activity_create": form(CURATOR_ONLY, lambda w: {"stage_pk": w.stage.pk}),
    "activity_edit": form(CURATOR_ONLY, pk("activity")),
    "activity_delete": action(CURATOR_ONLY, pk("activity")),
    "activity_done": action(CURATOR_ONLY, pk("activity")),
    "activity_reopen": action(CURATOR_ONLY, pk("activity")),
    "years": read(MANAGEMENT),
    "year_add": action(CURATOR_ONLY),
    "year_make_current": action(CURATOR_ONLY, lambda w: {"start_year": w.year.start_year}),
    # The director keeps the school's requisites too (``mentoring.change_school``).
    "school": form(MANAGEMENT),
    "materials": read(LOGGED_IN),
    "material_add": form(CURATOR_ONLY),
    "material": read(LOGGED_IN, pk("material")),
    "material_edit": form(CURATOR_ONLY, pk("material")),
    "material_delete": action(CURATOR_ONLY, pk("material")),
    "material_file": read(LOGGED_IN, pk("material")),
    "audit_log": read(CURATOR_ONLY),
    "favicon.ico": read(PUBLIC),
    # People, classes and the banks
    "people": read(NARROWED),
    "person_add": form(CURATOR_ONLY),
    "people_to_bank": action(CURATOR_ONLY),
    "person": read(OTHER_PERSON, lambda w: {"pk": w.other_mentee.person_id}),
    "person_edit": form(CURATOR_ONLY, lambda w: {"pk": w.other_mentee.person_id}),
    "mentee_add": action(CURATOR_ONLY, lambda w: {"pk": w.other_mentee.person_id}),
    "mentor_add": action(CURATOR_ONLY, lambda w: {"pk": w.other_mentee.person_id}),
    "mentor_profile_edit": form(CURATOR_ONLY, lambda w: {"pk": w.other_mentor.person_id}),
    "classes": read(MANAGEMENT),
    "class_add": form(CURATOR_ONLY),
    "class_edit": form(CURATOR_ONLY, pk("eighth")),
    "mentees": read(NARROWED),
    "mentee_edit": form(CURATOR_ONLY, pk("other_mentee")),
    # The curator, or the leader of the mentee's class; the administration reads but writes no notes.
    "request_note_add": form(policy(class_leader_other=NOT_FOUND, mentor_other=NOT_FOUND), pk("other_mentee")),
    # Any teacher (the psychologist too) tells about a mentee's request, without reading the bank.
    "request_note_report": form(policy(teacher=OK, class_leader_other=OK, mentor_other=OK)),
    "mentors": read(MANAGEMENT),
    "mentor_edit": form(CURATOR_ONLY, pk("other_mentor")),
    "people_import": form(CURATOR_ONLY),
    "people_import_preview": form(CURATOR_ONLY, pk("people_import")),
    "import_template": read(CURATOR_ONLY),
    "people_export": read(NARROWED),
    "mentees_export": read(NARROWED),
    "mentors_export": read(MANAGEMENT),
    "consent_add": form(CURATOR_ONLY, lambda w: {"pk": w.other_mentee.person_id}),
    "consent_withdraw": form(CURATOR_ONLY, pk("consent")),
    "consent_scan": read(OTHER_PERSON, pk("consent")),
    "consent_scan_upload": form(CURATOR_ONLY, pk("consent")),
    "mentor_scores": form(CURATOR_ONLY, pk("other_mentor")),
    "interview_add": form(CURATOR_ONLY, pk("other_mentor")),
    "evaluation_parameters": read(MANAGEMENT),
    "evaluation_parameter_add": form(CURATOR_ONLY),
    "evaluation_parameter_edit": form(CURATOR_ONLY, pk("parameter")),
    "training_events": read(MANAGEMENT),
    "training_event_add": form(CURATOR_ONLY),
    "training_event": read(MANAGEMENT, pk("training_event")),
    "training_event_edit": form(CURATOR_ONLY, pk("training_event")),
    "training_material_add": form(CURATOR_ONLY, pk("training_event")),
    "training_material": read(MANAGEMENT, pk("training_material")),
    "mentoring_forms": read(MANAGEMENT),
    "mentoring_form_add": form(CURATOR_ONLY),
    "mentoring_form_edit": form(CURATOR_ONLY, pk("mentoring_form")),
    "mentoring_kinds": read(CURATOR_ONLY),
    "mentoring_kind_edit": form(CURATOR_ONLY, pk("mentoring_kind")),
    "export_log": read(CURATOR_ONLY),
    # Questionnaires
    "survey_list": read(MANAGEMENT),
    "survey_add": form(CURATOR_ONLY),
    "survey": read(MANAGEMENT, pk("survey")),
    "survey_edit": form(CURATOR_ONLY, pk("survey")),
    "survey_copy": action(CURATOR_ONLY, pk("survey")),
    "survey_delete": action(CURATOR_ONLY, pk("survey")),
    "survey_preview": read(MANAGEMENT, pk("survey")),
    "survey_state": action(CURATOR_ONLY, lambda w: {"pk": w.survey.pk, "action": "close"}),
    "section_add": form(CURATOR_ONLY, pk("survey")),
    "section_edit": form(CURATOR_ONLY, survey_and("section", "section_pk")),
    "section_delete": action(CURATOR_ONLY, survey_and("section", "section_pk")),
    "question_add": form(CURATOR_ONLY, pk("survey")),
    "question_edit": form(CURATOR_ONLY, survey_and("question", "question_pk")),
    "question_delete": action(CURATOR_ONLY, survey_and("question", "question_pk")),
    "question_move": action(
        CURATOR_ONLY, lambda w: {"pk": w.survey.pk, "question_pk": w.question.pk, "direction": "up"}
    ),
    # The administration reads the invitations; its POST is not an invitation (no form is bound).
    "survey_invitations": form(MANAGEMENT, pk("survey")),
    "survey_invite_people": form(CURATOR_ONLY, pk("survey")),
    "invitation_revoke": action(CURATOR_ONLY, survey_and("link", "invitation_pk")),
    "survey_class": read(OTHER_CLASS, survey_and("eighth", "class_pk")),
    "survey_class_sheet": read(OTHER_CLASS, survey_and("eighth", "class_pk")),
    "survey_results": read(MANAGEMENT, pk("survey")),
    "survey_responses": read(MANAGEMENT, pk("survey")),
    # A class leader reads the answers of their own class's students (the survey is not
    # confidential); another class's response is not theirs to find.
    "survey_response": read(
        policy(class_leader_other=NOT_FOUND, administration=OK), survey_and("response", "response_pk")
    ),
    "survey_to_bank": action(CURATOR_ONLY, pk("survey")),
    "survey_question_answers": read(MANAGEMENT, survey_and("question", "question_pk")),
    "survey_export": read(MANAGEMENT, pk("survey")),
    "my_surveys": read(LOGGED_IN),
    # A personal link works for whoever holds it: every role opens the link holder's own.
    "survey_fill": form(PUBLIC, lambda w: {"token": w.link.token}),
    "survey_open_fill": form(PUBLIC, lambda w: {"token": w.survey.open_token}),
    "survey_open_done": read(PUBLIC, lambda w: {"token": w.survey.open_token}),
    # Matching: management reads, the curator runs and decides
    "matching": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "matching_accept_all": action(CURATOR_ONLY),
    "matching_criteria": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "pair_rules": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "pair_rule_delete": action(CURATOR_ONLY, pk("rule")),
    "proposal": read(MANAGEMENT, pk("proposal")),
    "proposal_decide": action(CURATOR_ONLY, lambda w: {"pk": w.proposal.pk, "action": "reject"}),
    "proposal_change": action(CURATOR_ONLY, lambda w: {"pk": w.proposal.pk, "mentor_pk": w.own_mentor.pk}),
    "pair_by_hand": page(lambda w: {"mentee_pk": w.bank_mentee.pk}, get=MANAGEMENT, post=CURATOR_ONLY),
    "mentee_support": form(CURATOR_ONLY, lambda w: {"mentee_pk": w.bank_mentee.pk}),
    # Pairs and groups
    "mentorships": read(MANAGEMENT),
    "group_add": form(CURATOR_ONLY),
    "mentorship": read(OTHER_PAIR, pk("other_pair")),
    "mentorship_edit": form(CURATOR_ONLY, pk("other_pair")),
    "mentorship_members": form(CURATOR_ONLY, pk("group")),
    "mentorship_status": action(CURATOR_ONLY, lambda w: {"pk": w.other_pair.pk, "action": "finish"}),
    "mentorship_notify": action(CURATOR_ONLY, pk("other_pair")),
    "mentorship_invite": action(CURATOR_ONLY, pk("other_pair")),
    "class_pairs_sheet": read(OTHER_CLASS, lambda w: {"class_pk": w.eighth.pk}),
    "programmes": read(MANAGEMENT),
    "programme": read(OTHER_PAIR, pk("other_pair")),
    "programme_edit": form(CURATOR_ONLY, pk("other_pair")),
    "programme_approve": action(CURATOR_ONLY, pk("other_pair")),
    "programme_templates": read(MANAGEMENT),
    "programme_template_add": form(CURATOR_ONLY),
    "programme_template_edit": form(CURATOR_ONLY, pk("programme_template")),
    "meeting_add": form(OTHER_JOURNAL, pk("other_pair")),
    "meeting_edit": form(OTHER_JOURNAL, pair_and_meeting),
    "meeting_delete": action(CURATOR_ONLY, pair_and_meeting),
    "pair_events": read(MANAGEMENT),
    "pair_event_add": form(CURATOR_ONLY),
    "pair_event": read(MANAGEMENT, pk("event")),
    "pair_event_edit": form(CURATOR_ONLY, pk("event")),
    "my_mentees": read(policy(mentor_other=OK, curator=FORBIDDEN)),
    # The register of documents: the curator drafts, the administration signs, both read
    "acts": read(MANAGEMENT),
    "act_add": form(CURATOR_ONLY, lambda w: {"kind": "pairs_order"}),
    "act": read(MANAGEMENT, pk("signed_act")),
    "act_edit": form(CURATOR_ONLY, pk("draft_act")),
    "act_members": action(CURATOR_ONLY, pk("draft_act")),
    "act_pdf": read(MANAGEMENT, pk("draft_act")),
    "act_acquaintance": read(MANAGEMENT, pk("draft_act")),
    "act_sign": action(policy(administration=OK, curator=FORBIDDEN), pk("draft_act")),
    "act_publish": action(CURATOR_ONLY, pk("signed_act")),
    # The scan of the signed paper is attached by whoever holds it: the curator or the director.
    "act_scan": action(MANAGEMENT, pk("signed_act")),
    "act_scan_download": read(MANAGEMENT, pk("signed_act")),
    "act_delete": action(CURATOR_ONLY, pk("draft_act")),
    "act_check": read(PUBLIC, lambda w: {"token": w.signed_act.token}),
    "roadmap_pdf": read(MANAGEMENT),
    # Printed forms
    "printouts": read(MANAGEMENT),
    "class_consents_pdf": read(OTHER_CLASS, lambda w: {"class_pk": w.eighth.pk}),
    "mentor_labour_pdf": read(MANAGEMENT, lambda w: {"mentor_pk": w.other_mentor.pk}),
    "labour_forms_pdf": read(MANAGEMENT),
    "programme_pdf": read(OTHER_PAIR, pk("other_pair")),
    # Monitoring, reports and completing the year: management reads, the curator writes
    "monitoring": read(MANAGEMENT),
    "monitoring_pairs": read(MANAGEMENT),
    "monitoring_swot": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "monitoring_settings": form(CURATOR_ONLY),
    "completion": read(MANAGEMENT),
    "monitoring_reports": read(MANAGEMENT),
    "year_report": read(MANAGEMENT),
    "regional_report": read(MANAGEMENT),
    "indicators": read(MANAGEMENT),
    "indicator_add": form(CURATOR_ONLY),
    "indicators_fill": action(CURATOR_ONLY),
    "indicator_edit": form(CURATOR_ONLY, pk("indicator")),
    "indicator_delete": action(CURATOR_ONLY, pk("indicator")),
    "indicator_move": action(CURATOR_ONLY, lambda w: {"pk": w.indicator.pk, "direction": "down"}),
    "best_practices": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "best_case": form(CURATOR_ONLY, pk("other_pair")),
    "mentor_base": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "year_close": page(get=MANAGEMENT, post=CURATOR_ONLY),
    # Publications
    "publications": read(MANAGEMENT),
    "publication_add": form(CURATOR_ONLY),
    "site_section": page(get=MANAGEMENT, post=CURATOR_ONLY),
    "publication_from_pair": form(CURATOR_ONLY, lambda w: {"pk": w.other_pair.pk, "kind": "case"}),
    "publication_results": form(CURATOR_ONLY, lambda w: {"start_year": w.year.start_year}),
    "publication": read(MANAGEMENT, pk("publication")),
    "publication_edit": form(CURATOR_ONLY, pk("publication")),
    "publication_delete": form(CURATOR_ONLY, pk("publication")),
    "publication_file_add": action(CURATOR_ONLY, pk("publication")),
    "publication_file": read(MANAGEMENT, pk("publication_file")),
    "publication_file_delete": action(CURATOR_ONLY, pk("publication_file")),
    # The public section
    "robots": read(PUBLIC),
    "public_home": read(PUBLIC),
    "public_programme": read(PUBLIC),
    "public_feed": read(PUBLIC),
    "public_sitemap": read(PUBLIC),
    "public_act": read(PUBLIC, lambda w: {"slug": w.published_act.slug}),
    "public_act_pdf": read(PUBLIC, lambda w: {"slug": w.published_act.slug}),
    "public_file": read(PUBLIC, pk("publication_file")),
    "public_section": read(PUBLIC, lambda w: {"section": w.publication.section}),
    "public_item": read(PUBLIC, lambda w: {"section": w.publication.section, "slug": w.publication.slug}),
}


def url_patterns():
    """(route, key, in_admin) of every URL pattern of the project. The key is the pattern's name
    with its namespace, or the route of an unnamed one; ``in_admin``: served by the admin site."""

    def walk(patterns, prefix, namespace, in_admin):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                admin_site = in_admin or pattern.namespace == admin.site.name
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, admin_site)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield route, f"{namespace}{pattern.name}" if pattern.name else route, in_admin

    return list(walk(get_resolver().url_patterns, "", "", False))


@cache
def unnamed_routes():
    return {key for route, key, _in_admin in url_patterns() if key == route}


def url_of(key, world):
    """The entry's address: reversed by name, or the route itself of an unnamed pattern."""
    if key in unnamed_routes():
        return "/" + key
    entry = MATRIX[key]
    return reverse(key, kwargs=entry.kwargs(world) if entry.kwargs else None)


def admin_checks(curator):
    """(url, policy) for the admin's index, each app's page and each registered model's list.

    Everyone but the curator is sent to the admin's login page; the curator sees what the
    permissions of their role allow: a model without them is 403, an app without any 404."""
    checks = [(reverse("admin:index"), _admin_policy(OK))]
    visible_apps, apps = set(), set()
    for model in admin.site._registry:
        opts = model._meta
        apps.add(opts.app_label)
        may = any(curator.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change"))
        if may:
            visible_apps.add(opts.app_label)
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        checks.append((url, _admin_policy(OK if may else FORBIDDEN)))
    for app_label in sorted(apps):
        app_url = reverse("admin:app_list", kwargs={"app_label": app_label})
        checks.append((app_url, _admin_policy(OK if app_label in visible_apps else NOT_FOUND)))
    return checks


def _admin_policy(curator_outcome):
    return policy(**{role: LOGIN for role in ROLES if role != CURATOR}, curator=curator_outcome)


def outcome(response, method):
    """What ``response`` means, in the words of the matrix."""
    status = response.status_code
    if 300 <= status < 400:
        location = urlsplit(response["Location"])
        login_pages = {reverse("login"), reverse("admin:login")}
        if location.path in login_pages and "next" in parse_qs(location.query):
            return LOGIN
        return OK
    if 200 <= status < 300 or (status == 400 and method == "post"):
        return OK
    return {403: FORBIDDEN, 404: NOT_FOUND}.get(status, "unexpected")

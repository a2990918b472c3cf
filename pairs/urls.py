from django.urls import path

from pairs.views import events, matching, meetings, mentorships, mine, programmes

urlpatterns = [
    # Matching
    path("pairs/matching/", matching.matching, name="matching"),
    path("pairs/matching/accept-all/", matching.accept_all, name="matching_accept_all"),
    path("pairs/matching/criteria/", matching.criteria, name="matching_criteria"),
    path("pairs/matching/rules/", matching.rules, name="pair_rules"),
    path("pairs/matching/rules/<int:pk>/delete/", matching.rule_delete, name="pair_rule_delete"),
    path("pairs/proposals/<int:pk>/", matching.proposal, name="proposal"),
    path("pairs/proposals/<int:pk>/decide/<str:action>/", matching.proposal_decide, name="proposal_decide"),
    path("pairs/proposals/<int:pk>/mentor/<int:mentor_pk>/", matching.proposal_change, name="proposal_change"),
    path("pairs/by-hand/<int:mentee_pk>/", matching.pair_by_hand, name="pair_by_hand"),
    path("pairs/support/<int:mentee_pk>/", matching.mentee_support, name="mentee_support"),
    # Pairs and groups
    path("pairs/", mentorships.mentorship_list, name="mentorships"),
    path("pairs/groups/add/", mentorships.group_add, name="group_add"),
    path("pairs/<int:pk>/", mentorships.mentorship, name="mentorship"),
    path("pairs/<int:pk>/edit/", mentorships.mentorship_edit, name="mentorship_edit"),
    path("pairs/<int:pk>/members/", mentorships.members, name="mentorship_members"),
    path("pairs/<int:pk>/status/<str:action>/", mentorships.status, name="mentorship_status"),
    path("pairs/<int:pk>/notify/", mentorships.notify, name="mentorship_notify"),
    path("pairs/<int:pk>/surveys/", mentorships.invite, name="mentorship_invite"),
    path("pairs/classes/<int:class_pk>/pairs.pdf", mentorships.class_sheet, name="class_pairs_sheet"),
    # Programmes, meetings and events
    path("pairs/programmes/", programmes.programme_list, name="programmes"),
    path("pairs/<int:pk>/programme/", programmes.programme, name="programme"),
    path("pairs/<int:pk>/programme/edit/", programmes.programme_edit, name="programme_edit"),
    path("pairs/<int:pk>/programme/approve/", programmes.programme_approve, name="programme_approve"),
    path("pairs/programme-templates/", programmes.template_list, name="programme_templates"),
    path("pairs/programme-templates/add/", programmes.template_edit, name="programme_template_add"),
    path("pairs/programme-templates/<int:pk>/", programmes.template_edit, name="programme_template_edit"),
    path("pairs/<int:pk>/meetings/add/", meetings.meeting_add, name="meeting_add"),
    path("pairs/<int:pk>/meetings/<int:meeting_pk>/", meetings.meeting_edit, name="meeting_edit"),
    path("pairs/<int:pk>/meetings/<int:meeting_pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("pairs/events/", events.event_list, name="pair_events"),
    path("pairs/events/add/", events.event_edit, name="pair_event_add"),
    path("pairs/events/<int:pk>/", events.event, name="pair_event"),
    path("pairs/events/<int:pk>/edit/", events.event_edit, name="pair_event_edit"),
    path("my-mentees/", mine.my_mentees, name="my_mentees"),
]

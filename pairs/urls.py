from django.urls import path

from pairs.views import matching, mentorships

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
]

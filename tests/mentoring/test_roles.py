import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from mentoring import roles
from tests.factories import make_user


def permissions_of(role):
    return set(Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_migrate_creates_the_four_roles_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ALL)
    curator = permissions_of(roles.CURATOR)
    assert {("mentoring", "change_roadmapactivity"), ("participants", "change_person")} <= curator
    assert ("mentoring", "delete_user") not in curator
    administration = permissions_of(roles.ADMINISTRATION)
    assert ("mentoring", "change_school") in administration
    assert ("participants", "change_person") not in administration
    assert ("participants", "view_person") in administration


@pytest.mark.django_db(transaction=True)
def test_the_roles_come_back_after_the_database_is_flushed():
    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ALL)
    assert ("participants", "view_person") in permissions_of(roles.ADMINISTRATION)


@pytest.mark.django_db
def test_a_superuser_holds_every_role_and_an_inactive_user_none():
    boss = make_user(is_superuser=True)
    assert roles.has_role(boss, roles.CURATOR, roles.MENTOR)
    curator = make_user(roles=[roles.CURATOR], is_active=False)
    assert not roles.has_role(curator, roles.CURATOR)

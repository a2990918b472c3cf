"""Not written yet."""


def people(request, pk=None):
    raise NotImplementedError


def person_add(request, pk=None):
    raise NotImplementedError


def people_to_bank(request, pk=None):
    raise NotImplementedError


def person(request, pk=None):
    raise NotImplementedError


def person_edit(request, pk=None):
    raise NotImplementedError


def mentee_add(request, pk=None):
    raise NotImplementedError


def mentor_add(request, pk=None):
    raise NotImplementedError


def mentor_profile_edit(request, pk=None):
    raise NotImplementedError


def classes(request, pk=None):
    raise NotImplementedError


def class_add(request, pk=None):
    raise NotImplementedError


def class_edit(request, pk=None):
    raise NotImplementedError

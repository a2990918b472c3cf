"""Not written yet."""


def mentees(request, pk=None):
    raise NotImplementedError


def mentee_edit(request, pk=None):
    raise NotImplementedError


def request_note_add(request, pk=None):
    raise NotImplementedError


def request_note_report(request, pk=None):
    raise NotImplementedError


def mentors(request, pk=None):
    raise NotImplementedError


def mentor_edit(request, pk=None):
    raise NotImplementedError

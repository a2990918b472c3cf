"""Not written yet."""


def consent_add(request, pk=None):
    raise NotImplementedError


def consent_withdraw(request, pk=None):
    raise NotImplementedError


def consent_scan(request, pk=None):
    raise NotImplementedError

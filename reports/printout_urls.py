"""Printed forms outside the register: consents, programmes, the roadmap."""

urlpatterns = []

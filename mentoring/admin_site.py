from django.contrib import admin

from mentoring import roles


class MentoringAdminSite(admin.AdminSite):
    site_header = "Наставничество: администрирование"
    site_title = "Наставничество"
    index_title = "Данные программы"

    def has_permission(self, request):
        """The curator manages the data here without needing the separate «staff» flag."""
        user = request.user
        return user.is_active and (user.is_staff or roles.has_role(user, roles.CURATOR))

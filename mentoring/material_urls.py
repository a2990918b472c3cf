from django.urls import path

from mentoring import material_views as views

urlpatterns = [
    path("materials/", views.material_list, name="materials"),
    path("materials/add/", views.material_add, name="material_add"),
    path("materials/<int:pk>/", views.material, name="material"),
    path("materials/<int:pk>/edit/", views.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("materials/<int:pk>/file/", views.material_file, name="material_file"),
]

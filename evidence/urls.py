from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence-remove"),
    path("evidence/<str:kind>/<int:pk>/", views.evidence_list, name="evidence-list"),
    path("evidence/<str:kind>/<int:pk>/add/", views.evidence_add, name="evidence-add"),
]

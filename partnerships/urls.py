from django.urls import path

from partnerships.views import pages
from partnerships.views import partnerships as views

app_name = "partnerships"

urlpatterns = [
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("help/", pages.help_page, name="help"),
    path("partnerships/", views.partnership_list, name="partnership-list"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership-edit"),
    path("partnerships/<int:pk>/members/add/", views.membership_add, name="membership-add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership-end"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("agreement/", views.agreement_structure, name="agreement-structure"),
    path("agreement/switch/", views.agreement_switch, name="agreement-switch"),
]

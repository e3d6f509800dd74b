from django.urls import path

from partnerships.views import invitations, pages, sessions, setup, sso, two_factor
from partnerships.views import partnerships as views

app_name = "partnerships"

urlpatterns = [
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("help/", pages.help_page, name="help"),
    path("healthz/", pages.health, name="health"),
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
    path("agreement/start/", setup.agreement_start, name="agreement-start"),
    path("agreement/setup/", setup.agreement_setup, name="agreement-setup"),
    path("agreement/setup/themes/", setup.theme_list, name="theme-list"),
    path("agreement/setup/themes/add/", setup.theme_add, name="theme-add"),
    path("agreement/setup/themes/<int:pk>/edit/", setup.theme_edit, name="theme-edit"),
    path("agreement/setup/outcomes/add/", setup.outcome_add, name="outcome-add"),
    path("agreement/setup/outcomes/<int:pk>/edit/", setup.outcome_edit, name="outcome-edit"),
    path("agreement/setup/partnerships/add/", setup.partnership_add, name="partnership-add"),
    path("agreement/setup/organisations/add/", setup.organisation_add, name="organisation-add"),
    path(
        "agreement/setup/organisations/<int:pk>/edit/",
        setup.organisation_edit,
        name="organisation-edit",
    ),
    path("agreement/setup/people/", setup.person_setup_list, name="person-setup-list"),
    path("agreement/setup/people/add/", setup.person_add, name="person-add"),
    path("agreement/setup/people/<int:pk>/edit/", setup.person_edit, name="person-edit"),
    path("agreement/setup/areas/", setup.area_list, name="area-list"),
    path("agreement/setup/areas/add/", setup.area_add, name="area-add"),
    path("agreement/setup/areas/<int:pk>/edit/", setup.area_edit, name="area-edit"),
]

# Invitations by e-mail; the link's page (a token, not a number) comes after "new/".
urlpatterns += [
    path("invitations/", invitations.invitation_list, name="invitation-list"),
    path("invitations/new/", invitations.invitation_send, name="invitation-send"),
    path("invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation-resend"),
    path(
        "invitations/<int:pk>/withdraw/",
        invitations.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation-accept"),
]

# Signing in: single sign-on, two-factor authentication, sessions, the sign-in log.
urlpatterns += [
    path("accounts/sso/callback/", sso.SSOCallbackView.as_view(), name="sso-callback"),
    path("accounts/sso/<slug:provider>/", sso.SSOStartView.as_view(), name="sso-start"),
    path("account/two-factor/", two_factor.two_factor_status, name="two-factor"),
    path("account/two-factor/set-up/", two_factor.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/verify/", two_factor.two_factor_verify, name="two-factor-verify"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor.recovery_codes_new,
        name="recovery-codes-new",
    ),
    path("account/sessions/", sessions.session_list, name="session-list"),
    path("account/sessions/end-others/", sessions.session_end_others, name="session-end-others"),
    path("agreement/sign-ins/", sessions.sign_in_log, name="sign-in-log"),
]

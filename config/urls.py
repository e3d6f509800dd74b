from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.forms import EmailAuthenticationForm

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("work.urls")),
    path("", include("partnerships.urls")),
    path("", include("evidence.urls")),
    path("", include("plans.urls")),
    path("", include("indicators.urls")),
    path("", include("meetings.urls")),
    path("", include("funding.urls")),
    path("", include("api.urls")),
]

from django.urls import path

from indicators import report_urls, views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("indicators/targets/<int:pk>/", views.target_detail, name="target-detail"),
    path("indicators/targets/<int:pk>/actuals/", views.actual_save, name="actual-save"),
    path("indicators/targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
    path("indicators/targets/<int:pk>/profile/", views.target_profile, name="target-profile"),
]
urlpatterns += report_urls.urlpatterns

from indicators import comparator_urls  # noqa: E402

urlpatterns += comparator_urls.urlpatterns

from indicators import return_urls  # noqa: E402  (data cycle, issue 9)

urlpatterns += return_urls.urlpatterns

from indicators.workbook_urls import workbook_urls  # noqa: E402

urlpatterns += workbook_urls

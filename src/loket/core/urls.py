from django.urls import path

from loket.core import views

app_name = "beheer"

urlpatterns = [
    path("", views.beheer_home, name="home"),
    path("auditlog/", views.audit_log, name="audit_log"),
    path("auditlog/export/", views.audit_log_export, name="audit_log_export"),
    path("auditlog/verwerkingslog/", views.verwerkingslog_export, name="verwerkingslog_export"),
]

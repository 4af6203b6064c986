"""Appointments and the counter queue. No namespace of their own: loket/urls.py includes these
patterns in the selfservice namespace, so the names (selfservice:afspraak_maken, selfservice:balie, ...) and
the paths stayed as they were when the counter was part of selfservice."""

from django.urls import path

from loket.balie import views

urlpatterns = [
    # Face: appointments (citizens) ...
    path("afspraken/<uuid:product>/", views.afspraak_book, name="afspraak_maken"),
    path("afspraken/beheren/<str:token>/", views.afspraak_beheren, name="afspraak"),
    path("afspraken/beheren/<str:token>/agenda.ics", views.afspraak_agenda, name="afspraak_agenda"),
    # ... and the counter queue: the kiosk and ticket (visitors), the overview (staff).
    path("balie/", views.balie_list, name="balie_list"),
    path("balie/ticket/<str:token>/", views.ticket, name="ticket"),
    path("balie/<slug:locatie>/", views.balie_overzicht, name="balie"),
    path("balie/<slug:locatie>/kiosk/", views.kiosk, name="kiosk"),
]

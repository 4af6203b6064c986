"""Training on the topic of a quality review (issue 20): from "Mijn kwaliteit" an agent opens
the scenarios on what a review was about: the one a teamleider made from that contact
(kwaliteit.Oefenscenario, anonymised), then the simulation's own scenarios on the same product
or article. Starting one is the simulation's own Start (training:start)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from loket.accounts.permissions import TAKE_TRAINING
from loket.kwaliteit.models import Beoordeling, Oefenscenario
from loket.kwaliteit.selectors import beoordeling_get_for_training, beoordeling_onderwerp
from loket.training.scenarios import praktijk_scenario, scenario_for_onderwerp


@login_required
@permission_required(TAKE_TRAINING, raise_exception=True)
def onderwerp(request, pk: int):
    try:
        beoordeling = beoordeling_get_for_training(pk=pk, user=request.user)
    except Beoordeling.DoesNotExist:
        raise Http404("Deze beoordeling bestaat niet of is niet van u.") from None
    artikelen, producten = beoordeling_onderwerp(beoordeling=beoordeling)
    eigen = Oefenscenario.objects.filter(beoordeling=beoordeling).first()
    context = {
        "beoordeling": beoordeling,
        "uit_contact": praktijk_scenario(eigen) if eigen is not None else None,
        "verwant": scenario_for_onderwerp(artikelen=artikelen, producten=producten),
    }
    return render(request, "training/praktijk.html", context)

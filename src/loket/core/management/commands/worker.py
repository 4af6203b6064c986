"""`loket worker`: runs background tasks (django-tasks-db's worker) plus Loket's schedule: the
periodic jobs the apps registered in core.jobs."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from loket.core import jobs

logger = logging.getLogger("loket.worker")


class Planner(threading.Thread):
    """Every `interval` seconds: one round of the registered jobs (core.jobs.tick)."""

    def __init__(self, interval: float) -> None:
        super().__init__(name="loket-planner", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                jobs.tick()
            except Exception:
                logger.exception("planner: ronde mislukt")
            finally:
                close_old_connections()
            self.stopped.wait(self.interval)


class Command(BaseCommand):
    help = (
        "Start de achtergrondworker: voert taken uit de takenwachtrij uit (berichten versturen, "
        "de dagelijkse signalenscan) en plant het periodieke werk dat de apps aanmelden "
        "(--taken toont het). Meerdere workers mogen naast elkaar draaien, ook op verschillende "
        "machines met één PostgreSQL."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--queue-name", default="default", help="Wachtrij(en), komma's of '*'.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconden wachten als er geen taak is."
        )
        parser.add_argument(
            "--planner-interval",
            type=float,
            default=30.0,
            help="Seconden tussen rondes van de planner (zie --taken).",
        )
        parser.add_argument(
            "--no-planner", action="store_true", help="Alleen taken uitvoeren, niets plannen."
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Eén plannerronde, dan alle wachtende taken uitvoeren en stoppen (voor cron).",
        )
        parser.add_argument(
            "--taken", action="store_true", help="Toon het periodieke werk van de planner en stop."
        )
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default="")

    def handle(self, *args, **options) -> None:
        if options["taken"]:
            for job in jobs.registered():
                self.stdout.write(f"{job.naam:<28} {job.schema:<24} {job.omschrijving}")
            return
        worker_id = options["worker_id"] or (
            f"{socket.gethostname()}:{os.getpid()}:{get_random_string(6)}"
        )
        for name in (
            "django_tasks_db",
            "django.tasks",
            "loket.worker",
            "loket.proactive",
            "loket.core",
        ):
            logging.getLogger(name).setLevel(logging.INFO)
        queue_names = options["queue_name"].split(",")
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        if options["batch"]:
            if not options["no_planner"]:
                jobs.tick()
            worker.run()
            return
        planner = None
        if not options["no_planner"]:
            planner = Planner(options["planner_interval"])
            planner.start()
        self.stdout.write(f"Loket-worker {worker_id} gestart (wachtrij {options['queue_name']}).")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            if planner is not None:
                planner.stopped.set()

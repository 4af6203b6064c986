from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "loket.contacts"

    def ready(self) -> None:
        from loket.contacts.selectors import klantcontact_audit_subjects
        from loket.core.audit import register_subject_finder

        # The audit log finds the reads of a klant by the KC-number of one of their contacts.
        register_subject_finder(klantcontact_audit_subjects)
        from loket.contacts.tasks import TE_LAAT_TAAK, te_laat_plannen, te_laat_tijd
        from loket.core import jobs

        jobs.register(
            TE_LAAT_TAAK,
            te_laat_plannen,
            dagelijks_om=te_laat_tijd,
            omschrijving="Elke teamleider de lijst van te late contactverzoeken mailen (werkdagen).",
        )
        from loket.contacts.retention import register_kinds

        register_kinds()
        from loket.contacts.inzage import register_bronnen

        register_bronnen()
        from loket.contacts.services.chats import chats_expire

        jobs.register(
            "chats_opruimen",
            lambda now: chats_expire(now=now),
            omschrijving=(
                "Chats van inwoners die zonder afmelden weggingen als verlaten markeren, en "
                "chatberichten na de bewaartermijn (LOKET_CHAT_BEWAARTERMIJN_DAGEN) verwijderen."
            ),
        )

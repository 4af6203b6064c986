from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "loket.parties"

    def ready(self) -> None:
        from loket.core.audit import register_data_subject_resolver, register_subject_finder
        from loket.parties.selectors import partij_audit_subjects, partij_data_subjects

        # The audit log finds every read of a person by BSN, KVK-nummer or UUID.
        register_subject_finder(partij_audit_subjects)
        # Each audit entry names its data subject (Logboek Dataverwerkingen).
        register_data_subject_resolver(partij_data_subjects)
        from loket.parties.inzage import register_bronnen

        register_bronnen()

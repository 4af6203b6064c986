from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "loket.cases"

    def ready(self) -> None:
        from loket.cases.selectors import zaak_audit_subjects
        from loket.core.audit import register_subject_finder

        # The audit log finds the reads of a klant by the number of one of their zaken.
        register_subject_finder(zaak_audit_subjects)
        from loket.cases.retention import register_kinds

        register_kinds()
        from loket.cases.inzage import register_bronnen

        register_bronnen()

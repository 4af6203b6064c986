"""Every permission of Loket's roles, in one place. Views, APIs, admins and services name them from
here; the roles that hold them are in accounts/constants.py, their Dutch labels on the User model.

core sits below accounts and cannot import this module: core.access names DISTRIBUTE_WORK's string
itself (a test checks that it matches)."""

VIEW_PERSON_DATA = "accounts.view_person_data"
REGISTER_CONTACT = "accounts.register_contact"
HANDLE_CASES = "accounts.handle_cases"
DISTRIBUTE_WORK = "accounts.distribute_work"  # teamleiders assign work to others
VIEW_INSIGHTS = "accounts.view_insights"
VIEW_KNOWLEDGE = "accounts.view_knowledge"
MANAGE_KNOWLEDGE = "accounts.manage_knowledge"
MANAGE_CATALOGUE = "accounts.manage_catalogue"
MANAGE_REFERENCE_DATA = "accounts.manage_reference_data"
MANAGE_USERS = "accounts.manage_users"
VIEW_AUDIT_LOG = "accounts.view_audit_log"
MANAGE_API_TOKENS = "accounts.manage_api_tokens"
TAKE_TRAINING = "accounts.take_training"
VIEW_TEAM_TRAINING = "accounts.view_team_training"
MANAGE_PROACTIVE_RULES = "accounts.manage_proactive_rules"
MANAGE_COUNTER = "accounts.manage_counter"
# The inbox (issue 17): answer e-mails and questions from the website, not other verzoeken.
ANSWER_WRITTEN = "accounts.answer_written"

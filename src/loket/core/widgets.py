"""The NL Design System (Utrecht) classes for Django's form widgets, in one place.

Forms set `attrs={"class": SELECT}` and so on; a select then looks like a select and a text box
like a text box on every page, and a change of the design system is one edit here."""

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
FILE = "utrecht-textbox"

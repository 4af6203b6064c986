"""The conventions of docs/architecture.md that a reader cannot see at a glance, checked on the source."""

import ast
import re
from pathlib import Path

import loket

SRC = Path(loket.__file__).parent


def _modules():
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path


def test_utrecht_widget_classes_come_from_core_widgets():
    """A form names the design system's widget classes through loket.core.widgets only."""
    pattern = re.compile(r"[\"']utrecht-(textbox|textarea|select|checkbox)\b[^\"']*--html-")
    offenders = [
        str(path.relative_to(SRC))
        for path in _modules()
        if path.name != "widgets.py" and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_no_settings_default_repeated_with_getattr():
    """Settings are read as settings.LOKET_…; conf/base.py holds the one default."""
    offenders = []
    for path in _modules():
        if "conf" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
                and len(node.args) > 2
                and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith("LOKET_")
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_services_and_selectors_use_english_verbs():
    """No public service or selector ends in a Dutch infinitive (the rename of issue 15 holds)."""
    dutch = re.compile(
        r"_(indienen|verwerken|vastleggen|opslaan|registreren|berekenen|bijwerken|afronden|"
        r"zoeken|annuleren|verzetten|maken|toevoegen|versturen|uitnodigen|invullen|signaleren|"
        r"aanbieden|koppelen\w*|laden|valideren|opruimen|tellen|zetten|verrijken|oproepen|trekken)$"
    )
    offenders = []
    for path in _modules():
        if not (
            path.stem in {"services", "selectors"} or path.parent.name in {"services", "selectors"}
        ):
            continue
        for node in ast.parse(path.read_text()).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and dutch.search(node.name)
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.name}")
    assert offenders == []

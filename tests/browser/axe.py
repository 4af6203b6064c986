"""axe-core in the browser tests: no serious or critical accessibility violations."""

BLOCKING = {"serious", "critical"}


def assert_no_blocking_axe_violations(page, name: str) -> None:
    """Run axe-core on the current page; fail with the blocking violations (id, impact, targets)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]
    assert not blocking, f"axe op {name}: {blocking}"

"""The test suite's own promises: no test depends on how fast the machine is."""

import importlib

from hypothesis import settings

from conftest import REPO


def property_tests() -> dict[str, object]:
    """{module::name: test} of every Hypothesis test (a function @given made) in tests/."""
    tests = {}
    for path in sorted((REPO / "tests").glob("test_*.py")):
        if "hypothesis" not in path.read_text():
            continue
        module = importlib.import_module(path.stem)  # the module pytest imports, with its conftest
        for name, test in vars(module).items():
            if name.startswith("test_") and hasattr(test, "hypothesis"):
                tests[f"{path.name}::{name}"] = test
    return tests


def test_no_property_has_a_deadline():
    tests = property_tests()
    assert len(tests) >= 10  # test_words, test_config_properties and others have some
    # a test's own @settings, or else the default profile its @given runs with
    deadlines = {
        name: getattr(test, "_hypothesis_internal_use_settings", settings.default).deadline
        for name, test in tests.items()
    }
    assert {name: d for name, d in deadlines.items() if d is not None} == {}

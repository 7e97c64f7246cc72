"""What several test files share: the course's explorers, built small enough to be quick.

A test file imports ``pytest_generate_tests`` and ``make_explorer`` from here; then a test
that takes an ``explorer_name`` argument runs once per explorer, and ``make_explorer(name)``
builds one. (A plain module, not a conftest.py: tests/browser has its own conftest, and two
modules named conftest clash under --doctest-modules.) ``tests/widgets/test_every_explorer.py``
checks that this list is every explorer the package offers, so a new explorer cannot be left out.
"""

import pytest

# Small networks keep the tests quick; every other explorer starts at its defaults.
EXPLORERS = {
    "PushPullExplorer": {}, "NetworkExplorer": {"n": 200}, "SpreadExplorer": {"n": 400},
    "FrontPageExplorer": {}, "MusicLabExplorer": {}, "LinkExplorer": {}, "WeekExplorer": {},
    "ReturnsExplorer": {}, "PipelineExplorer": {},
}


def pytest_generate_tests(metafunc):
    if "explorer_name" in metafunc.fixturenames:
        metafunc.parametrize("explorer_name", list(EXPLORERS))


@pytest.fixture
def make_explorer():
    """``make_explorer(name)``: a new explorer of that class, at the small sizes above."""
    import smlearn.widgets

    return lambda name: getattr(smlearn.widgets, name)(**EXPLORERS[name])

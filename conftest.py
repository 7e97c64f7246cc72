"""Test runs keep no learner progress: the lessons' solution cells would otherwise add records
to a progress file in the notebooks folder (see smlearn.progress). They also show every
choice question's options in one order, whoever runs them (see smlearn.exercises.learner_name),
so that the lessons' outputs match their committed ones.

When nbval finds a lesson whose saved outputs differ from what its cells give now, the failure
also says how to rebuild it and which of the files it is built from changed (smlearn.build).

The doctests in smlearn's modules show the numbers of the course as shipped. Under a class
profile that changes model defaults (smlearn/class_profile.yml, written by ``smlearn build
--profile``) they are skipped, saying so; every other test runs under any profile."""

import os

import pytest
from hypothesis import settings

os.environ["SMLEARN_PROGRESS"] = "off"
os.environ["SMLEARN_LEARNER"] = "course-build"

# Hypothesis checks properties, not speed: no example has a deadline (its default, 200 ms, is a timed
# assertion that a busy machine can fail). Speeds are measured in benchmarks/ instead.
settings.register_profile("course", deadline=None)
settings.load_profile("course")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and type(item).__name__ == "IPyNbCell":
        from smlearn.build import stale_notebook_advice

        report.sections.append(("how to fix it", stale_notebook_advice(item.path)))


def pytest_collection_modifyitems(config, items):
    from smlearn.defaults import changed_defaults
    from smlearn.profile import active_profile

    changes = changed_defaults(active_profile())
    if not changes:
        return
    shown = ", ".join(f"{c.model}.{c.param}" for c in changes)
    skip = pytest.mark.skip(reason=f"a doctest shows the shipped defaults; the class profile "
                                   f"'{active_profile().name}' changes {shown}")
    for item in items:
        if type(item).__name__ == "DoctestItem":
            item.add_marker(skip)

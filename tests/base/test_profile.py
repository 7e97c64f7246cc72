"""Class profiles and the model contract: each default lives once, in a model's PARAMS.

- Every model entry point shows its PARAMS' defaults in its signature and, called without a
  parameter, gets the PARAMS default (a spy stands in for the model's body, so this is cheap).
- A profile that changes every default changes every signature and every call: checked in a
  fresh Python process, so this test session's modules keep the shipped defaults.
- The example profiles in profiles/ load; bad profiles give errors that name the file, the key
  and what is allowed.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlearn import defaults
from smlearn import profile as profiles
from smlearn.params import Choice, Param

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "profiles").glob("*.yml"))
MODELS = [m for m in profiles.model_names() if hasattr(importlib.import_module(f"smlearn.models.{m}"), "PARAMS")]

# Public model functions that keep a literal default for a name their module's PARAMS also uses,
# because it means something else there (each says why).
OWN_DEFAULTS = {
    # Centola's experiment seeds one person and stops after 40 steps, whatever lesson 04's spread does.
    ("diffusion_experiments", "clustered_vs_random", "n_seeds"), ("diffusion_experiments", "clustered_vs_random", "max_steps"),
    # outbreak sizes start from one person: the epidemic threshold's definition.
    ("diffusion_experiments", "outbreak_sizes", "n_seeds"),
    # threshold(): None means every neighbour counts (a plain threshold), not lesson 04's 2.
    ("diffusion", "threshold", "neighbours"), ("diffusion", "threshold_rules", "neighbours"),
    # simulated data sets for the interval checks: wider than detection_rate's, to test the intervals hard.
    ("interval_studies", "simulate_posts", "spread"), ("interval_studies", "simulate_posts", "reach_spread"),
    # posts=None there means "no table to check against", not a number of posts.
    ("rate_intervals", "_check_type", "posts"),
}


def model_functions():
    """(model, name, function) for every function defined in a model module."""
    for model in profiles.model_names():
        module = importlib.import_module(f"smlearn.models.{model}")
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                yield model, name, value


ENTRY_POINTS = [(f"{m}.{n}", f) for m, n, f in model_functions() if hasattr(f, "__defaults_from__")]


def filled_names(function) -> list[str]:
    """The parameters the decorator fills from PARAMS."""
    spec = function.__defaults_from__
    raw = inspect.signature(inspect.unwrap(function)).parameters
    takes_any = any(p.kind is p.VAR_KEYWORD for p in raw.values())
    return [n for n in inspect.signature(function).parameters
            if n in spec and (n not in raw and takes_any or n in raw and raw[n].default is raw[n].empty)]


def spy_call(function, **given):
    """Call ``function`` with a spy in place of its body; return the keywords the body would get."""
    cells = [c for c in function.__closure__ if c.cell_contents is inspect.unwrap(function)]
    (cell,) = cells
    real = cell.cell_contents
    seen = {}

    def spy(*args, **kwargs):
        seen.update(zip(inspect.signature(real).parameters, args))
        seen.update(kwargs)

    cell.cell_contents = spy
    try:
        required = {n: None for n, p in inspect.signature(function).parameters.items()
                    if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
        function(**required | given)
    finally:
        cell.cell_contents = real
    return seen


# ---- The contract, under the active profile ----------------------------------------------------

def test_every_model_with_params_has_an_entry_point_that_reads_them():
    # (a module may also read another's PARAMS: diffusion_theory and diffusion_experiments read diffusion's)
    readers = {name.split(".")[0] for name, _ in ENTRY_POINTS}
    assert set(MODELS) <= readers, f"models whose PARAMS no function reads: {set(MODELS) - readers}"


def test_no_model_function_keeps_a_second_copy_of_a_default():
    copies = []
    for model, name, function in model_functions():
        module = importlib.import_module(f"smlearn.models.{model}")
        spec = {**getattr(module, "PARAMS", {}), **getattr(function, "__defaults_from__", {})}
        raw = inspect.signature(inspect.unwrap(function)).parameters
        for pname, p in raw.items():
            if pname in spec and p.default is not p.empty and (model, name, pname) not in OWN_DEFAULTS:
                copies.append(f"{model}.{name}({pname}={p.default!r})")
    assert not copies, ("these signatures repeat a PARAMS default; declare the parameter without a default"
                        " and decorate the function with @defaults_from(PARAMS): " + ", ".join(copies))


@pytest.mark.parametrize("name, function", ENTRY_POINTS, ids=[n for n, _ in ENTRY_POINTS])
def test_signature_shows_the_params_defaults(name, function):
    spec = function.__defaults_from__
    signature = inspect.signature(function)
    names = filled_names(function)
    assert names
    for pname in names:
        assert signature.parameters[pname].default == spec[pname].default, pname
        assert type(signature.parameters[pname].default) is type(spec[pname].default), pname


@pytest.mark.parametrize("name, function", ENTRY_POINTS, ids=[n for n, _ in ENTRY_POINTS])
def test_a_call_without_a_parameter_gets_the_params_default(name, function):
    spec = function.__defaults_from__
    names = filled_names(function)
    got = spy_call(function)
    assert {n: got[n] for n in names} == {n: spec[n].default for n in names}
    # a value given is passed on untouched
    for pname in names:
        other = _other_value(spec[pname])
        assert spy_call(function, **{pname: other})[pname] == other


def test_the_body_really_runs_with_the_defaults():
    from smlearn.models import traffic

    assert dict(traffic.simulate().attrs["params"]) == {n: p.default for n, p in traffic.PARAMS.items()}


def _other_value(record):
    """A value other than the default, allowed by the record and on its slider's grid."""
    if isinstance(record, Choice):
        return next(o for o in record.options if o != record.default)
    value = record.default + record.step if record.default + record.step <= record.max else record.default - record.step
    return int(value) if record.integer else round(value, 10)


# ---- A profile changes both signature and call (in a fresh process) ----------------------------

def every_default_changed() -> dict:
    """Settings that change every default each model owns to another allowed value."""
    settings = {}
    for model in MODELS:
        shipped = defaults.shipped_params(model)
        # private on purpose: which model declared a record matters only to this test and to profile.py
        own = {n: r for n, r in shipped.items() if profiles._owner_of(r) == model}
        settings[model] = {n: _other_value(r) for n, r in own.items()}
    return settings


CHILD = textwrap.dedent("""
    import importlib, inspect, json, sys
    from smlearn import profile
    profile._activate(sys.argv[1])   # private on purpose: a process's profile is set before any model loads
    sys.path.insert(0, sys.argv[2])
    from test_profile import ENTRY_POINTS, filled_names, spy_call
    out = {}
    for name, function in ENTRY_POINTS:
        signature = inspect.signature(function)
        names = filled_names(function)
        got = spy_call(function)
        out[name] = {n: [signature.parameters[n].default, got[n]] for n in names}
    from smlearn.models import traffic
    out["traffic.simulate ran with"] = dict(traffic.simulate().attrs["params"])
    print(json.dumps(out))
""")


@pytest.mark.slow
def test_a_profile_changes_every_signature_and_every_call(tmp_path):
    settings = every_default_changed()
    path = tmp_path / "every.yml"
    story = dict(profiles.active_profile().story)
    path.write_text(yaml.safe_dump({"profile": 1, "name": "Every default changed", "story": story,
                                    "settings": settings}), encoding="utf-8")
    loaded = defaults.load_profile(path)
    changes = defaults.changed_defaults(loaded)
    assert len(changes) == sum(len(v) for v in settings.values())
    run = subprocess.run([sys.executable, "-c", CHILD, str(path), str(Path(__file__).parent)],
                         capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    for name, function in ENTRY_POINTS:
        spec = function.__defaults_from__
        for pname, (shown, called) in seen[name].items():
            record = spec[pname]   # this session's, the shipped one; a record no model owns stays as it is
            owner = profiles._owner_of(record)
            expected = settings[owner][record.name] if owner else record.default
            assert shown == called == pytest.approx(expected), (name, pname)
    assert seen["traffic.simulate ran with"] == pytest.approx(settings["traffic"])
    # this session's models were left alone
    from smlearn.models import traffic
    active = profiles.active_profile().settings.get("traffic", {})
    assert traffic.PARAMS["network_size"].default == active.get(
        "network_size", defaults.shipped_params("traffic")["network_size"].default)


# ---- The example profiles and bad profiles -----------------------------------------------------

def test_there_are_three_example_profiles():
    assert {p.stem for p in EXAMPLES} >= {"bakery", "nonprofit", "freelance_designer"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_profile_loads_and_changes_the_network_and_another_model(path):
    loaded = defaults.load_profile(path)
    assert loaded.name and loaded.story["owner"]
    changes = defaults.changed_defaults(loaded)
    changed = {(c.model, c.param) for c in changes}
    assert ("traffic", "network_size") in changed
    assert {m for m, _ in changed} - {"traffic"}   # links, in the three examples
    for change in changes:
        assert change.value != change.shipped


def test_the_active_profile_loads_and_its_changes_are_what_the_models_use():
    active = defaults.load_profile(profiles.ACTIVE_FILE)   # the course ships one that changes nothing
    assert active.story["owner"]
    for change in defaults.changed_defaults(active):
        module = importlib.import_module(f"smlearn.models.{change.model}")
        assert module.PARAMS[change.param].default == change.value != change.shipped


def write(tmp_path, text) -> Path:
    path = tmp_path / "class.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def good(**changes) -> dict:
    data = {"profile": 1, "name": "A class", "story": dict(profiles.active_profile().story),
            "settings": {"traffic": {"network_size": 800}}}
    return data | changes


BAD = [
    # (what is wrong, the profile, the words the error must contain)
    ("unknown top-level key", good(colour="red"), ["colour", "allowed: profile, name, story, settings"]),
    ("missing key", {k: v for k, v in good().items() if k != "name"}, ["missing", "name"]),
    ("wrong version", good(profile=2), ["profile must be 1"]),
    ("unknown model", good(settings={"trafic": {}}), ["settings.trafic", "allowed:", "traffic"]),
    # The older time-budget model is gone (its explorer was all that used it): a profile still naming it is refused.
    ("a removed model", good(settings={"effort": {"hours": 7.0}}), ["settings.effort is not a model", "allowed:", "pipeline"]),
    ("unknown parameter", good(settings={"traffic": {"contacts": 800}}),
     ["settings.traffic", "'contacts'", "allowed:", "network_size"]),
    ("out of range", good(settings={"traffic": {"network_size": 9000}}),
     ["settings.traffic.network_size", "between 10 and 5000"]),
    ("wrong type", good(settings={"traffic": {"network_size": "many"}}),
     ["settings.traffic.network_size", "must be a number"]),
    ("a fraction for a whole number", good(settings={"traffic": {"network_size": 800.5}}),
     ["settings.traffic.network_size", "whole number"]),
    ("off the slider's grid", good(settings={"traffic": {"network_size": 805}}),
     ["settings.traffic.network_size", "steps of 10"]),
    ("a borrowed parameter", good(settings={"links": {"lead_rate_pull": 0.05}}),
     ["settings.links.lead_rate_pull", "set it under settings.traffic"]),
    ("a bad choice", good(settings={"front_page": {"rule": "newest"}}), ["settings.front_page.rule", "one of"]),
    ("story word missing", good(story={}), ["story lacks", "owner"]),
    ("unknown story word", good(story=dict(profiles.active_profile().story, pet="cat")), ["pet", "allowed:"]),
    ("story word not text", good(story=dict(profiles.active_profile().story, owner=3)), ["story.owner", "text"]),
    ("settings not a mapping", good(settings=["traffic"]), ["settings must be a mapping"]),
]


@pytest.mark.parametrize("what, data, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_profile_gets_an_error_naming_file_key_and_what_is_allowed(tmp_path, what, data, words):
    path = tmp_path / "class.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises((TypeError, ValueError)) as error:
        defaults.load_profile(path)
    message = str(error.value)
    assert str(path) in message
    for word in words:
        assert word in message, (word, message)


def test_a_broken_or_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="not a valid YAML file"):
        defaults.load_profile(write(tmp_path, "profile: [1\n"))
    with pytest.raises(ValueError, match="a profile is a mapping"):
        defaults.load_profile(write(tmp_path, "- 1\n- 2\n"))
    with pytest.raises(ValueError, match="the key 'owner' is given twice"):
        defaults.load_profile(write(tmp_path, "profile: 1\nname: A\nstory:\n  owner: A\n  owner: B\nsettings: {}\n"))
    with pytest.raises(FileNotFoundError, match="no_such.yml"):
        defaults.load_profile(tmp_path / "no_such.yml")


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6),
                       st.text(max_size=5), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)),
       name=st.sampled_from(sorted(defaults.shipped_params("traffic"))))
def test_random_values_are_either_allowed_or_refused_by_name(tmp_path, value, name):
    record = defaults.shipped_params("traffic")[name]
    path = tmp_path / "random.yml"
    path.write_text(yaml.safe_dump(good(settings={"traffic": {name: value}})), encoding="utf-8")
    try:
        loaded = defaults.load_profile(path)
    except (TypeError, ValueError) as error:
        assert f"settings.traffic.{name}" in str(error)
        return
    # accepted: then it is in range and on the slider's grid
    checked = record.check(loaded.settings["traffic"][name])
    assert record.min <= checked <= record.max


def test_apply_profile_and_shipped_params_refuse_what_is_not_a_model():
    with pytest.raises(ValueError, match="model must be one of"):
        defaults.shipped_params("trafic")
    with pytest.raises(TypeError, match="model must be a string"):
        profiles.apply_profile(3, {})
    with pytest.raises(TypeError, match="params must be"):
        profiles.apply_profile("traffic", [1])
    with pytest.raises(TypeError, match="profile must be a Profile"):
        defaults.changed_defaults({"settings": {}})


def test_changes_name_model_parameter_shipped_and_new_value(tmp_path):
    path = tmp_path / "class.yml"
    path.write_text(yaml.safe_dump(good(settings={"traffic": {"network_size": 800, "echo": 0.3}})), encoding="utf-8")
    shipped = defaults.shipped_params("traffic")
    changes = defaults.changed_defaults(defaults.load_profile(path))
    expected = [profiles.Change("traffic", "network_size", shipped["network_size"].default, 800)]
    if shipped["echo"].default != 0.3:
        expected.append(profiles.Change("traffic", "echo", shipped["echo"].default, 0.3))
    assert changes == expected
    assert dataclasses.is_dataclass(changes[0])


def test_shipped_params_are_the_literal_records(tmp_path):
    from smlearn.models import traffic

    shipped = defaults.shipped_params("traffic")
    assert list(shipped) == list(traffic.PARAMS)
    for name, record in shipped.items():
        assert isinstance(record, (Param, Choice))
        active = profiles.active_profile().settings.get("traffic", {})
        assert traffic.PARAMS[name].default == (record.check(active[name]) if name in active else record.default)


def test_an_answer_that_names_the_business_keeps_its_fingerprint_under_another_story(monkeypatch):
    # A right option is stored as a fingerprint; a profile's build rewrites the option's story words,
    # so the fingerprint must not depend on them (else the question would have no right option).
    from smlearn.exercises import ChoiceQuestion, fingerprint

    shipped = profiles.active_profile()
    other = next(p for p in map(defaults.load_profile, EXAMPLES) if p.story["video"] != shipped.story["video"])
    option = f"answering a question under your new {shipped.story['video']}"
    stored = fingerprint("demo.video", option)
    assert profiles.story_neutral(option.upper()) == "ANSWERING A QUESTION UNDER YOUR NEW {video}"
    monkeypatch.setattr(profiles, "_active", other)   # private on purpose: a class has one profile, swapped here
    renamed = option.replace(shipped.story["video"], other.story["video"])
    assert fingerprint("demo.video", renamed) == stored
    question = ChoiceQuestion("demo.video", "Which?", [renamed, "something else"], answer_fingerprint=stored)
    assert question.authored_position == 0
    assert fingerprint("demo.video", "something else") != stored

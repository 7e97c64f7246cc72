"""What every model of the course promises, checked on each one (as tests/widgets/test_every_explorer.py does for explorers).

The contract, for a model module in ``smlearn.models`` with parameters:

- ``PARAMS`` is the one record of its parameters: each record's key is its name, it has a
  label and a text, and its default is allowed by its own range or options.
- ``simulate`` is its one entry point: the data it runs on first (a network), then keyword
  parameters only, each parameter named in
  ``PARAMS`` taking its default from there, and ``seed`` when the model draws at random
  (``SEED_NAMES`` lists a seed with another name, and why).
- The same settings and seed give the same result, and the result is of the one type the
  entry point names in its signature; a table's columns are the module's ``COLUMNS``, in order.
- The result carries the settings it was made with as one read-only ``FrozenParams``: a
  dataclass in ``.params``, a table in ``attrs["params"]`` (a network in ``G.graph["params"]``).
- A value out of range is refused with a ValueError that names the parameter, before any work.
- No ``locals()`` tricks and no ``**kwargs``: the parameters ``simulate`` takes are the ones its source names.

Behaviour of one model (what its results mean) is tested in that model's own test file.
``NOT_YET`` lists the models that do not keep the whole contract yet, each with what is missing;
it may only shrink (an entry a model now meets fails the test, so that it is removed).
"""

import functools
import importlib
import inspect
import pickle
import random
import re
import typing

import numpy as np
import pandas as pd
import pytest

from smlearn.params import Choice, FrozenParams, Param, defaults_from
from smlearn.profile import model_names

# model -> what it lacks. Shrink this list.
NOT_YET: dict[str, str] = {}
MODELS = [m for m in model_names() if hasattr(importlib.import_module(f"smlearn.models.{m}"), "PARAMS")]
KEPT = [m for m in MODELS if m not in NOT_YET]


def module(model):
    return importlib.import_module(f"smlearn.models.{model}")


@functools.cache
def _posts():
    from smlearn import data

    return data.load("post_metrics")     # the course's synthetic posts, which lesson 08 samples


@functools.cache
def _ringed_page():
    return module("front_page").simulate(hours=24, manipulation=True, seed=1)   # a short front page with a vote ring


# The data a model runs on, given first (every setting after it is a keyword).
DATA = {"diffusion": lambda: (module("networks").friendship_network(n=200, mean_degree=6, rewire=0.1, seed=1),),
        "uncertainty": lambda: (_posts(),),
        "vote_rings": lambda: (_ringed_page(),)}


def run(model, **settings):
    entry = functools.partial(module(model).simulate, *DATA[model]()) if model in DATA else module(model).simulate
    taken = inspect.signature(entry).parameters
    if "seed" in taken:
        settings.setdefault("seed", 1)
    if "noise" in taken:
        settings.setdefault("noise", True)   # a model whose chance is optional: with it, so the seed matters
    return entry(**settings)


# Model modules with no PARAMS, each with the reason; every other model module has PARAMS. No model is left out silently.
WITHOUT_PARAMS = {
    "degree_tails": "tests of the tail of counts it is given (a power law, a log-normal): nothing to set",
    "inequality": "a measure (the Gini coefficient and shares of the top) of numbers it is given: nothing to set",
    "diffusion_theory": "formulas for where diffusion's models can spread: it reads diffusion's PARAMS",
    "diffusion_experiments": "diffusion's models run many times, with diffusion's PARAMS",
    "returns": "the metrics' definitions and the funnel, computed from posts it is given: nothing to set",
    "rate_intervals": "intervals for a rate measured on posts it is given; it reads uncertainty's PARAMS",
    "bootstrap": "the percentile bootstrap of posts it is given; it reads uncertainty's PARAMS",
    "interval_studies": "uncertainty's intervals checked on simulated posts; detection_rate's settings are DETECTION_PARAMS",
    "class_markets": "a class's own downloads measured, and crowds' model run with crowds' PARAMS to match them",
    "ranking": "five published rules, each a formula with its published constants; front_page's PARAMS holds the"
               " settings a class changes (the rule, the gravity of the page)",
    "class_votes": "a class's own votes measured with vote_rings' detector and its PARAMS; its example class is "
                   "an illustration for a lesson run without a class, not a model to explore",
}


def test_every_model_without_params_is_listed_with_its_reason():
    without = {m for m in model_names() if not hasattr(module(m), "PARAMS")}
    assert without == set(WITHOUT_PARAMS), f"list in WITHOUT_PARAMS, with the reason, or give PARAMS: {without ^ set(WITHOUT_PARAMS)}"


def test_the_list_of_models_without_the_whole_contract_only_shrinks():
    assert set(NOT_YET) <= set(MODELS), f"not models with PARAMS: {set(NOT_YET) - set(MODELS)}"
    for model in NOT_YET:
        assert not hasattr(module(model), "simulate"), f"{model} has simulate now: check it and remove it from NOT_YET"


@pytest.mark.parametrize("model", MODELS)
def test_params_is_one_record_of_each_parameter_with_an_allowed_default(model):
    for name, record in module(model).PARAMS.items():
        assert record.name == name
        assert record.label and record.doc, f"{model}.PARAMS[{name!r}] needs a label and a doc text"
        assert record.doc.endswith("."), f"{model}.PARAMS[{name!r}]: its doc text is a sentence"
        if isinstance(record, Choice):
            assert record.default in record.options
        else:
            assert isinstance(record, Param)
            assert record.unit, f"{model}.PARAMS[{name!r}] needs a unit (a slider says it)"
            assert record.min <= record.default <= record.max and record.step > 0, f"{model}.PARAMS[{name!r}]"
            for value in (record.default, record.max):   # a slider starting at min must be able to reach them
                steps = (value - record.min) / record.step
                assert abs(steps - round(steps)) < 1e-9, f"{model}.PARAMS[{name!r}]: {value} is off the slider's grid"


@pytest.mark.parametrize("model", KEPT)
def test_simulate_is_the_one_entry_point_with_keyword_parameters_and_defaults_from_params(model):
    mod = module(model)
    assert "simulate" in mod.__all__
    signature = inspect.signature(mod.simulate)
    data = [name for name, p in signature.parameters.items() if p.kind is not p.KEYWORD_ONLY]
    assert len(data) == len(DATA[model]()) if model in DATA else not data, \
        (f"{model}.simulate{signature}: every parameter but the data it runs on is a keyword; a model that runs"
         " on data (a network) takes it first and gives an example of it in DATA in tests/models/test_model_contract.py")
    assert not set(data) & set(mod.PARAMS)
    for name, p in signature.parameters.items():
        if name in mod.PARAMS:
            assert p.default == mod.PARAMS[name].default, f"{model}.simulate({name}=...) must default to PARAMS"
    assert set(mod.PARAMS) <= set(signature.parameters), \
        f"{model}.simulate does not take: {set(mod.PARAMS) - set(signature.parameters)}"


@pytest.mark.parametrize("model", KEPT)
def test_the_same_settings_and_seed_give_the_same_result_of_the_named_type(model):
    mod = module(model)
    first, again = run(model), run(model)
    assert pickle.dumps(first) == pickle.dumps(again), f"{model}.simulate is not reproducible with one seed"
    named = typing.get_type_hints(mod.simulate, vars(mod) | {"pd": pd}).get("return")
    assert named is not None, f"{model}.simulate must name its result type in its signature"
    assert isinstance(first, named)
    # a dataclass gets a docstring of its signature when it has none of its own
    assert named.__doc__ and not named.__doc__.startswith(named.__name__ + "("), f"document {named.__name__}"
    if named is pd.DataFrame:   # a table: its columns are the module's documented COLUMNS, in order
        assert list(first.columns) == list(mod.COLUMNS), f"{model}.simulate's columns are not its COLUMNS"


@pytest.mark.parametrize("model", KEPT)
def test_the_result_carries_its_settings_in_one_read_only_form(model):
    result = run(model)
    params = result.attrs.get("params") if isinstance(result, pd.DataFrame) else getattr(result, "params", None)
    assert isinstance(params, FrozenParams), \
        f"{model}.simulate's result must hold its settings as a FrozenParams (smlearn.params); got {type(params).__name__}"
    for name in set(module(model).PARAMS) & set(params):
        assert params[name] == module(model).PARAMS[name].default, f"{model}: params[{name!r}] is not the setting run"


def test_the_networks_a_model_makes_carry_their_settings_in_one_read_only_form():
    networks = module("networks")
    made = [networks.friendship_network(50, 4, 0.1, seed=1), networks.follower_network(50, 2, 0.2, seed=1),
            networks.random_network(50, 4, seed=1), networks.lattice_network(4, 4)]
    made.append(networks.shuffle_keeping_degrees(made[0], seed=1))
    for G in made:
        assert isinstance(G.graph["params"], FrozenParams), G.graph["kind"]


# A model whose seed has another name, and why. Every other model's simulate takes ``seed``.
SEED_NAMES: dict[str, str] = {}


def _draws(model):
    """Whether the model draws at random (takes a seed); a model with no chance in it has no seed."""
    return SEED_NAMES.get(model, "seed") in inspect.signature(module(model).simulate).parameters


@pytest.mark.parametrize("model", [m for m in KEPT if not _draws(m)])
def test_models_without_a_seed_draw_nothing(model, monkeypatch):
    data = DATA[model]() if model in DATA else ()      # made before the random sources are closed
    assert pickle.dumps(module(model).simulate(*data)) == pickle.dumps(module(model).simulate(*data)), model

    def drew(*args, **kwargs):
        raise AssertionError(f"{model}.simulate draws at random: give it a seed")

    for source in ("default_rng", "Generator", "RandomState", "random", "rand", "randn", "randint", "choice",
                   "normal", "uniform", "seed"):
        monkeypatch.setattr(np.random, source, drew)
    monkeypatch.setattr(random, "random", drew)
    monkeypatch.setattr(random, "Random", drew)
    module(model).simulate(*data)


def test_the_check_that_nothing_is_drawn_would_see_a_draw(monkeypatch):
    monkeypatch.setattr(np.random, "default_rng", lambda *a, **k: (_ for _ in ()).throw(AssertionError("drew")))
    with pytest.raises(AssertionError, match="drew"):
        module("diffusion").choose_seeds(DATA["diffusion"]()[0], 2, "random", seed=1)


@pytest.mark.parametrize("model", [m for m in KEPT if _draws(m)])
def test_another_seed_gives_another_run(model):
    name = SEED_NAMES.get(model, "seed")
    assert pickle.dumps(run(model, **{name: 1})) != pickle.dumps(run(model, **{name: 2}))


def _refusals(name, record):
    """Values ``record`` must refuse, each with the error and the words that name the parameter."""
    if isinstance(record, Choice):
        return [("no such option", ValueError, f"{name} must be one of")]
    refused = [(record.min - record.step, ValueError, re.escape(f"{name} must be between {record.min} and {record.max}")),
               (record.max + record.step, ValueError, f"{name} must be between"),
               ("3", TypeError, f"{name} must be a number"), (True, TypeError, f"{name} must be"),
               (None, TypeError, f"{name} must be"), (float("nan"), ValueError, f"{name} must be"),
               (float("inf"), ValueError, f"{name} must be")]
    if record.integer:
        refused.append((record.default + 0.5, TypeError, f"{name} must be a whole number"))
    return refused


@pytest.mark.parametrize("model", KEPT)
def test_a_value_out_of_range_or_of_the_wrong_type_is_refused_naming_the_parameter(model):
    mod = module(model)
    taken = inspect.signature(mod.simulate).parameters
    for name, record in mod.PARAMS.items():
        if name not in taken:
            continue
        for value, error, words in _refusals(name, record):
            with pytest.raises(error, match=words):
                run(model, **{name: value})
    with pytest.raises(TypeError, match="no_such_setting"):
        run(model, no_such_setting=1)


@pytest.mark.parametrize("model", KEPT)
def test_simulate_names_every_parameter_it_takes(model):
    # defaults_from shows PARAMS' names in the signature; the function underneath must name them too,
    # so that help(), an editor and the source a learner reads agree.
    written = inspect.signature(inspect.unwrap(module(model).simulate)).parameters.values()
    assert not [p.name for p in written if p.kind is p.VAR_KEYWORD], \
        f"{model}.simulate takes **kwargs: name each parameter as a keyword-only argument"


def test_the_check_for_kwargs_would_see_one():
    @defaults_from({"hours": Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week", "Hours.")})
    def simulate(*, seed=None, **params):
        return params

    assert "hours" in inspect.signature(simulate).parameters     # shown as a keyword...
    written = inspect.signature(inspect.unwrap(simulate)).parameters.values()
    assert [p.name for p in written if p.kind is p.VAR_KEYWORD] == ["params"]   # ...but taken as **params


@pytest.mark.parametrize("model", model_names())
def test_no_model_reads_its_parameters_with_locals(model):
    source = inspect.getsource(module(model))
    assert "locals()" not in source


def documented_parameters(function) -> list[str]:
    """The names with an entry of their own in ``function``'s numpy-style Parameters section.

    An entry is a line at the section's indent: ``name`` or ``name : type``, its text indented below
    it. A line naming several parameters at once (``a, b, c`` or ``a, ..., c``) is no one's entry.
    """
    lines = inspect.getdoc(function).splitlines()
    start = next((i + 2 for i, line in enumerate(lines[:-1])
                  if line.strip() == "Parameters" and set(lines[i + 1].strip()) == {"-"}), None)
    if start is None:
        return []
    names = []
    for i in range(start, len(lines)):
        line = lines[i]
        if i + 1 < len(lines) and set(lines[i + 1].strip()) == {"-"} and line.strip():
            break                                   # the next section's title
        if line and not line[0].isspace():
            name = line.split(" : ")[0].strip()
            has_text = i + 1 < len(lines) and lines[i + 1].startswith(" ") and lines[i + 1].strip()
            if name.isidentifier() and has_text:
                names.append(name)
    return names


# simulate whose Parameters section does not yet give each parameter its own entry. May only shrink.
WITH_SIMULATE = [m for m in model_names() if hasattr(module(m), "simulate")]


@pytest.mark.parametrize("model", WITH_SIMULATE)
def test_simulate_documents_each_parameter_in_its_own_entry(model):
    # docs/adding_a_lesson.md: a learner reading help(simulate) finds every parameter, with its meaning and
    # unit, without looking up PARAMS.
    taken = list(inspect.signature(module(model).simulate).parameters)
    documented = documented_parameters(module(model).simulate)
    missing = [name for name in taken if name not in documented]
    assert not missing, f"{model}.simulate's Parameters section has no entry of their own for: {missing}"
    assert not set(documented) - set(taken), f"{model}.simulate documents what it does not take"


def test_the_parameters_check_sees_a_grouped_line():
    def simulate(*, a, b, seed=None):
        """Run.

        Parameters
        ----------
        a, b
            The settings, in PARAMS.
        seed : int
            The seed.

        Returns
        -------
        int
            Something.
        """

    assert documented_parameters(simulate) == ["seed"]

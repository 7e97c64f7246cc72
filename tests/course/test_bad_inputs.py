"""Bad input is refused, by every public function of smlearn, with an error that names it.

One property test drives every public function (each module's ``__all__``, or the
functions a module defines without a leading underscore). For each function it takes
working arguments (``WORKING`` below, or the function's defaults), then puts one bad
or extreme value into one parameter at a time: None, NaN, +-inf, -1, -50, 0, a huge
int, the string "5", True, [], {}, an empty table or an empty graph. The call must
either

- raise a TypeError or ValueError (FileNotFoundError for paths) whose message names
  the parameter, or
- return a result with no NaN where the working call had a number,

and it must not run away (``TIME_LIMIT``: a guard against a hang, not a speed test). Some values are never acceptable
(see :func:`must_refuse`): NaN, inf, a string, True, None, a list or a table where a
number goes; anything but a non-empty table where a table goes; and so on.

A new public function is covered the day it is added: if it has required arguments,
this test fails until it gets an entry in ``WORKING``.

``SMLEARN_ALL_BAD_INPUTS=1 pytest tests/course/test_bad_inputs.py`` tries every
(parameter, bad value) pair instead of a sample (slow: a few minutes).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import numbers
import os
import pkgutil
import re
import signal

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smlearn

matplotlib.use("Agg")

# Seconds before a call counts as run away (a network of 20,000 people all tied once ran for minutes).
# Generous on purpose: a busy 2-core machine makes ordinary calls take seconds; speeds are measured in
# benchmarks/, never asserted in a test.
TIME_LIMIT = 60

# Functions this test does not drive, each with its reason.
SKIP = {
    "smlearn.cli.main": "the command line: its arguments are strings parsed by argparse (tests/course/test_classroom.py)",
    "smlearn.environment.diagnose": "takes no arguments",
    "smlearn.widgets.spread.build_network": "an explorer's cache of networks: its sliders only offer checked values "
                                            "(explorers are checked in tests/widgets/test_every_explorer.py)",
    "smlearn.checks.check_lesson": "runs pytest on a lesson (most of a minute); it takes what "
                                   "smlearn.checks.lesson_check_command takes and checks (tests/course/test_checks.py)",
    "smlearn.new_lesson.new_lesson": "writes a lesson into the course and runs it; tests/course/test_new_lesson.py gives it "
                                     "bad input on a copy of the course and checks that nothing is written",
    "smlearn.build.build": "rewrites the course and runs its lessons (minutes); tests/course/test_build.py gives it bad "
                           "input on a copy of the course",
    "smlearn.classmode.app.run": "serves until Ctrl-C; tests/classmode/test_faults.py runs it in a process and stops it",
    "smlearn.classmode.send.join": "turns class mode on for the whole test process; it takes what make_link takes and "
                                   "checks it with make_link (tests/classmode/test_sending.py)",
}
for _call in ("open_experiment", "open_round", "plant_vote", "results"):
    SKIP[f"smlearn.classmode.experiments.{_call}"] = ("the instructor's calls to a running class service, which the "
                                                      "service checks (tests/classmode/test_experiment_kernel.py)")
# An engine takes what its model has already checked (see smlearn.models.engines); the model's entry
# points are driven here, and tests/models/test_pipeline.py holds the engine equal to the model's steps.
SKIP["smlearn.models.engines.pipeline.summarize_batch"] = "an engine: its inputs are checked by smlearn.models.pipeline"
for _engine in ("scores", "rank"):
    SKIP[f"smlearn.models.engines.ranking.{_engine}"] = ("an engine: its inputs are checked by smlearn.models.ranking"
                                                         ".rank_items and smlearn.models.front_page.simulate")
for _engine in ("weighted_mean_interval", "difference", "mean_and_variance"):
    SKIP[f"smlearn.models.engines.intervals.{_engine}"] = "an engine: its inputs are checked by smlearn.models.rate_intervals"
# The checks themselves: they exist to refuse ``value`` with the caller's name, so a bad value
# must raise an error naming ``name``, not "value" (their doctests and tests/base/test_params.py cover them).
for _check in ("number", "flag", "text", "path", "items", "table", "graph", "instance", "level", "resamples"):
    SKIP[f"smlearn.params.check_{_check}"] = "a check helper: it names the caller's parameter, not its own"

# Parameters that take None on purpose although their default is something else.
NONE_ALLOWED = {
    ("smlearn.plots.traffic.traffic_finding", "week"): "None means push stays ahead all run (crossover_period's answer)",
    ("smlearn.models.links.pagerank", "weight"): "None means every link counts the same (networkx's convention)",
    ("smlearn.models.networks.adjacency", "weight"): "None means every link counts the same (networkx's convention)",
    ("smlearn.realdata.links.rank_table", "weight"): "None means every tie counts once (networkx's convention)",
    ("smlearn.realdata.links.rank_sources", "weight"): "None means every tie counts once (networkx's convention)",
}

# Parameters that take NaN and infinities on purpose although they take a number.
NAN_ALLOWED = {
    ("smlearn.flips.as_written", "value"): "writes an undefined or infinite measure in words ('undefined', 'infinite')",
}


# ---------------------------------------------------------------------------------------------
# Working inputs, built once (small, so each call is quick).

@functools.cache
def traffic_year():
    from smlearn.models import traffic
    return traffic.simulate()


@functools.cache
def front_page():
    from smlearn.models import front_page as page_model
    return page_model.simulate(hours=12, seed=1)


@functools.cache
def ringed_page():
    from smlearn.models import front_page as page_model
    return page_model.simulate(hours=12, manipulation=True, seed=1)


@functools.cache
def small_roc():
    """A detector curve on one short front page, for the ROC figure."""
    return _lazy("smlearn.models.vote_rings.detector_curve")(seed_values=[1], hours=12, similarities=[1.0, 0.5, 0.0])


@functools.cache
def ringed_log():
    from smlearn.models import vote_rings
    return vote_rings.vote_log(ringed_page(), seed=1)


@functools.cache
def follower_graph():
    from smlearn.models import networks
    return networks.follower_network(n=60, mean_degree=4, seed=1)


@functools.cache
def senate():
    from smlearn import data
    return data.load_network("us_senate_follows")


def _manifest_entry(name):
    import json

    from smlearn import data
    for entry in json.loads((data.data_dir() / "manifest.json").read_text())["datasets"]:
        if entry["name"] == name:
            return entry
    raise LookupError(name)


def _fresh_folder():
    import tempfile
    return os.path.join(tempfile.mkdtemp(dir=_tmp()), "course")


def _fresh_copy():
    from smlearn import copies
    folder = _fresh_folder()
    copies.copy_course(folder)
    return folder


PLAN = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 4.5, "message_hours": 0.5}
RIVAL = {"content_hours": 5.0, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 0.0}


@functools.cache
def market():
    from smlearn.models import crowds
    return crowds.simulate(n_worlds=2, listens=300, seed=1)


@functools.cache
def links_year():
    from smlearn.models import links
    return links.simulate(periods=8, n_pages=40, seed=1)


@functools.cache
def network_kinds():
    from smlearn.models import networks
    return networks.simulate(n=100, sample=50, seed=1)


@functools.cache
def small_graph():
    from smlearn.models import networks
    return networks.friendship_network(n=60, mean_degree=4, seed=1)


@functools.cache
def prepared_graph():
    from smlearn.models import diffusion
    return diffusion.prepare(small_graph())


@functools.cache
def spread_run():
    from smlearn.models import diffusion
    return diffusion.simulate(prepared_graph(), seed=1)


@functools.cache
def spread_picture():
    from smlearn.plots.spread import SpreadPicture
    return SpreadPicture.of(spread_run(), small_graph())


@functools.cache
def pipeline_run():
    from smlearn.models import pipeline
    return pipeline.simulate()


@functools.cache
def week_run():
    from smlearn.widgets.week import WeekExplorer, explore_week
    return explore_week(**week_settings())


def week_settings():
    from smlearn.widgets.week import WeekExplorer
    settings = {}
    for name, record in WeekExplorer.PARAMS.items():
        settings[name] = record.default
    return settings


@functools.cache
def posts():
    from smlearn import data
    return data.load("post_metrics")


@functools.cache
def returns_run():
    from smlearn.models import uncertainty
    return uncertainty.simulate(posts(), n_resamples=200)


@functools.cache
def real_graphs():
    from smlearn import data
    return {"karate": data.load("karate"), "florentine": data.load("florentine")}


@functools.cache
def activities():
    from smlearn import data
    return data.load("activities")


@functools.cache
def figure_and_axes():
    from smlearn.plots.style import new_figure
    return new_figure()


def _artists(plot, *args):
    return plot(*args)[1]


def _lazy(name):
    """The function ``smlearn.<name>``, imported when first used."""
    module, _, attr = name.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _tmp(name=""):
    # The test runs inside a temporary folder (see the test), so a relative path lands there.
    os.makedirs("work", exist_ok=True)
    return os.path.join("work", name) if name else "work"


def _toy_model(price=2.0, cost=1.0):
    return price - cost


@functools.cache
def toy_flip_params():
    from smlearn.params import Param
    return {"price": Param("price", 2.0, 0.0, 4.0, 0.1, "Price", "$"),
            "cost": Param("cost", 1.0, 0.0, 4.0, 0.1, "Cost", "$")}


@functools.cache
def toy_verdict():
    from smlearn import flips
    return flips.Verdict("each sale makes money", measure=lambda profit: profit, threshold=0.0)


@functools.cache
def toy_report():
    from smlearn import flips
    return flips.analyse(_toy_model, toy_verdict(), toy_flip_params(), steps=11, samples=32)


@functools.cache
def _few_tweets():
    """Twelve tweets of an X export after load_export, half replies (lesson 09's real-data functions)."""
    return pd.DataFrame({"text": ["@ana yes", "Out today"] * 6, "impressions": [100, 900] * 6,
                         "engagements": [5, 20] * 6, "user_profile_clicks": [1, 2] * 6, "follows": [0, 1] * 6})


def few_tweets():
    return _few_tweets().copy()


# Working keyword arguments for each function that needs some (or whose defaults are slow).
# Each entry is a function returning a fresh dict.
_FIRST, _SECOND = [800.0, 1000.0, 1500.0, 2100.0], [1100.0, 1200.0, 1400.0, 1700.0]
_DOWNLOADS = ([3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0])
_UPS = {"a01": (0, 1), "a02": (4, 5, 6), "a03": (4, 5, 6), "a04": (1, 2, 4)}
WORKING = {
    # the wisdom of the crowd (smlearn.models.estimates, smlearn.plots.estimates)
    **{f"smlearn.models.estimates.{f}": (lambda: {"estimates": list(_FIRST), "truth": 1234.0})
       for f in ("crowd_error", "individual_error", "diversity_prediction", "truth_position", "truth_centrality")},
    "smlearn.models.estimates.diversity": lambda: {"estimates": list(_FIRST)},
    "smlearn.models.estimates.social_round": lambda: {"first": list(_FIRST), "alpha": 0.3},
    "smlearn.models.estimates.fit_alpha": lambda: {"first": list(_FIRST), "second": list(_SECOND)},
    "smlearn.models.estimates.compare_rounds": lambda: {"first": list(_FIRST), "second": list(_SECOND), "truth": 1234.0},
    **{f"smlearn.plots.estimates.{f}": (lambda: {"first": list(_FIRST), "second": list(_SECOND), "truth": 1234.0})
       for f in ("class_crowd_finding", "describe_class_crowd", "plot_class_crowd")},
    # the class music market (smlearn.models.class_markets, smlearn.plots.class_markets)
    **{f: (lambda: {"downloads": [list(r) for r in _DOWNLOADS]})
       for f in ("smlearn.models.class_markets.measure_worlds", "smlearn.models.class_markets.beside_model",
                 "smlearn.models.class_markets.gini_gaps", "smlearn.plots.class_markets.class_market_finding", "smlearn.plots.class_markets.describe_class_market",
                 "smlearn.plots.class_markets.plot_class_market")},
    # the class front page's detection round (smlearn.models.class_votes, smlearn.plots.class_votes)
    "smlearn.models.class_votes.account_similarity": lambda: {"ups": {k: list(v) for k, v in _UPS.items()}},
    "smlearn.models.class_votes.up_votes": lambda: {"votes": [{"label": "a01", "item": 2, "vote": 1},
                                                               {"label": "a02", "item": 0, "vote": -1}]},
    **{f"smlearn.plots.class_votes.{f}": (lambda: {"ups": {k: list(v) for k, v in _UPS.items()}, "ring": ["a02", "a03"]})
       for f in ("class_ring_finding", "describe_class_ring", "plot_class_ring")},
    # the lessons' class sections: the class's data, or the SIMULATED example (class mode is off here)
    "smlearn.classmode.experiments.crowd_data": lambda: {
        "experiment": "ask your instructor", "example": _lazy("smlearn.models.estimates.simulate")(students=5, seed=1)},
    "smlearn.classmode.experiments.market_data": lambda: {
        "experiment": "ask your instructor", "example": [list(r) for r in _DOWNLOADS]},
    "smlearn.classmode.experiments.front_page_data": lambda: {
        "experiment": "ask your instructor", "example": _lazy("smlearn.models.class_votes.example_votes")(seed=1)},
    # course tools
    "smlearn.copies.student_version": lambda: {
        "notebook_bytes": _lazy("smlearn.copies.course_files")(student=False)["00_start_here.ipynb"]},
    "smlearn.copies.course_files": lambda: {"student": True},
    "smlearn.checks.lesson_paths": lambda: {"lesson": "02"},
    "smlearn.checks.lesson_check_command": lambda: {"lesson": "02", "pytest_args": ["-x"]},
    "smlearn.copies.copy_course": lambda: {"dest": _fresh_folder()},
    "smlearn.copies.update_course": lambda: {"dest": _fresh_copy()},
    "smlearn.build.dependency_map": lambda: {"lessons": ["03"]},
    "smlearn.build.stale_lessons": lambda: {"lessons": ["03"]},
    "smlearn.course.resolve": lambda: {"source": "smlearn.models.traffic.PARAMS['push_hours'].default"},
    "smlearn.new_lesson.check_lesson_id": lambda: {"lesson_id": "10"},
    "smlearn.new_lesson.check_lesson_name": lambda: {"name": "bike_shop"},
    "smlearn.data.describe": lambda: {"name": "karate"},
    "smlearn.data.load": lambda: {"name": "karate"},
    "smlearn.exercises.fingerprint": lambda: {"question_id": "q1", "answer": "42"},
    "smlearn.exports.load_export": lambda: {
        "path": _lazy("smlearn.exports.write_example")(_tmp())},
    "smlearn.exports.write_example": lambda: {"folder": _tmp()},
    "smlearn.frame.add_cells": lambda: {"activities": activities().drop(columns=["cell"], errors="ignore")},
    "smlearn.frame.cell": lambda: {"cell_id": "ties-two-way"},
    "smlearn.frame.cell_of": lambda: {"route": "ties", "exchange": "two-way"},
    "smlearn.frame.check_cells": lambda: {"cell_ids": ["ties-two-way", "find-broadcast"]},
    "smlearn.frame.term_problems": lambda: {"text": "Social networking is a two-way exchange with ties."},
    "smlearn.layers.layer_of": lambda: {"module": "smlearn.models.traffic"},
    "smlearn.classmode.records.parse_records": lambda: {
        "body": b'{"id": "r1", "v": 1, "time": "2026-12-03T14:05:09Z", "lesson": "06", "question": "links.rank_step", '
                b'"answer": "0.351", "correct": true, "attempt": 1}', "questions": {"links.rank_step": "06"}},
    "smlearn.classmode.stats.question_stats": lambda: {"rows": [
        {"user": "ana", "question": "links.rank_step", "lesson": "06", "answer": "0.3", "correct": False, "attempt": 1}]},
    "smlearn.classmode.stats.misconceptions_of": lambda: {
        "questions": {"links.two_pages": _lazy("smlearn.questions.links.two_pages")}},
    "smlearn.classmode.store.open_store": lambda: {"database": _tmp("class.sqlite")},
    "smlearn.classmode.send.make_link": lambda: {"url": "http://127.0.0.1:8765/", "session": "k3m9p2qa",
                                                 "code": "tulip-42", "name": "ana"},
    "smlearn.classmode.send.queue": lambda: {"entry": {"v": 1, "question": "links.two_pages"},
                                             "progress_path": _tmp("progress.jsonl")},
    "smlearn.classmode.app.make_app": lambda: {
        "store": _lazy("smlearn.classmode.store.open_store")(_tmp("app.sqlite")),
        "gate": _lazy("smlearn.classmode.auth.ClassCodeGate")("tulip-42", "oak-tree-instructor-7"),
        "questions": {"links.rank_step": "06"}},
    "smlearn.classmode.kinds.histogram": lambda: {"values": [950, 1010, 1230, 1900]},
    "smlearn.classmode.kinds.parse_move": lambda: {
        "body": b'{"id": "m1", "round": 1, "estimate": 950}', "kind": _lazy("smlearn.classmode.kinds.KINDS")["crowd"],
        "spec": _lazy("smlearn.classmode.kinds.KINDS")["crowd"].parse_spec({"question": "Beans?", "truth": 1234})},
    "smlearn.classmode.kinds.not_open": lambda: {"move": _lazy("smlearn.classmode.kinds.Move")("m1", 1, None, {}),
                                                 "current_round": 1},
    "smlearn.classmode.experiments.crowd": lambda: {"experiment": "xabcde"},
    "smlearn.classmode.experiments.market": lambda: {"experiment": "xabcde"},
    "smlearn.classmode.experiments.front_page": lambda: {"experiment": "xabcde"},
    "smlearn.classmode.experiments.move_status": lambda: {"move_id": "m1"},
    "smlearn.hub.nbgitpuller_link": lambda: {"hub": "https://hub.example.org", "repo": "https://github.com/x/y"},
    "smlearn.pacing.estimate_minutes": lambda: {
        "path": _lazy("smlearn.course.notebooks_dir")() / "00_start_here.ipynb"},
    "smlearn.pacing.lesson_files": lambda: {"folder": _lazy("smlearn.course.notebooks_dir")()},
    "smlearn.params.check_params": lambda: {"spec": dict(_lazy("smlearn.models.traffic.PARAMS")),
                                            "values": {"push_hours": 3.0}},
    "smlearn.params.check_seed": lambda: {"seed": 3},
    "smlearn.params.defaults_from": lambda: {"spec": dict(_lazy("smlearn.models.traffic.PARAMS"))},
    "smlearn.params.default_of": lambda: {"function": _lazy("smlearn.models.traffic.simulate"), "name": "network_size"},
    "smlearn.params.defaults": lambda: {"spec": dict(_lazy("smlearn.models.traffic.PARAMS"))},
    "smlearn.defaults.load_profile": lambda: {"path": _lazy("smlearn.profile.ACTIVE_FILE")},
    "smlearn.profile.story_neutral": lambda: {"text": "Ask about it"},
    "smlearn.profile.phrase_pattern": lambda: {"phrases": ["social media", "Priya"]},
    "smlearn.exercises.questions_in": lambda: {"module": _lazy("smlearn.questions.links")},
    "smlearn.exercises.answer_key": lambda: {"module": _lazy("smlearn.questions.links")},
    "smlearn.exercises.key_of": lambda: {"question": _lazy("smlearn.questions.links.two_pages")},
    "smlearn.data.sha256_of": lambda: {"path": _lazy("smlearn.profile.ACTIVE_FILE")},
    "smlearn.profile.read_profile": lambda: {"path": _lazy("smlearn.profile.ACTIVE_FILE")},
    "smlearn.profile.check_settings": lambda: {"profile": _lazy("smlearn.profile.active_profile")(), "model": "traffic",
                                               "spec": dict(_lazy("smlearn.models.traffic.PARAMS"))},
    "smlearn.profile.shipped_records": lambda: {"model": "traffic"},
    "smlearn.profile.check_model": lambda: {"model": "traffic"},
    "smlearn.profile.apply_profile": lambda: {"model": "traffic", "params": dict(_lazy("smlearn.models.traffic.PARAMS"))},
    "smlearn.defaults.shipped_params": lambda: {"model": "traffic"},
    "smlearn.defaults.changed_defaults": lambda: {"profile": _lazy("smlearn.profile.active_profile")()},
    "smlearn.params.params_table": lambda: {"spec": dict(_lazy("smlearn.models.traffic.PARAMS"))},
    "smlearn.flips.analyse": lambda: {"model": _toy_model, "verdict": toy_verdict(), "params": toy_flip_params(),
                                      "steps": 11, "samples": 32},
    "smlearn.flips.flip_point": lambda: {"report": toy_report(), "name": "price"},
    "smlearn.flips.narrowed": lambda: {"params": toy_flip_params(), "ranges": {"price": (1.0, 3.0)}},
    "smlearn.flips.as_written": lambda: {"value": 0.04},
    "smlearn.plots.flips.flip_chart": lambda: {"report": toy_report()},
    "smlearn.plots.flips.describe_flip_chart": lambda: {"report": toy_report()},
    # models: crowds, inequality
    "smlearn.models.crowds.simulate": lambda: {"n_worlds": 2, "listens": 300, "seed": 1},
    "smlearn.models.crowds.influence_sweep": lambda: {"influences": (0.0, 0.9), "n_worlds": 2, "listens": 200},
    "smlearn.models.crowds.gini": lambda: {"shares": np.array([0.5, 0.3, 0.2])},
    "smlearn.models.crowds.unpredictability": lambda: {"shares": np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])},
    "smlearn.models.crowds.market_shares": lambda: {"downloads": np.array([[5, 3, 2], [2, 3, 5]])},
    "smlearn.models.inequality.gini": lambda: {"values": [1, 2, 3, 10]},
    "smlearn.models.inequality.top_share": lambda: {"values": [1, 2, 3, 10], "share": 0.25},
    # diffusion
    "smlearn.models.diffusion.prepare": lambda: {"G": small_graph()},
    "smlearn.models.diffusion.independent_cascade": lambda: {"G": prepared_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion.threshold": lambda: {"G": prepared_graph(), "seeds": [0, 1, 2], "seed": 1},
    "smlearn.models.diffusion.sir": lambda: {"G": prepared_graph(), "seeds": 2, "seed": 1},
    "smlearn.models.diffusion.cascade_rules": lambda: {"G": small_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion.threshold_rules": lambda: {"G": small_graph(), "seeds": [0, 1, 2], "seed": 1},
    "smlearn.models.diffusion.reinforced_rules": lambda: {"G": small_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion.sir_rules": lambda: {"G": small_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion.sir_clock_rules": lambda: {"G": small_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion.choose_seeds": lambda: {"G": prepared_graph(), "k": 3, "seed": 1},
    "smlearn.models.diffusion.simulate": lambda: {"G": prepared_graph(), "seed": 1},
    "smlearn.models.diffusion_experiments.final_shares": lambda: {"G": prepared_graph(), "runs": 3},
    "smlearn.models.diffusion_theory.epidemic_threshold": lambda: {"G": small_graph()},
    "smlearn.models.diffusion_theory.cascade_condition": lambda: {"mean_degree": 4.0},
    "smlearn.models.diffusion.reinforced_cascade": lambda: {"G": prepared_graph(), "seeds": [0, 1], "seed": 1},
    "smlearn.models.diffusion_theory.sir_transmissibility": lambda: {"beta": 0.1, "gamma": 0.2},
    # links
    "smlearn.models.links.web_graph": lambda: {"n_pages": 30, "links_per_page": 3, "seed": 1},
    "smlearn.models.links.pagerank": lambda: {"graph": _lazy("smlearn.models.links.web_graph")(30, 3, seed=1)},
    "smlearn.models.links.pagerank_matrix": lambda: {"matrix": _lazy("smlearn.models.networks.adjacency")(
        _lazy("smlearn.models.links.web_graph")(30, 3, seed=1))[1]},
    "smlearn.models.links.simulate": lambda: {"periods": 8, "n_pages": 40, "seed": 1},
    "smlearn.models.links.rank_without_own_links": lambda: {"result": links_year()},
    "smlearn.models.links.visit_sources": lambda: {"result": links_year()},
    # networks
    "smlearn.models.networks.friendship_network": lambda: {"n": 100, "seed": 1},
    "smlearn.models.networks.follower_network": lambda: {"n": 100, "seed": 1},
    "smlearn.models.networks.random_network": lambda: {"n": 100, "seed": 1},
    "smlearn.models.networks.make_network": lambda: {"kind": "friendship", "n": 100, "seed": 1},
    "smlearn.models.networks.shuffle_keeping_degrees": lambda: {"G": small_graph(), "swaps_per_tie": 2, "seed": 1},
    "smlearn.models.networks.adjacency": lambda: {"G": small_graph()},
    "smlearn.models.networks.measures": lambda: {"G": small_graph(), "sample": 30, "seed": 1},
    "smlearn.models.networks.compare": lambda: {"graphs": {"a": small_graph()}, "sample": 30, "seed": 1},
    "smlearn.models.degree_tails.power_law_fit": lambda: {"degrees": np.arange(1, 200), "resamples": 10},
    "smlearn.models.degree_tails.compare_tails": lambda: {"degrees": np.arange(1, 200), "k_min": 5},
    "smlearn.models.networks.degrees": lambda: {"G": small_graph()},
    "smlearn.models.networks.project_bipartite": lambda: {"G": _lazy("smlearn.data.load")("davis")},
    "smlearn.data.read_graph_csv": lambda: {
        "path": _lazy("smlearn.data.data_dir")() / "karate.csv",
        "entry": _manifest_entry("karate")},
    "smlearn.models.networks.simulate": lambda: {"n": 100, "sample": 30, "seed": 1},
    # pipeline
    "smlearn.models.pipeline.summarize": lambda: {"result": pipeline_run()},
    "smlearn.models.pipeline.week_splits": lambda: {"total_hours": 4.0, "step": 1.0},
    "smlearn.models.pipeline.compare_splits": lambda: {"total_hours": 4.0, "step": 1.0},
    "smlearn.models.pipeline.near_best": lambda: {
        "table": _lazy("smlearn.models.pipeline.compare_splits")(4.0, step=1.0)},
    "smlearn.models.pipeline.best_split_by": lambda: {"name": "start_ties", "values": (10, 30), "total_hours": 4.0,
                                                      "step": 1.0},
    "smlearn.models.pipeline.share_map": lambda: {"total_hours": 4.0, "steps": 5},
    "smlearn.models.pipeline.steady_strength": lambda: {"contacts_per_tie": 1.0},
    "smlearn.models.pipeline.ties_kept_strong": lambda: {"upkeep_hours": 2.0},
    "smlearn.models.pipeline.split_from_shares": lambda: {"total_hours": 8.0, "media_share": 0.5,
                                                          "reply_share": 0.2},
    "smlearn.models.pipeline.summarize_splits": lambda: {
        "splits": _lazy("smlearn.models.pipeline.week_splits")(4.0, step=1.0)},
    # ranking
    "smlearn.models.ranking.net_score": lambda: {"ups": 10, "downs": 2},
    "smlearn.models.ranking.hot": lambda: {"ups": 10, "downs": 2, "submitted_seconds": 1_200_000_000},
    "smlearn.models.ranking.gravity_simple": lambda: {"points": 10, "age_hours": 3.0},
    "smlearn.models.ranking.hn_arc": lambda: {"points": 10, "age_hours": 3.0},
    "smlearn.models.ranking.wilson_lower_bound": lambda: {"ups": 10, "downs": 2},
    "smlearn.models.ranking.rank_items": lambda: {"ups": [10, 3], "downs": [2, 0], "submitted_hours": [1.0, 2.0],
                                                  "now_hours": 5.0, "rule": "hot"},
    # the front page
    "smlearn.models.front_page.simulate": lambda: {"hours": 12, "seed": 1},
    "smlearn.models.front_page.item_summary": lambda: {"result": front_page()},
    "smlearn.models.front_page.compare_rules": lambda: {"rules": ("score", "hot"), "hours": 12},
    "smlearn.models.front_page.votes_by_age": lambda: {"result": front_page(), "watched_hours": 6},
    # vote rings
    "smlearn.models.vote_rings.manipulation_summary": lambda: {"result": front_page()},
    "smlearn.models.vote_rings.manipulation_effect": lambda: {"rules": ("hot",), "seeds": range(1), "hours": 12},
    "smlearn.models.vote_rings.vote_log": lambda: {"result": front_page(), "seed": 1},
    "smlearn.models.vote_rings.simulate": lambda: {"page": ringed_page(), "seed": 1},
    "smlearn.models.vote_rings.detect_ring": lambda: {"log": ringed_log()},
    "smlearn.models.vote_rings.detector_curve": lambda: {"seed_values": [1], "hours": 12, "similarities": [1.0, 0.5, 0.0]},
    "smlearn.models.vote_rings.detection_rates": lambda: {
        "log": ringed_log(), "flagged": _lazy("smlearn.models.vote_rings.detect_ring")(ringed_log())},
    # returns
    "smlearn.models.returns.engagement_rate": lambda: {"engaged_users": 10, "base": 100},
    "smlearn.models.returns.conversion_rate": lambda: {"conversions": 2, "clicks": 10},
    "smlearn.models.returns.roi": lambda: {"value": 150.0, "cost": 100.0},
    "smlearn.models.returns.reach_spread": lambda: {"reach": [100, 1000, 10000]},
    "smlearn.models.returns.metric_value": lambda: {"posts": posts(), "metric": "engagement_rate_reach"},
    "smlearn.models.returns.summarize": lambda: {"posts": posts()},
    "smlearn.models.returns.funnel": lambda: {"posts": posts()},
    "smlearn.models.returns.impressions_per_person": lambda: {"posts": posts()},
    # uncertainty
    "smlearn.models.bootstrap.bootstrap_interval": lambda: {"posts": posts(), "metric": "engagement_rate_reach",
                                                          "n_resamples": 200, "seed": 1},
    "smlearn.models.rate_intervals.compare_types": lambda: {"posts": posts(), "draws": 2000, "seed": 1},
    "smlearn.models.uncertainty.simulate": lambda: {"posts": posts(), "n_resamples": 200},
    "smlearn.models.uncertainty.interval_coverage": lambda: {"posts": posts(), "samples": 10},
    "smlearn.models.interval_studies.coverage_check": lambda: {"n_posts": 10, "data_sets": 20, "seed": 0},
    "smlearn.models.rate_intervals.rate_interval": lambda: {"successes": [3, 5, 2], "trials": [50, 60, 40]},
    "smlearn.models.interval_studies.simulate_posts": lambda: {"n_posts": 10, "data_sets": 2, "seed": 1},
    # traffic
    "smlearn.models.traffic.crossover_period": lambda: {"result": traffic_year()},
    "smlearn.models.traffic.cost_per_customer": lambda: {"result": traffic_year()},
    "smlearn.models.traffic.cost_by_horizon": lambda: {"horizons": (4, 26, 52)},
    "smlearn.models.traffic.persistence": lambda: {"result": traffic_year()},
    "smlearn.models.traffic.summarize": lambda: {"result": traffic_year()},
    "smlearn.models.traffic.check_result": lambda: {"result": traffic_year()},
    # plots
    "smlearn.plots.activities.count_by_cell": lambda: {"activities": activities()},
    "smlearn.plots.activities.activities_finding": lambda: {"activities": activities()},
    "smlearn.plots.activities.describe_activities_by_cell": lambda: {"activities": activities()},
    "smlearn.plots.activities.plot_activities_by_cell": lambda: {"activities": activities()},
    "smlearn.plots.crowds.front_page_finding": lambda: {"result": front_page()},
    "smlearn.plots.crowds.describe_front_page": lambda: {"result": front_page()},
    "smlearn.plots.crowds.plot_front_page": lambda: {"result": front_page()},
    "smlearn.plots.crowds.update_front_page": lambda: {
        "artists": _artists(_lazy("smlearn.plots.crowds.plot_front_page"), front_page()), "result": front_page()},
    "smlearn.plots.crowds.market_finding": lambda: {"market": market()},
    "smlearn.plots.crowds.describe_market": lambda: {"market": market()},
    "smlearn.plots.crowds.describe_votes_by_day": lambda: {"table": _lazy("smlearn.realdata.votes_by_day")()},
    "smlearn.plots.crowds.plot_votes_by_day": lambda: {"table": _lazy("smlearn.realdata.votes_by_day")()},
    "smlearn.plots.crowds.describe_score_vs_views": lambda: {"table": _lazy("smlearn.realdata.score_vs_views")()},
    "smlearn.plots.crowds.plot_score_vs_views": lambda: {"table": _lazy("smlearn.realdata.score_vs_views")()},
    "smlearn.plots.crowds.describe_detector_roc": lambda: {"curves": {"ring": small_roc()}},
    "smlearn.plots.crowds.plot_detector_roc": lambda: {"curves": {"ring": small_roc()}},
    "smlearn.plots.crowds.plot_market": lambda: {"market": market()},
    "smlearn.plots.crowds.update_market": lambda: {
        "artists": _artists(_lazy("smlearn.plots.crowds.plot_market"), market()), "market": market()},
    "smlearn.plots.links.links_finding": lambda: {"result": links_year()},
    "smlearn.plots.links.describe_links": lambda: {"result": links_year()},
    "smlearn.plots.links.plot_links": lambda: {"result": links_year()},
    "smlearn.plots.links.update_links": lambda: {
        "artists": _artists(_lazy("smlearn.plots.links.plot_links"), links_year()), "result": links_year()},
    "smlearn.plots.links.plot_links_and_pull": lambda: {"result": links_year(), "pull": traffic_year()},
    "smlearn.plots.links.describe_links_and_pull": lambda: {"result": links_year(), "pull": traffic_year()},
    "smlearn.plots.links.draw_small_web": lambda: {"graph": _lazy("networkx.DiGraph")([("a", "b"), ("b", "a"), ("c", "a")])},
    "smlearn.plots.links.describe_small_web": lambda: {"graph": _lazy("networkx.DiGraph")([("a", "b"), ("c", "a")])},
    "smlearn.plots.links.small_web_finding": lambda: {"graph": _lazy("networkx.DiGraph")([("a", "b"), ("c", "a")])},
    "smlearn.plots.networks.layout": lambda: {"G": small_graph(), "seed": 1},
    "smlearn.plots.networks.edge_segments": lambda: {
        "G": small_graph(), "xy": _lazy("smlearn.plots.networks.layout")(small_graph(), seed=1)},
    "smlearn.plots.networks.ccdf": lambda: {"degrees": [1, 2, 2, 3, 5]},
    "smlearn.plots.networks.networks_finding": lambda: {"result": network_kinds()},
    "smlearn.plots.networks.plot_networks": lambda: {"result": network_kinds()},
    "smlearn.plots.networks.update_networks": lambda: {
        "artists": _artists(_lazy("smlearn.plots.networks.plot_networks"), network_kinds()),
        "result": network_kinds()},
    "smlearn.plots.networks.describe_networks": lambda: {"result": network_kinds()},
    "smlearn.plots.networks.plot_real_networks": lambda: {"graphs": real_graphs()},
    "smlearn.plots.networks.clustering_and_chance": lambda: {"G": small_graph()},
    "smlearn.plots.networks.real_networks_finding": lambda: {"graphs": real_graphs()},
    "smlearn.plots.networks.describe_real_networks": lambda: {
        "graphs": real_graphs(), "table": _lazy("smlearn.models.networks.compare")(real_graphs())},
    "smlearn.plots.pipeline.pipeline_finding": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.describe_pipeline": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.plot_pipeline": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.update_pipeline": lambda: {
        "artists": _artists(_lazy("smlearn.plots.pipeline.plot_pipeline"), pipeline_run()), "result": pipeline_run()},
    "smlearn.plots.pipeline.stage_totals": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.plot_stages": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.describe_stages": lambda: {"result": pipeline_run()},
    "smlearn.plots.pipeline.week_finding": lambda: {"run": week_run()},
    "smlearn.plots.pipeline.describe_week": lambda: {"run": week_run()},
    "smlearn.plots.pipeline.plot_week": lambda: {"run": week_run()},
    "smlearn.plots.pipeline.update_week": lambda: {
        "artists": _artists(_lazy("smlearn.plots.pipeline.plot_week"), week_run()), "run": week_run()},
    "smlearn.plots.returns.returns_finding": lambda: {"result": returns_run()},
    "smlearn.plots.returns.describe_returns": lambda: {"result": returns_run()},
    "smlearn.plots.returns.plot_returns": lambda: {"result": returns_run()},
    "smlearn.plots.returns.update_returns": lambda: {
        "artists": _artists(_lazy("smlearn.plots.returns.plot_returns"), returns_run()), "result": returns_run()},
    "smlearn.plots.returns.plot_funnel": lambda: {"table": _lazy("smlearn.models.returns.funnel")(posts())},
    "smlearn.plots.returns.describe_funnel": lambda: {"table": _lazy("smlearn.models.returns.funnel")(posts())},
    "smlearn.plots.returns.plot_rates_by_group": lambda: {
        "summary": _lazy("smlearn.models.returns.summarize")(posts(), by="paid")},
    "smlearn.plots.returns.describe_rates_by_group": lambda: {
        "summary": _lazy("smlearn.models.returns.summarize")(posts(), by="paid")},
    "smlearn.plots.spread.spread_finding": lambda: {"run": spread_run()},
    "smlearn.plots.spread.plot_spread": lambda: {"picture": spread_picture()},
    "smlearn.plots.spread.update_spread": lambda: {
        "artists": _artists(_lazy("smlearn.plots.spread.plot_spread"), spread_picture()), "picture": spread_picture()},
    "smlearn.plots.spread.describe_spread": lambda: {"picture": spread_picture()},
    "smlearn.plots.spread.step_words": lambda: {"picture": spread_picture()},
    "smlearn.plots.render.png_of_pixels": lambda: {"rgba": __import__("numpy").zeros((2, 3, 4), "uint8")},
    "smlearn.plots.spread.bass_finding": lambda: {"table": _lazy("smlearn.models.bass.simulate")()},
    "smlearn.plots.spread.plot_bass": lambda: {"tables": {"a": _lazy("smlearn.models.bass.simulate")()}},
    "smlearn.plots.spread.describe_bass": lambda: {"tables": {"a": _lazy("smlearn.models.bass.simulate")()}},
    "smlearn.plots.spread.clustered_finding": lambda: {
        "table": _lazy("smlearn.models.diffusion_experiments.clustered_vs_random")(runs=3, max_steps=5)},
    "smlearn.plots.spread.plot_clustered_vs_random": lambda: {
        "table": _lazy("smlearn.models.diffusion_experiments.clustered_vs_random")(runs=3, max_steps=5)},
    "smlearn.plots.spread.describe_clustered_vs_random": lambda: {
        "table": _lazy("smlearn.models.diffusion_experiments.clustered_vs_random")(runs=3, max_steps=5)},
    "smlearn.plots.style.new_figure": lambda: {},
    "smlearn.plots.style.freeze_layout": lambda: {"fig": _lazy("smlearn.plots.style.new_figure")()[0]},
    "smlearn.plots.style.style_axes": lambda: {"ax": _lazy("smlearn.plots.style.new_figure")()[0].axes[0]},
    "smlearn.plots.style.png_bytes": lambda: {"fig": _lazy("smlearn.plots.style.new_figure")()[0]},
    "smlearn.plots.style.nice_ceiling": lambda: {"value": 3.2},
    "smlearn.plots.traffic.traffic_finding": lambda: {"result": traffic_year()},
    "smlearn.plots.traffic.describe_traffic": lambda: {"result": traffic_year()},
    "smlearn.plots.traffic.plot_traffic": lambda: {"result": traffic_year()},
    "smlearn.plots.traffic.update_traffic": lambda: {
        "artists": _artists(_lazy("smlearn.plots.traffic.plot_traffic"), traffic_year()), "result": traffic_year()},
    "smlearn.plots.traffic.piece_bands": lambda: {
        "one_piece": _lazy("smlearn.models.traffic.simulate")(periods=104, stop_period=1),
        "many_pieces": traffic_year()},
    "smlearn.plots.traffic.plot_piece_life": lambda: {
        "one_piece": _lazy("smlearn.models.traffic.simulate")(periods=104, stop_period=1),
        "many_pieces": traffic_year()},
    "smlearn.plots.traffic.describe_piece_life": lambda: {
        "one_piece": _lazy("smlearn.models.traffic.simulate")(periods=104, stop_period=1),
        "many_pieces": traffic_year()},
    "smlearn.plots.traffic.plot_cost_by_horizon": lambda: {
        "sweeps": {"default rates": _lazy("smlearn.models.traffic.cost_by_horizon")((4, 26, 52))}},
    "smlearn.plots.traffic.describe_cost_by_horizon": lambda: {
        "sweeps": {"default rates": _lazy("smlearn.models.traffic.cost_by_horizon")((4, 26, 52))}},
    "smlearn.plots.traffic.plot_noise_runs": lambda: {
        "expected": traffic_year(), "runs": {1: _lazy("smlearn.models.traffic.simulate")(noise=True, seed=1)}},
    "smlearn.plots.traffic.describe_noise_runs": lambda: {
        "expected": traffic_year(), "runs": {1: _lazy("smlearn.models.traffic.simulate")(noise=True, seed=1)}},
    # questions and widgets' helpers
    "smlearn.questions.links.earned_ratio": lambda: {
        "strategies": _lazy("smlearn.questions.links.two_strategies")(seed=1)},
    "smlearn.questions.music_market.gini_gap": lambda: {"market": market()},
    "smlearn.questions.music_market.world_shares": lambda: {"market": market(), "condition": "independent"},
    "smlearn.questions.links.new_rank": lambda: {
        "graph": _lazy("networkx.DiGraph")([("a", "b"), ("b", "c")]), "rank": {"a": 0.2, "b": 0.3, "c": 0.5}, "page": "b"},
    "smlearn.questions.links.party_agreement": lambda: {
        "ranks": _lazy("smlearn.questions.links.mp_ranks")(), "party": "Labour"},
    "smlearn.questions.music_market.predictability_ratio": lambda: {"market": market()},
    "smlearn.questions.music_market.mean_ratio": lambda: {"markets": (market(), market())},
    "smlearn.questions.push_and_pull.channel_costs": lambda: {"result": traffic_year()},
    "smlearn.questions.push_and_pull.cost_ratio": lambda: {"result": traffic_year()},
    "smlearn.questions.when_push_wins.sprint_ratio": lambda: {"result": traffic_year()},
    "smlearn.questions.wisdom_of_crowds.ring_best_rank": lambda: {"page": ringed_page()},
    # its argument has no public maker: the lesson's front pages on its seeds, which the private _front_page makes
    "smlearn.questions.wisdom_of_crowds.ring_best_rank_mean": lambda: {
        "result": _lazy("smlearn.questions.wisdom_of_crowds._front_page")(hours=24)},
    "smlearn.questions.capstone.plan_share_by": lambda: {
        "name": "referral_rate", "values": [0.01, 0.05], "plan": _lazy("smlearn.questions.capstone.BAKERY_PLAN"),
        "settings": _lazy("smlearn.questions.capstone.BAKERY_SETTINGS")},
    "smlearn.questions.effort_and_automation.weeks_slope": lambda: {
        "days": _lazy("smlearn.realdata.posting.effort_and_returns")()},
    "smlearn.questions.your_plan.broadcast_only": lambda: {"plan": dict(PLAN)},
    "smlearn.questions.your_plan.plan_ahead": lambda: {"plan": dict(PLAN), "rival": dict(RIVAL)},
    "smlearn.questions.your_plan.plan_report": lambda: {"plan": dict(PLAN), "names": ["discovery"], "steps": 3,
                                                        "samples": 8, "discovery": 1.0},
    "smlearn.questions.your_plan.plan_verdict": lambda: {"plan": dict(PLAN)},
    "smlearn.questions.your_plan.plausible": lambda: {"names": ["discovery"], "discovery": 1.0},
    # real data
    "smlearn.data.load_network": lambda: {"name": "us_senate_follows"},
    "smlearn.data.path": lambda: {"name": "activities"},
    "smlearn.realdata.networks.in_degree_summary": lambda: {"G": follower_graph()},
    "smlearn.realdata.links.rank_table": lambda: {"G": follower_graph()},
    "smlearn.realdata.links.rank_sources": lambda: {"G": follower_graph(), "person": 0},
    "smlearn.realdata.links.rank_correlation": lambda: {
        "table": pd.DataFrame({"a": [1, 2, 3, 4], "b": [20, 10, 40, 30]}), "first": "a", "second": "b"},
    "smlearn.realdata.links.rank_agreement": lambda: {"table": _lazy("smlearn.realdata.links.rank_table")(follower_graph())},
    "smlearn.realdata.links.rank_correlation_interval": lambda: {
        "table": pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [20, 10, 40, 30, 50]}), "first": "a", "second": "b"},
    "smlearn.realdata.networks.inequality_summary": lambda: {"values": [1, 2, 3, 10]},
    "smlearn.realdata.votes.chance_band": lambda: {"table": pd.DataFrame({"early": [1, 2, 3, 4], "late": [2, 1, 4, 3]})},
    "smlearn.realdata.votes.partial_correlation": lambda: {"r_xy": 0.5, "r_xz": 0.2, "r_yz": 0.3},
    "smlearn.shell.notebook_shell": lambda: {"shell": None},
    "smlearn.realdata.networks.reciprocity": lambda: {"G": follower_graph()},
    "smlearn.realdata.networks.same_group_share": lambda: {"G": senate(), "attribute": "party"},
    "smlearn.realdata.networks.compare_directed": lambda: {"graphs": {"a": follower_graph()}, "audiences": {"b": [1, 5, 40]}},
    "smlearn.realdata.networks.reciprocity_beyond_chance": lambda: {"G": follower_graph()},
    "smlearn.realdata.networks.readable": lambda: {"table": pd.DataFrame({"people": [91, 585], "share": [0.5, 0.25]})},
    "smlearn.questions.who_is_connected.reciprocity_of": lambda: {"follows": [("Ana", "Ben"), ("Ben", "Ana"), ("Ana", "Cy")]},
    "smlearn.models.networks.small_world_curve": lambda: {"n": 100, "k": 4, "ps": [0.0, 0.1], "repeats": 1, "sample": 20},
    "smlearn.plots.networks.plot_small_world": lambda: {"table": _lazy("smlearn.models.networks.small_world_curve")(
        n=100, k=4, ps=[0.01, 0.1, 1.0], repeats=1, sample=20)},
    "smlearn.plots.networks.describe_small_world": lambda: {"table": _lazy("smlearn.models.networks.small_world_curve")(
        n=100, k=4, ps=[0.01, 0.1, 1.0], repeats=1, sample=20)},
    "smlearn.plots.networks.small_world_finding": lambda: {"table": _lazy("smlearn.models.networks.small_world_curve")(
        n=100, k=4, ps=[0.01, 0.1, 1.0], repeats=1, sample=20)},
    "smlearn.plots.networks.plot_follower_tail": lambda: {"followers": list(range(1, 200)), "fit": _lazy(
        "smlearn.models.degree_tails.power_law_fit")(list(range(1, 200)), resamples=0)},
    "smlearn.plots.networks.describe_follower_tail": lambda: {"followers": list(range(1, 200)), "fit": _lazy(
        "smlearn.models.degree_tails.power_law_fit")(list(range(1, 200)), resamples=0)},
    "smlearn.plots.networks.fit_words": lambda: {"fit": _lazy("smlearn.models.degree_tails.power_law_fit")(
        list(range(1, 200)), resamples=0)},
    "smlearn.realdata.cascade.share_within": lambda: {"hours": 2.0},
    "smlearn.realdata.analytics.is_reply": lambda: {"posts": pd.DataFrame({"text": ["@a hi", "news", "@b ok"]})},
    "smlearn.realdata.analytics.rates_by_group": lambda: {
        "posts": posts(), "successes": "engaged_users", "trials": "reach", "by": "type"},
    "smlearn.realdata.analytics.compare_groups": lambda: {
        "posts": posts()[posts()["type"].isin(["photo", "video"])], "successes": "engaged_users", "trials": "reach",
        "by": "type"},
    "smlearn.realdata.analytics.rate_spread": lambda: {"successes": [3, 5, 2, 9], "trials": [50, 60, 40, 70]},
    "smlearn.realdata.analytics.bootstrap_gap": lambda: {
        "posts": pd.DataFrame({"kind": ["a", "a", "b", "b"], "s": [1, 3, 5, 5], "n": [10, 10, 50, 50]}),
        "successes": "s", "trials": "n", "by": "kind", "n_resamples": 200},
    "smlearn.models.bootstrap.bootstrap_distribution": lambda: {
        "successes": [3, 5, 2, 9], "trials": [50, 60, 40, 70], "n_resamples": 200, "seed": 1},
    "smlearn.plots.returns.plot_bootstrap": lambda: {"distribution": _lazy("smlearn.models.bootstrap.bootstrap_distribution")(
        [3, 5, 2, 9], [50, 60, 40, 70], n_resamples=200, seed=1)},
    "smlearn.plots.returns.describe_bootstrap": lambda: {"distribution": _lazy("smlearn.models.bootstrap.bootstrap_distribution")(
        [3, 5, 2, 9], [50, 60, 40, 70], n_resamples=200, seed=1)},
    "smlearn.realdata.posting.returns_elasticity": lambda: {"table": pd.DataFrame(
        {"tweets": [1, 2, 4, 8], "impressions": [100, 150, 220, 330]})},
    "smlearn.realdata.posting.slope_interval": lambda: {"table": pd.DataFrame(
        {"tweets": [1, 2, 4, 8], "impressions": [100, 150, 220, 330]}), "draws": 200},
    "smlearn.realdata.posting.stand_alone_per_day": lambda: {
        "days": pd.DataFrame({"date": pd.to_datetime(["2021-01-04", "2021-01-05"])}),
        "posts": pd.DataFrame({"Tweet text": ["@a hi", "news"], "time": ["2021-01-04 09:00 +0000", "2021-01-05 10:00 +0000"]})},
    "smlearn.plots.effort.plot_effort_and_returns": lambda: {"days": pd.DataFrame(
        {"tweets": [1, 2, 4, 8], "impressions": [100, 150, 220, 330]}), "model_slope": 0.9},
    "smlearn.plots.effort.describe_effort_and_returns": lambda: {"days": pd.DataFrame(
        {"tweets": [1, 2, 4, 8], "impressions": [100, 150, 220, 330]}), "model_slope": 0.9},
    "smlearn.realdata.conversations.is_reply": lambda: {"text": "@ana see you Tuesday"},
    "smlearn.realdata.conversations.replies_vs_broadcasts": lambda: {"posts": few_tweets()},
    "smlearn.realdata.conversations.rates_per_impression": lambda: {"posts": few_tweets()},
    "smlearn.realdata.conversations.plan_baseline": lambda: {"posts": few_tweets()},
    "smlearn.realdata.conversations.simulated_months": lambda: {"posts": few_tweets(), "months": 100},
    "smlearn.realdata.cascade.exposure_share": lambda: {"top": 0.01},
    "smlearn.realdata.cascade.final_size_forecast": lambda: {"seen": 10.0, "waiting": 2.0, "branching": 0.5},
    "smlearn.realdata.cascade.forecast_final_size": lambda: {"hours": 6.0},
    "smlearn.realdata.cascade.exposure_curve": lambda: {"table": _lazy("smlearn.data.load")("retweet_cascade").head(300)},
    "smlearn.realdata.cascade.fit_bass": lambda: {"times": [0.0, 1.0, 2.0, 3.0, 4.0], "counts": [1, 3, 8, 12, 13]},
    "smlearn.realdata.cascade.fit_network_spread": lambda: {
        "table": _lazy("smlearn.data.load")("retweet_cascade").head(300)},
    "smlearn.models.diffusion_experiments.outbreak_sizes": lambda: {"G": small_graph(), "transmissibilities": [0.1, 0.5], "runs": 3},
    "smlearn.models.diffusion_experiments.cascade_window": lambda: {"mean_degrees": [1.0, 3.0], "n": 100, "runs": 3},
    "smlearn.models.diffusion_theory.watts_window": lambda: {"theta": 0.18},
    "smlearn.plots.spread.outbreak_finding": lambda: {"tables": {"a": _lazy("smlearn.models.diffusion_experiments.outbreak_sizes")(
        small_graph(), [0.1, 0.5], runs=3)}},
    "smlearn.plots.spread.plot_outbreak_size": lambda: {"tables": {"a": _lazy("smlearn.models.diffusion_experiments.outbreak_sizes")(
        small_graph(), [0.1, 0.5], runs=3)}},
    "smlearn.plots.spread.describe_outbreak_size": lambda: {"tables": {
        "a": _lazy("smlearn.models.diffusion_experiments.outbreak_sizes")(small_graph(), [0.1, 0.5], runs=3)}},
    "smlearn.plots.spread.window_finding": lambda: {"table": _lazy("smlearn.models.diffusion_experiments.cascade_window")(
        [1.0, 3.0], n=100, runs=3)},
    "smlearn.plots.spread.plot_cascade_window": lambda: {"table": _lazy("smlearn.models.diffusion_experiments.cascade_window")(
        [1.0, 3.0], n=100, runs=3)},
    "smlearn.plots.spread.describe_cascade_window": lambda: {"table": _lazy("smlearn.models.diffusion_experiments.cascade_window")(
        [1.0, 3.0], n=100, runs=3)},
    "smlearn.plots.spread.real_cascade_finding": lambda: {"fits": [_lazy("smlearn.realdata.cascade.fit_bass")()]},
    "smlearn.plots.spread.plot_real_cascade": lambda: {"fits": [_lazy("smlearn.realdata.cascade.fit_bass")()],
                                                       "exposure": _lazy("smlearn.realdata.cascade.exposure_curve")()},
    "smlearn.plots.spread.describe_real_cascade": lambda: {"fits": [_lazy("smlearn.realdata.cascade.fit_bass")()],
                                                           "exposure": _lazy("smlearn.realdata.cascade.exposure_curve")()},
    "smlearn.questions.capstone.bakery_splits": lambda: {},
    "smlearn.questions.capstone.most_upkeep": lambda: {"table": _lazy("smlearn.questions.capstone.bakery_splits")(),
                                                      "content_at_least": 1.0},
    "smlearn.questions.capstone.per_hour": lambda: {"split": pd.DataFrame({"replies": [4, 10], "broadcasts": [2, 6]}, index=["tweets", "user_profile_clicks"]),
                                                   "measure": "user_profile_clicks", "kind": "replies", "hours_each": 0.25},
    "smlearn.questions.capstone.bakery_best_by": lambda: {"name": "start_ties", "values": (10, 30)},
    "smlearn.questions.capstone.bakery_plan_share": lambda: {"name": "start_ties", "values": (10, 30)},
    "smlearn.widgets.week.explore_week": week_settings,
    "smlearn.questions.when_push_wins.breakeven_horizon": lambda: {"horizons": range(4, 53, 8)},
    "smlearn.questions.when_push_wins.smallest_winning_network": lambda: {"sizes": range(100, 2001, 300)},
    "smlearn.questions.stranger_to_tie.upkeep_overtakes_messages": lambda: {"longest": 60},
    "smlearn.questions.stranger_to_tie.catch_up_week": lambda: {"annoyance": 0.2},
    "smlearn.progress.record": lambda: {"question_id": "links.two_pages", "answer": "0.351", "correct": True},
    "smlearn.progress.where_left_off": lambda: {"lesson": "06"},
    "smlearn.environment.check_environment": lambda: {"lesson": "06"},
    "smlearn.plots.figure_text.keep_figure_text": lambda: {},
    "smlearn.tables.frame_html": lambda: {"frame": pd.DataFrame({"a": [1, 2]})},
    "smlearn.tables.no_empty_headers": lambda: {"html": "<tr><th></th><th>a</th></tr>"},
    "smlearn.tables.scroll_region": lambda: {"html": "<table></table>"},
    "smlearn.tables.keep_tables_readable": lambda: {},
    "smlearn.plots.figure_text.figure_text": lambda: {"figure": __import__("matplotlib.pyplot").pyplot.figure()},
    "smlearn.plots.figure_text.picture_html": lambda: {"png": b"\x89PNG", "metadata": {"alt": "Visits a week."}},
    "smlearn.typed_numbers.read_number": lambda: {"text": "1,29"},
    "smlearn.questions.when_push_wins.piece_share": lambda: {"age": 3, "ramp": 8, "half_life": 52},
    "smlearn.questions.when_push_wins.network_push_needs": lambda: {"lead_rate_push": 0.08, "close_rate_push": 0.4},
    "smlearn.questions.push_and_pull.doubling_gain": lambda: {"hours": 5, "saturation_hours": 4},
}


# ---------------------------------------------------------------------------------------------
# Finding the public functions.

def public_functions() -> dict:
    """Every public function of smlearn, by its full name."""
    found = {}
    for info in pkgutil.walk_packages(smlearn.__path__, "smlearn."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            names = [name for name, value in vars(module).items()
                     if not name.startswith("_") and inspect.isfunction(value) and value.__module__ == module.__name__]
        for name in names:
            value = getattr(module, name, None)
            if inspect.isfunction(value):
                found.setdefault(f"{value.__module__}.{value.__name__}", value)
    return found


FUNCTIONS = public_functions()


def parameters(name: str, function) -> dict:
    """The parameters to break, with their working values (``inspect.Parameter.empty`` if none)."""
    signature = inspect.signature(function)
    working = WORKING[name]() if name in WORKING else {}
    values = {}
    for p in signature.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        values[p.name] = working.get(p.name, p.default)
    for key, value in working.items():   # names that go into **params
        values.setdefault(key, value)
    return values, working


# ---------------------------------------------------------------------------------------------
# The bad values and what counts as refusing them.

BAD = ("None", "nan", "inf", "-inf", "-1", "-50", "0", "huge", "'5'", "True", "[]", "{}", "empty table",
       "empty graph")


def make_bad(label: str):
    import networkx as nx

    return {"None": None, "nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "-1": -1, "-50": -50,
            "0": 0, "huge": 10**12, "'5'": "5", "True": True, "[]": [], "{}": {}, "empty table": pd.DataFrame(),
            "empty graph": nx.Graph()}[label]


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def must_refuse(name: str, good, default, label: str) -> bool:
    """True when ``label`` can never be a valid value for a parameter whose working value is ``good``."""
    import networkx as nx

    if label == "None":
        return good is not None and default is not None and name != "seed"   # seed=None means "any draw"
    if _is_number(good) and not isinstance(good, bool):
        return label in ("nan", "inf", "-inf", "'5'", "True", "[]", "{}", "empty table", "empty graph")
    if isinstance(good, pd.DataFrame):
        return True           # every bad value, the empty table too, is not a table to work on
    if isinstance(good, nx.Graph):
        return True
    if isinstance(good, bool):
        return label not in ("0", "True")   # only a True/False is a flag (0 is a common spelling of False)
    return False


ALLOWED_ERRORS = (TypeError, ValueError, FileNotFoundError, NotADirectoryError)


class Hang(BaseException):
    """A call ran past the time limit."""


def _alarm(signum, frame):
    raise Hang()


def call(function, kwargs):
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        return function(**kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_WORD_NAN = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)


def nan_spots(result, where="result", depth=0) -> set:
    """Where ``result`` holds a NaN (or says "nan" in words): a set of places."""
    spots = set()
    if depth > 2:
        return spots
    if isinstance(result, str):
        if _WORD_NAN.search(result):
            spots.add(where)
    elif _is_number(result):
        if math.isnan(float(result)):
            spots.add(where)
    elif isinstance(result, pd.DataFrame):
        for column in result.columns:
            values = result[column]
            if pd.api.types.is_numeric_dtype(values) and values.isna().any():
                spots.add(f"{where}[{column!r}]")
    elif isinstance(result, pd.Series):
        if pd.api.types.is_numeric_dtype(result) and result.isna().any():
            spots.add(where)
    elif isinstance(result, np.ndarray):
        if np.issubdtype(result.dtype, np.floating) and np.isnan(result).any():
            spots.add(where)
    elif isinstance(result, dict):
        for key, value in list(result.items())[:50]:
            spots |= nan_spots(value, f"{where}[{key!r}]", depth + 1)
    elif isinstance(result, (tuple, list)):
        for i, value in enumerate(result[:50]):
            spots |= nan_spots(value, f"{where}[{i}]", depth + 1)
    return spots


_baselines = {}


def baseline_spots(name, function, working):
    if name not in _baselines:
        _baselines[name] = nan_spots(call(function, WORKING[name]() if name in WORKING else {}))
    return _baselines[name]


def check_case(name: str, function, parameter: str, label: str):
    """None if ``function`` handles the bad value ``label`` in ``parameter`` well, else what went wrong."""
    values, working = parameters(name, function)
    good = values[parameter]
    default = inspect.signature(function).parameters.get(parameter)
    default = default.default if default is not None else inspect.Parameter.empty
    kwargs = dict(working)
    kwargs[parameter] = make_bad(label)
    try:
        result = call(function, kwargs)
    except Hang:
        return f"{name}({parameter}={label}) did not finish within {TIME_LIMIT} s"
    except ALLOWED_ERRORS as error:
        message = str(error)
        if parameter not in message:
            return f"{name}({parameter}={label}) raised {type(error).__name__} without naming {parameter}: {message[:200]}"
        return None
    except Exception as error:    # noqa: BLE001 - any other error is the finding
        return f"{name}({parameter}={label}) raised {type(error).__name__}: {str(error)[:200]}"
    if (must_refuse(parameter, good, default, label) and not (label == "None" and (name, parameter) in NONE_ALLOWED)
            and not (label in ("nan", "inf", "-inf") and (name, parameter) in NAN_ALLOWED)):
        return f"{name}({parameter}={label}) was accepted (returned {type(result).__name__})"
    new = nan_spots(result) - baseline_spots(name, function, working)
    if new:
        return f"{name}({parameter}={label}) returned NaN in {sorted(new)[:3]}"
    return None


def cases(name: str, function) -> list:
    values, _ = parameters(name, function)
    return [(parameter, label) for parameter in values for label in BAD]


DRIVEN = sorted(name for name in FUNCTIONS if name not in SKIP)
# The figures, the course's machinery and the real data draw, copy or read files: tenths of a second a
# case, most of this test's minute. The models, questions and small modules stay in the fast loop.
SLOW_LAYERS = ("smlearn.plots.", "smlearn.realdata.", "smlearn.copies.", "smlearn.environment.",
               "smlearn.build.", "smlearn.checks.", "smlearn.progress.")
# Functions of the fast layers whose working call itself runs a model many times (over a second a case).
SLOW_FUNCTIONS = {"smlearn.questions.effort_and_automation.weeks_slope",
                  "smlearn.questions.who_is_connected.rewired_clustering"}
ALL = os.environ.get("SMLEARN_ALL_BAD_INPUTS") == "1"


def test_every_public_function_with_required_arguments_has_working_values():
    missing = []
    for name in DRIVEN:
        signature = inspect.signature(FUNCTIONS[name])
        required = [p.name for p in signature.parameters.values()
                    if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if required and name not in WORKING:
            missing.append(f"{name} (needs {', '.join(required)})")
    assert not missing, "add working arguments to WORKING in tests/course/test_bad_inputs.py for: " + "; ".join(missing)
    assert not set(SKIP) - set(FUNCTIONS), f"SKIP names functions that are gone: {set(SKIP) - set(FUNCTIONS)}"
    assert not set(WORKING) - set(FUNCTIONS), f"WORKING names functions that are gone: {set(WORKING) - set(FUNCTIONS)}"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)      # anything a bad path writes lands in a throwaway folder


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow)
                                  if name.startswith(SLOW_LAYERS) or name in SLOW_FUNCTIONS else name
                                  for name in DRIVEN])
def test_bad_input_is_refused_by_name(name, in_tmp):
    function = FUNCTIONS[name]
    if name not in WORKING and any(p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                                   for p in inspect.signature(function).parameters.values()):
        pytest.fail(f"{name} has required arguments and no entry in WORKING")
    every = cases(name, function)
    if not every:
        return
    if ALL:
        failures = [f for f in (check_case(name, function, p, label) for p, label in every) if f]
        assert not failures, "\n".join(failures)
        return

    @settings(max_examples=min(len(every), 12), derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(every))
    def check(case):
        failure = check_case(name, function, *case)
        assert failure is None, failure

    check()

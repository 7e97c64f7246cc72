"""What flips a verdict: where a model's answer changes as its settings move.

A model's answer ("pull costs less per customer than push") is only as strong as the
settings it was run with. This module asks two questions of any model and any verdict:

1. **One setting at a time.** Hold every setting at its default and move one across its
   whole allowed range (its :class:`~smlearn.params.Param` record). Where does the verdict
   change? That value is the setting's *flip point*.
2. **All settings together.** Draw many plausible settings at once (a Latin-hypercube
   sample: every part of every range is visited evenly) and count the share in which the
   verdict holds. Then ask which settings decide it: in which halves of its range does
   the verdict hold more often?

A verdict that holds in nearly every plausible setting is a *finding* of the model. A
verdict that flips as soon as one typed-in setting moves is that setting restated.

Examples
--------
>>> from smlearn.params import Param, check_items, check_number, check_text
>>> def model(price=2.0, cost=1.0):
...     return price - cost                   # the profit per item
>>> params = {"price": Param("price", 2.0, 0.0, 4.0, 0.1, "Price", "$"),
...           "cost": Param("cost", 1.0, 0.0, 4.0, 0.1, "Cost", "$")}
>>> profitable = Verdict("each sale makes money", measure=lambda profit: profit, threshold=0.0)
>>> report = analyse(model, profitable, params, steps=41, samples=200)
>>> report.holds_at_default
True
>>> round(flip_point(report, "price"), 2), round(flip_point(report, "cost"), 2)
(1.0, 2.0)
>>> round(report.share, 1)                # price > cost in half of all pairs
0.5
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smlearn.params import Param, check_items, check_number, check_text

__all__ = ["Verdict", "FlipReport", "analyse", "flip_point", "narrowed", "as_written"]

MAX_RUNS = 5000   # model runs one analysis may ask for: about a minute even for a slow model


@dataclass(frozen=True)
class Verdict:
    """A claim about a model's result that is either true or false.

    Parameters
    ----------
    claim : str
        The claim in words, as a lesson would state it.
    measure : callable
        Takes the model's result and returns a number (or True/False).
    threshold : float, optional
        With a number measure: the verdict holds when the measure is above (or below)
        this value. Leave it out when ``measure`` returns True or False.
    holds : {"above", "below"}
        Which side of the threshold makes the verdict hold.
    unit : str
        The measure's unit in words, for the chart's axis.
    """

    claim: str
    measure: object
    threshold: float | None = None
    holds: str = "above"
    unit: str = ""

    def __post_init__(self):
        if not isinstance(self.claim, str) or not self.claim.strip():
            raise TypeError(f"claim must be a sentence in words; got {self.claim!r}")
        if not callable(self.measure):
            raise TypeError(f"measure must be a function of the model's result; got {self.measure!r}")
        if self.threshold is not None:
            if isinstance(self.threshold, bool) or not isinstance(self.threshold, numbers.Real) \
                    or not math.isfinite(self.threshold):
                raise ValueError(f"threshold must be a finite number or None; got {self.threshold!r}")
        if self.holds not in ("above", "below"):
            raise ValueError(f"holds must be 'above' or 'below'; got {self.holds!r}")

    def value(self, result) -> float:
        """The measure of one result as a float (True is 1.0, False 0.0; NaN if undefined)."""
        value = self.measure(result)
        if isinstance(value, (bool, np.bool_)):
            return float(value)
        if not isinstance(value, numbers.Real):
            raise TypeError(f"the measure of {self.claim!r} must return a number or True/False; got {value!r}")
        return float(value)

    def holds_for(self, value: float) -> bool:
        """True when a measured value makes the claim hold."""
        if self.threshold is None:
            return value == 1.0
        if self.holds == "above":
            return value > self.threshold
        return value < self.threshold

    @property
    def line(self) -> float:
        """Where the verdict changes on the measure's scale (0.5 for a True/False measure)."""
        return 0.5 if self.threshold is None else float(self.threshold)


@dataclass
class FlipReport:
    """What :func:`analyse` found; read ``sentence()`` first."""

    verdict: Verdict
    params: dict
    defaults: dict
    default_measure: float
    holds_at_default: bool
    points: pd.DataFrame
    sweeps: pd.DataFrame
    samples: pd.DataFrame
    drivers: pd.DataFrame
    share: float
    refused: int = 0
    fixed: dict = field(default_factory=dict)
    narrowed: bool = False

    def sentence(self) -> str:
        """The verdict, its nearest flip points and its share of plausible settings, in words."""
        claim = self.verdict.claim
        if self.holds_at_default:
            words = [f"Under the default settings the model says: {claim}."]
        else:
            words = [f"Under the default settings the model does not say: {claim}."]
        flipping = self.ordered().dropna(subset=["flips_at"])
        total = len(self.points)
        if flipping.empty:
            words.append(f"None of the {total} settings varied flips it alone, anywhere in its range.")
        else:
            nearest = "the nearest flip" if len(flipping) == 1 else "the nearest two"
            flips_alone = [f"{self.params[row.parameter].label} {_crossing(self.params[row.parameter], row)}"
                           f" (default {as_written(row.default)})" for _, row in flipping.head(2).iterrows()]
            words.append(f"Moved alone, {len(flipping)} of the {total} settings varied can flip it; {nearest}: "
                         f"{'; '.join(flips_alone)}.")
        used = len(self.samples) - self.refused
        low, high = self.share_interval()
        where = "the plausible ranges given" if self.narrowed else "their allowed ranges"
        words.append(f"With all {total} settings drawn together across {where}, it holds in "
                     f"{100 * self.share:.0f} % of {used} draws (with so few draws, anywhere from "
                     f"{100 * low:.0f} to {100 * high:.0f} %).")
        if self.refused:
            were = "draw was" if self.refused == 1 else "draws were"
            words.append(f"({self.refused} more {were} impossible together and left out.)")
        deciding = self.drivers[self.drivers["decides"]].head(3)
        if len(deciding):
            labels = ", ".join(self.params[name].label for name in deciding["parameter"])
            words.append(f"In those draws, the settings that matter most (a rough test): {labels}.")
        return " ".join(words)

    def flip_points(self) -> dict:
        """Each setting that flips the verdict alone -> the value where it flips (in the order analysed)."""
        flipping = self.points.dropna(subset=["flips_at"])
        return dict(zip(flipping["parameter"], flipping["flips_at"].astype(float)))

    def share_interval(self, z: float = 1.96) -> tuple[float, float]:
        """A 95 % interval for the share, as if the draws were independent (Wilson's score interval).

        A Latin hypercube spreads its draws more evenly than independent ones, so the true
        uncertainty is, if anything, smaller: read this as an honest upper bound on it.
        """
        n = len(self.samples) - self.refused
        if n == 0 or self.share != self.share:
            return (np.nan, np.nan)
        centre = (self.share + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(self.share * (1 - self.share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0.0, centre - half), min(1.0, centre + half))

    def ordered(self) -> pd.DataFrame:
        """The settings in the order the sentence and the chart name them: those that flip the
        verdict alone, nearest flip first; then the others, those that decide it most when all
        settings are drawn together first."""
        points = self.points.copy()
        swing = self.drivers.set_index("parameter")["swing"]
        points["swing"] = [swing.get(name, 0.0) for name in points["parameter"]]
        points["flips"] = points["flips_at"].notna()
        return points.sort_values(["flips", "distance", "swing"], ascending=[False, True, False], kind="stable")

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.sentence())


def as_written(value) -> str:
    """A number as a person writes it: three significant figures, no exponent, commas in thousands.

    The flip reports and their figures (:mod:`smlearn.plots.flips`) write every number this way.
    An undefined or infinite value is written in words; only a value below a thousandth keeps an
    exponent, the honest way to write it.

    Parameters
    ----------
    value : real number
        NaN and infinities are allowed.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``value`` is not a real number (True and False are refused too).

    Examples
    --------
    >>> [as_written(v) for v in (2500.0, 0.04, 1.3698, 156.0, float("inf"), float("nan"), 2.05e-10)]
    ['2,500', '0.04', '1.37', '156', 'infinite', 'undefined', '2.0e-10']
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or type(value).__name__ in ("bool", "bool_"):
        raise TypeError(f"value must be a number; got {value!r} of type {type(value).__name__}")
    if value != value:
        return "undefined"
    if value in (math.inf, -math.inf):
        return "infinite" if value > 0 else "minus infinite"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 0.001:
        return f"{float(f'{value:.3g}'):g}"
    return f"{value:.1e}"           # tinier than a thousandth: an exponent is the honest way


def _crossing(p: Param, row) -> str:
    """Where a setting flips the verdict, in words; whole-number settings flip at a whole number."""
    if p.integer:
        return (f"at {as_written(row.flips_at)} or more" if row.flips_when == "above"
                else f"at {as_written(row.flips_at)} or fewer")
    way = "above" if row.flips_when == "above" else "below"
    return f"{way} {as_written(row.flips_at)}"


def _check_inputs(model, verdict, params, fixed, names, steps, samples, seed, rounds):
    if not callable(model):
        raise TypeError(f"model must be a function called as model(**settings); got {model!r}")
    if not isinstance(verdict, Verdict):
        raise TypeError(f"verdict must be a flips.Verdict; got {type(verdict).__name__}")
    if not isinstance(params, dict) or not params:
        raise ValueError(f"params must be a non-empty dict of Param records (a model's PARAMS); got {params!r}")
    fixed = {} if fixed is None else fixed
    if not isinstance(fixed, dict):
        raise TypeError(f"fixed must be a dict of settings to hold; got {type(fixed).__name__}")
    numeric = [name for name, p in params.items() if isinstance(p, Param) and name not in fixed]
    if names is None:
        names = numeric
    names = check_items("names", names, what="parameter names", allow_empty=True)
    if not all(isinstance(n, str) for n in names):
        raise TypeError(f"names must be a list of parameter names; got {names!r}")
    unknown = [n for n in names if n not in numeric]
    if unknown:
        raise ValueError(f"names must be numeric parameters of params that are not fixed ({', '.join(numeric)}); "
                         f"got {', '.join(unknown)}")
    if not names:
        raise ValueError("names must list at least one parameter to vary; got none")
    for name, value in (("steps", steps), ("samples", samples)):
        check_number(name, value, 3, MAX_RUNS, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    check_number("rounds", rounds, 0, 20, integer=True)
    runs = len(names) * (steps + rounds) + samples
    if runs > MAX_RUNS:
        raise ValueError(f"steps, rounds and samples ask for up to {runs} model runs; at most {MAX_RUNS} are allowed "
                         "(use fewer steps, rounds, samples or names)")
    return fixed, names


def narrowed(params, ranges, names=None):
    """The settings' records, with the plausible ranges given in place of the allowed ones.

    A slider allows every value a model can run (a lead rate of 1, a network with every tie
    rewired); a plausible range is what the lesson can defend. Each must lie inside the allowed
    range and hold the default, so the analysis still starts from the lesson's settings.
    """
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict of Param records (a model's PARAMS); got {params!r}")
    if names is None:
        names = [name for name, p in params.items() if isinstance(p, Param)]
    names = check_items("names", names, what="parameter names")
    if not isinstance(ranges, dict):
        raise TypeError(f"ranges must be a dict of name -> (low, high); got {type(ranges).__name__}")
    out = dict(params)
    for name, bounds in ranges.items():
        if name not in names:
            raise ValueError(f"ranges must name settings being varied ({', '.join(names)}); got {name!r}")
        bounds = check_items("ranges", bounds, what="two numbers, low and high")
        if len(bounds) != 2:
            raise ValueError(f"ranges[{name!r}] must be two numbers, low and high; got {bounds!r}")
        p = params[name]
        low = check_number(f"ranges[{name!r}] low", bounds[0], p.min, p.max, integer=p.integer)
        high = check_number(f"ranges[{name!r}] high", bounds[1], p.min, p.max, integer=p.integer)
        if not low <= p.default <= high or low == high:
            raise ValueError(f"ranges[{name!r}] must hold the default {p.default} with low < high; got {bounds!r}")
        out[name] = dataclasses.replace(p, min=low, max=high)
    return out


def _run(model, verdict, settings):
    """The measure for one set of settings; None when the model refuses them together."""
    try:
        with np.errstate(all="ignore"):      # 0/0 in a measure is NaN: counted as undefined, not a warning
            return verdict.value(model(**settings))
    except ValueError:
        return None     # e.g. hours that add up to more than the week: not a plausible setting


def _grid(p: Param, steps: int) -> np.ndarray:
    values = np.linspace(p.min, p.max, steps)
    values = np.append(values, p.default)
    if p.integer:
        values = np.round(values)
    return np.unique(values)


def _as_setting(p: Param, value):
    return int(round(value)) if p.integer else float(value)


def _flip_between(verdict, lo_value, lo_measure, hi_value, hi_measure):
    """Where, between two grid points, the measure crosses the verdict's line."""
    line = verdict.line
    if verdict.threshold is None or hi_measure == lo_measure:
        return (lo_value + hi_value) / 2
    t = (line - lo_measure) / (hi_measure - lo_measure)
    return lo_value + min(max(t, 0.0), 1.0) * (hi_value - lo_value)


def _sharpen(model, verdict, base, name, p, same, other, default_holds, rounds):
    """Halve the gap between two sweep values around a flip ``rounds`` times; return the flip.

    ``same`` is a (value, measure) where the verdict is as at the default, ``other`` one
    where it is not. A straight line between two coarse sweep values can miss a curved
    measure's crossing by most of the gap; halving makes it right to gap / 2**rounds.
    """
    if p.integer:   # halve until the two are neighbouring whole numbers, however many rounds that takes
        rounds = max(rounds, math.ceil(math.log2(max(abs(other[0] - same[0]), 1))))
    for _ in range(rounds):
        middle = (same[0] + other[0]) / 2
        if p.integer:
            middle = round(middle)
            if middle in (same[0], other[0]):
                break                      # neighbouring whole numbers: nothing between them
        settings = dict(base)
        settings[name] = _as_setting(p, middle)
        measure = _run(model, verdict, settings)
        if measure is None or measure != measure:
            break                          # undefined in between: keep the gap we have
        if verdict.holds_for(measure) == default_holds:
            same = (middle, measure)
        else:
            other = (middle, measure)
    if p.integer:
        return float(other[0])             # the first whole number at which it has flipped
    return _flip_between(verdict, same[0], same[1], other[0], other[1])


def _sweep_one(model, verdict, base, name, p, steps, default_holds, rounds):
    rows = []
    for value in _grid(p, steps):
        settings = dict(base)
        settings[name] = _as_setting(p, value)
        measure = _run(model, verdict, settings)
        rows.append((name, float(value), np.nan if measure is None else measure))
    table = pd.DataFrame(rows, columns=["parameter", "value", "measure"])
    table["holds"] = [verdict.holds_for(m) if m == m else np.nan for m in table["measure"]]

    # Walk away from the default, each way, to the first grid point where the verdict changes.
    known = table.dropna(subset=["measure"]).reset_index(drop=True)
    at = int(np.argmin(np.abs(known["value"].to_numpy() - p.default)))
    candidates = []
    for direction, way in ((1, "above"), (-1, "below")):
        i = at
        while 0 <= i + direction < len(known):
            j = i + direction
            if bool(known.at[j, "holds"]) != default_holds:
                same = (known.at[i, "value"], known.at[i, "measure"])
                other = (known.at[j, "value"], known.at[j, "measure"])
                rough = _flip_between(verdict, *same, *other)
                candidates.append((abs(rough - p.default) / (p.max - p.min), way, same, other))
                break
            i = j
    if candidates:
        _, flips_when, same, other = min(candidates, key=lambda c: c[0])
        flips_at = _sharpen(model, verdict, base, name, p, same, other, default_holds, rounds)
        distance = abs(flips_at - p.default) / (p.max - p.min)
    else:
        distance, flips_at, flips_when = np.nan, np.nan, None
    holds = known["holds"].astype(bool)
    point = {
        "parameter": name, "default": p.default, "low": p.min, "high": p.max,
        "flips_at": flips_at, "flips_when": flips_when, "distance": distance,
        "share_of_range": float(holds.mean()) if len(holds) else np.nan,
        "measure_low": known["measure"].iloc[0] if len(known) else np.nan,
        "measure_high": known["measure"].iloc[-1] if len(known) else np.nan,
    }
    return table, point


def _latin_hypercube(ps, samples, seed):
    """``samples`` draws of all settings together, each range cut into ``samples`` equal
    slices and every slice of every setting used exactly once (McKay, Beckman & Conover 1979).

    Plain random draws leave gaps and clumps; this spreads the draws evenly along every
    range, so a share is estimated well from fewer model runs. (Five lines of numpy: scipy's
    ``qmc`` does the same but costs two seconds to import in a lesson.)
    """
    rng = np.random.default_rng(seed)
    values = np.empty((samples, len(ps)))
    for column, p in enumerate(ps):
        slices = rng.permutation(samples)                          # which slice each draw gets
        unit = (slices + rng.random(samples)) / samples            # a random point inside it
        values[:, column] = p.min + unit * (p.max - p.min)
        if p.integer:
            values[:, column] = np.round(values[:, column])
    return values


def _drivers(table, names, params):
    """For each setting: how often the verdict holds in the low and the high half of its range."""
    rows = []
    for name in names:
        p = params[name]
        middle = (p.min + p.max) / 2
        low = table.loc[table[name] <= middle, "holds"]
        high = table.loc[table[name] > middle, "holds"]
        share_low = float(low.mean()) if len(low) else np.nan
        share_high = float(high.mean()) if len(high) else np.nan
        # A gap this small could come from the draw alone: three standard errors of a difference
        # of shares (with twenty settings, two would call one of them "deciding" by chance).
        overall = float(table["holds"].mean()) if len(table) else np.nan
        noise = 3 * math.sqrt(overall * (1 - overall) * (1 / max(len(low), 1) + 1 / max(len(high), 1)))
        swing = abs(share_high - share_low)
        rows.append((name, share_low, share_high, swing, noise, bool(swing > noise)))
    drivers = pd.DataFrame(rows, columns=["parameter", "share_low_half", "share_high_half", "swing", "noise", "decides"])
    return drivers.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def analyse(model, verdict, params, *, fixed=None, names=None, steps=21, samples=128, seed=0,
            rounds=6, ranges=None) -> FlipReport:
    """Find where a verdict flips, one setting at a time and all settings together.

    Parameters
    ----------
    model : callable
        Called as ``model(**settings)``; returns a result that ``verdict.measure`` reads.
    verdict : Verdict
        The claim to test.
    params : dict of Param
        The model's settings with their defaults and allowed ranges (a module's ``PARAMS``).
        :class:`~smlearn.params.Choice` records are left at their defaults.
    fixed : dict, optional
        Settings held at the given values and never varied (a seed, a smaller size).
    names : list of str, optional
        The settings to vary; by default every numeric one not in ``fixed``.
    steps : int
        Grid points across each setting's range in the one-at-a-time sweep.
    samples : int
        Settings drawn together from the Latin hypercube.
    seed : int
        Seed of the Latin hypercube, so the share is the same on every run.
    ranges : dict of name -> (low, high), optional
        Plausible ranges for some settings, inside their allowed ranges and holding their
        defaults. Without them every setting moves across its whole allowed (slider) range,
        which can include values no one would defend; the sentence says which was used.
    rounds : int
        Extra runs per setting that flips, each halving the gap between the two sweep
        values around the flip (0 to 20), so a flip point is right to a 64th of a step
        (a whole-number setting is halved until its exact flip, however many rounds it takes).

    Returns
    -------
    FlipReport
        ``holds_at_default``; ``points`` (one row per setting: its flip point
        ``flips_at``, NaN when it never flips, and ``flips_when`` "above" or "below");
        ``sweeps`` (every one-at-a-time run); ``samples`` (every joint run);
        ``share`` (the share of joint runs where the verdict holds); ``drivers`` (how
        often it holds in each half of each setting's range, sorted by the gap, with
        ``noise``, three standard errors of that gap, and ``decides``, True when the gap
        is larger than the noise); and
        ``refused``, the joint draws the model refused as impossible together, which
        are left out of ``share``.

    Raises
    ------
    TypeError, ValueError
        If an argument is of the wrong kind or out of range (each message names it), if
        the analysis would ask for more than ``MAX_RUNS`` model runs, or if the model
        refuses its own default settings.
    """
    fixed, names = _check_inputs(model, verdict, params, fixed, names, steps, samples, seed, rounds)
    if ranges is not None:
        params = narrowed(params, ranges, names)
    base = {name: p.default for name, p in params.items() if name not in fixed}
    base.update(fixed)
    default_measure = _run(model, verdict, base)
    if default_measure is None or default_measure != default_measure:
        raise ValueError(f"the model gives no measure for {verdict.claim!r} at its default settings")
    default_holds = verdict.holds_for(default_measure)

    sweeps, points = [], []
    for name in names:
        table, point = _sweep_one(model, verdict, base, name, params[name], steps, default_holds, rounds)
        sweeps.append(table)
        points.append(point)

    ps = [params[name] for name in names]
    drawn = _latin_hypercube(ps, samples, seed)
    joint = pd.DataFrame(drawn, columns=names)
    measures = []
    for row in drawn:
        settings = dict(base)
        for p, value in zip(ps, row):
            settings[p.name] = _as_setting(p, value)
        measure = _run(model, verdict, settings)
        measures.append(np.nan if measure is None else measure)
    joint["measure"] = measures
    usable = joint["measure"].notna()
    joint["holds"] = [verdict.holds_for(m) if ok else np.nan for m, ok in zip(joint["measure"], usable)]
    kept = joint[usable].astype({"holds": bool})
    share = float(kept["holds"].mean()) if len(kept) else np.nan

    return FlipReport(
        verdict=verdict, params={name: params[name] for name in names}, defaults=base,
        default_measure=default_measure, holds_at_default=default_holds,
        points=pd.DataFrame(points), sweeps=pd.concat(sweeps, ignore_index=True), samples=joint,
        drivers=_drivers(kept, names, params), share=share, refused=int((~usable).sum()), fixed=dict(fixed),
        narrowed=ranges is not None,
    )


def flip_point(report: FlipReport, name: str) -> float:
    """The value of setting ``name`` at which the verdict flips (NaN if it never does in range)."""
    if not isinstance(report, FlipReport):
        raise TypeError(f"report must be a FlipReport from flips.analyse; got {type(report).__name__}")
    check_text("name", name)
    rows = report.points[report.points["parameter"] == name]
    if rows.empty:
        raise ValueError(f"name must be one of the settings analysed ({', '.join(report.points['parameter'])}); "
                         f"got {name!r}")
    return float(rows["flips_at"].iloc[0])

"""Model parameters: one record per parameter, shared by models, checks and sliders.

Every model module declares a ``PARAMS`` dictionary of :class:`Param` records.
The model checks its inputs against those records, and an explorer builds its
sliders from the same records, so a slider can never offer a value the model
rejects and the two can never drift apart.

Examples
--------
>>> hours = Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week")
>>> hours.check(12)
12.0
>>> hours.check(50)
Traceback (most recent call last):
...
ValueError: hours must be between 0.0 and 40.0 (hours/week); got 50
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Param", "Choice", "FrozenParams", "defaults_from", "check_params", "check_seed", "params_table",
           "check_number", "check_flag", "check_text", "check_path", "check_items", "check_table",
           "check_graph", "check_instance", "check_level", "check_resamples", "default_of", "defaults"]


# Units that name a position on a scale, not an amount: a stop in week 26 is "week 26" (where),
# while a horizon of 26 weeks is "26 weeks" (how much). Such a unit is said before the value.
POSITION_UNITS = frozenset({"week", "day", "month", "year", "number", "step"})


@dataclass(frozen=True)
class Param:
    """A named model parameter with its default, its allowed range and its unit.

    Parameters
    ----------
    name : str
        The keyword the model function takes.
    default : float or int
        The value used when the caller gives none.
    min, max : float or int
        The allowed range, both ends included.
    step : float or int
        The slider step. An integer step and integer bounds make an integer parameter.
    label : str
        Short words for a slider or an axis.
    unit : str
        The unit, in words ("visits/week", "share of visitors").
    doc : str
        One sentence that says what the parameter means.
    """

    name: str
    default: float
    min: float
    max: float
    step: float
    label: str
    unit: str = ""
    doc: str = ""

    @property
    def integer(self) -> bool:
        """True when the parameter only takes whole numbers."""
        return all(isinstance(v, int) for v in (self.default, self.min, self.max, self.step))

    @property
    def unit_first(self) -> bool:
        """True when the unit names a position, which people say before the number ("week 26").

        A unit for an amount goes after it ("26 weeks", "5 hours/week"); see :data:`POSITION_UNITS`.
        """
        return self.unit in POSITION_UNITS

    def spoken(self, shown) -> str:
        """The value with its unit as a person says it: ``"week 26"``, ``"5.0 hours/week"``.

        ``shown`` is the value as the slider shows it (a number or its text). A screen reader
        says this for the slider (smlearn.widgets).

        >>> Param("stop_period", 26, 1, 52, 1, "Last week of effort", "week").spoken(26)
        'week 26'
        >>> Param("periods", 52, 4, 156, 1, "Horizon", "weeks").spoken("52")
        '52 weeks'
        """
        if isinstance(shown, bool) or not isinstance(shown, (str, numbers.Real)) or not str(shown).strip():
            raise TypeError(f"shown must be the value as a number or its text; got {shown!r}")
        shown = str(shown).strip()
        if not self.unit:
            return shown
        return f"{self.unit} {shown}" if self.unit_first else f"{shown} {self.unit}"

    def check(self, value):
        """Return ``value`` as a number if it is allowed, else raise a clear error.

        Raises
        ------
        TypeError
            If ``value`` is not a real number (booleans are refused too), or is a
            fraction where a whole number is needed.
        ValueError
            If ``value`` is not finite or lies outside ``[min, max]``.
        """
        unit = f" ({self.unit})" if self.unit else ""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{self.name} must be a number{unit}; got {value!r} of type {type(value).__name__}")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{self.name} must be a finite number{unit}; got {value!r}")
        original = value
        if self.integer:
            if int(value) != value:
                raise TypeError(f"{self.name} must be a whole number{unit}; got {value!r}")
            value = int(value)
        else:
            value = float(value)
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.name} must be between {self.min} and {self.max}{unit}; got {original!r}")
        return value


@dataclass(frozen=True)
class Choice:
    """A parameter that takes one of a few named options (an explorer shows a drop-down).

    Parameters
    ----------
    name : str
        The keyword the model function takes.
    default : str or bool
        The option used when the caller gives none; one of ``options``.
    options : tuple
        The allowed options, in the order a drop-down shows them.
    label, doc : str
        Short words for the control; one sentence that says what it means.

    Examples
    --------
    >>> rule = Choice("rule", "hot", ("score", "hot", "wilson"), "Ranking rule")
    >>> rule.check("wilson")
    'wilson'
    >>> rule.check("new")
    Traceback (most recent call last):
    ...
    ValueError: rule must be one of 'score', 'hot', 'wilson'; got 'new'
    """

    name: str
    default: object
    options: tuple
    label: str
    doc: str = ""

    def __post_init__(self):
        if self.default not in self.options:
            raise ValueError(f"the default of {self.name} ({self.default!r}) is not one of its options {self.options}")

    def check(self, value):
        """Return the option equal to ``value``, else raise a ValueError listing the options.

        A numpy string or number from a table matches its plain equal, but a True/False
        only matches a True/False: ``1 == True`` in Python, and a flag is not a number.
        """
        for option in self.options:
            try:
                same = bool(value == option)
            except (TypeError, ValueError):     # an array, say: not one option
                same = False
            if same and _is_flag(value) == _is_flag(option):
                return option
        allowed = ", ".join(repr(o) for o in self.options)
        raise ValueError(f"{self.name} must be one of {allowed}; got {value!r}")


def _is_flag(value) -> bool:
    kind = type(value)   # numpy's bool is numpy.bool (numpy.bool_ before 2.0); no need to import numpy here
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"))


class FrozenParams(Mapping):
    """The checked parameters of one model run: read-only, so copying it is free.

    Models keep these in ``result.attrs["params"]``. pandas deep-copies ``attrs`` on
    every operation on a table (each filter, each column), so a plain dict there costs
    a few milliseconds per slider move; an immutable record can be shared instead.

    Examples
    --------
    >>> import copy
    >>> p = FrozenParams({"hours": 5.0})
    >>> p["hours"], copy.deepcopy(p) is p, dict(p)
    (5.0, True, {'hours': 5.0})
    """

    def __init__(self, values: Mapping):
        self._values = dict(values)

    def __getitem__(self, name):
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"FrozenParams({self._values!r})"

    def __eq__(self, other) -> bool:
        return dict(self) == dict(other) if isinstance(other, Mapping) else NotImplemented

    def __deepcopy__(self, memo):
        return self   # nothing in it can change

    def __copy__(self):
        return self


def defaults_from(spec: Mapping):
    """Give a model function its defaults from ``spec``, the model's ``PARAMS``, at each call.

    A model function names its parameters WITHOUT defaults, or takes them all as
    ``**params`` (by that name, naming none of them); this decorator fills in each one the caller leaves out from
    ``spec[name].default`` and shows those defaults in the function's signature
    (``help()``, ``?``). So each default is written once, in ``PARAMS``, and a class
    profile (:mod:`smlearn.profile`) that changes it changes the function too.
    Parameters with a default of their own (``seed=None``) are left alone.

    Examples
    --------
    >>> spec = {"hours": Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week"),
    ...         "rate": Param("rate", 2.0, 0.0, 10.0, 0.5, "Visits per hour")}
    >>> @defaults_from(spec)
    ... def visits(*, hours, rate):
    ...     return hours * rate
    >>> visits(), visits(hours=1.0)
    (10.0, 2.0)
    >>> import inspect
    >>> inspect.signature(visits)
    <Signature (*, hours=5.0, rate=2.0)>
    >>> visits(hour=1.0)
    Traceback (most recent call last):
    ...
    TypeError: visits() got an unexpected keyword argument 'hour': unknown parameter 'hour'; allowed: hours, rate

    With ``**params`` every record of ``spec`` becomes a keyword-only parameter:

    >>> @defaults_from(spec)
    ... def plan(*, seed=None, **params):
    ...     return params
    >>> inspect.signature(plan)
    <Signature (*, hours=5.0, rate=2.0, seed=None)>
    >>> plan(rate=3.0)
    {'rate': 3.0, 'hours': 5.0}
    >>> plan(speed=3.0)
    Traceback (most recent call last):
    ...
    TypeError: plan() got an unexpected keyword argument 'speed': unknown parameter 'speed'; allowed: hours, rate, seed
    """
    check_instance("spec", spec, Mapping, "a model's PARAMS (a dict of Param and Choice records)")

    def decorate(function):
        signature = inspect.signature(function)
        declared = signature.parameters
        places = {name: i for i, name in enumerate(declared)}   # a positional one may come in *args
        # **params (by that name) takes every record of spec, unless the function names some of them
        # itself: then, like **settings, it passes other keywords on.
        takes_any = (any(p.kind is p.VAR_KEYWORD and name == "params" for name, p in declared.items())
                     and not any(name in spec for name in declared))
        filled = [name for name, p in declared.items() if name in spec and p.default is p.empty]
        if takes_any:
            filled += [name for name in spec if name not in declared]
        if not filled:
            raise TypeError(f"{function.__name__} takes no parameter of spec ({', '.join(spec)}) without a default")

        # Shown: the positional parameters, then the spec's names that **params takes, then the
        # other keyword-only ones (seed, noise...); **params itself is not shown, nothing else is taken.
        extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY) for name in filled if name not in declared]
        positional = [p for p in declared.values() if p.kind not in (p.KEYWORD_ONLY, p.VAR_KEYWORD)]
        keyword = [p for p in declared.values() if p.kind is p.KEYWORD_ONLY
                   or p.kind is p.VAR_KEYWORD and not takes_any]
        shown = [p.replace(default=spec[p.name].default) if p.name in filled else p
                 for p in positional + extra + keyword]
        signature = signature.replace(parameters=shown)
        allowed = [p.name for p in shown if p.kind is not p.POSITIONAL_ONLY]
        # A misspelt keyword is told the names it could have meant, unless **settings passes it on.
        known = None if any(p.kind is p.VAR_KEYWORD for p in shown) else set(allowed)

        @functools.wraps(function)
        def with_defaults(*args, **kwargs):
            if known is not None:
                for name in kwargs:
                    if name not in known:
                        raise TypeError(f"{function.__name__}() got an unexpected keyword argument {name!r}:"
                                        f" unknown parameter {name!r}; allowed: {', '.join(allowed)}")
            for name in filled:
                if name not in kwargs and places.get(name, len(args)) >= len(args):
                    kwargs[name] = spec[name].default   # read now: PARAMS is the one place it lives
            return function(*args, **kwargs)

        with_defaults.__signature__ = signature
        with_defaults.__defaults_from__ = spec   # lets a test find every function that reads PARAMS
        return with_defaults

    return decorate


def check_params(spec: dict[str, "Param | Choice"], values: dict) -> dict:
    """Check every value against its :class:`Param`; return the cleaned values.

    Unknown names are refused with the list of names that are allowed, because a
    misspelt keyword would otherwise be silently ignored.

    Examples
    --------
    >>> spec = {"p": Param("p", 0.5, 0.0, 1.0, 0.01, "Probability")}
    >>> check_params(spec, {"p": 1})
    {'p': 1.0}
    >>> check_params(spec, {"q": 1})
    Traceback (most recent call last):
    ...
    TypeError: unknown parameter 'q'; allowed: p
    """
    check_instance("spec", spec, Mapping, "a model's PARAMS (a dict of Param and Choice records)")
    if not isinstance(values, Mapping):
        raise TypeError(f"values must be a dict of parameter values; got {_shown(values)}")
    cleaned = {}
    for name, value in values.items():
        if name not in spec:
            raise TypeError(f"unknown parameter {name!r}; allowed: {', '.join(spec)}")
        cleaned[name] = spec[name].check(value)
    return cleaned


def check_seed(seed):
    """Turn ``seed`` (None, an int >= 0 or a numpy Generator) into a Generator.

    One generator is made once and used for every random draw of a model, so the
    same seed always gives the same result.

    Examples
    --------
    >>> rng = check_seed(42)
    >>> float(rng.random()) == float(check_seed(42).random())
    True
    """
    import numpy as np

    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise TypeError(f"seed must be None, an integer >= 0 or a numpy Generator; got {seed!r}")
    return np.random.default_rng(int(seed))


def params_table(spec: dict, only=None):
    """A table of a model's parameters: default, range, unit and meaning, one row each.

    ``only``, a list of names, keeps those rows in that order (a lesson shows the dials it uses).

    Examples
    --------
    >>> spec = {"hours": Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week", "Time spent.")}
    >>> params_table(spec).loc["hours", "range"]
    '0 to 40'
    >>> params_table(spec, only=["speed"])
    Traceback (most recent call last):
    ...
    ValueError: only names parameters the model does not have: speed; it has: hours
    """
    import pandas as pd

    check_instance("spec", spec, dict, "a model's PARAMS (a dict of Param and Choice records)")
    if only is not None:
        if isinstance(only, str):
            raise TypeError(f"only must be a list of parameter names, not one string; got {only!r}")
        check_items("only", only, what="parameter names")
        unknown = [name for name in only if not isinstance(name, str) or name not in spec]
        if unknown:
            raise ValueError(f"only names parameters the model does not have: {', '.join(map(str, unknown))};"
                             f" it has: {', '.join(spec)}")
        spec = {name: spec[name] for name in only}
    rows = []
    for name, p in spec.items():
        if isinstance(p, Choice):
            rows.append((name, str(p.default), ", ".join(map(str, p.options)), "", p.doc))
        else:
            rows.append((name, f"{p.default:g}", f"{p.min:g} to {p.max:g}", p.unit, p.doc))
    return pd.DataFrame(rows, columns=["parameter", "default", "range", "unit", "meaning"]).set_index("parameter")


# ---------------------------------------------------------------------------------------------
# Checks for arguments that are not a model's slider parameters. Each returns the cleaned
# value or raises a TypeError / ValueError in the same words as Param.check:
# "<name> must be ...; got <value>", so an error names what to change.

def _shown(value) -> str:
    """Short words for a bad value in an error message."""
    kind = type(value).__name__
    if kind == "DataFrame":
        return "an empty table" if value.empty else f"a table of {len(value)} rows"
    if kind.endswith("Graph"):
        return f"a network of {value.number_of_nodes()} people"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} of type {kind}"


def check_number(name: str, value, low=None, high=None, *, integer: bool = False, unit: str = "",
                 low_open: bool = False):
    """Return ``value`` as a float (an int if ``integer``) if it is a finite number in range.

    ``low`` and ``high`` are included unless ``low_open`` (then ``value`` must be above ``low``).
    Booleans, strings, None, NaN and infinities are refused.

    Examples
    --------
    >>> check_number("share", 0.25, 0, 1)
    0.25
    >>> check_number("hours", -1, 0)
    Traceback (most recent call last):
    ...
    ValueError: hours must be at least 0; got -1
    """
    unit = f" ({unit})" if unit else ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or _is_flag(value):
        raise TypeError(f"{name} must be a number{unit}; got {_shown(value)}")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{name} must be a finite number{unit}; got {value!r}")
    original = value
    if integer:
        if int(value) != value:
            raise TypeError(f"{name} must be a whole number{unit}; got {value!r}")
        value = int(value)
    else:
        value = float(value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and value > high
    if too_low or too_high:
        if low is not None and high is not None:
            rule = f"above {low} and at most {high}" if low_open else f"between {low} and {high}"
        elif low is not None:
            rule = f"above {low}" if low_open else f"at least {low}"
        else:
            rule = f"at most {high}"
        raise ValueError(f"{name} must be {rule}{unit}; got {original!r}")
    return value


def check_flag(name: str, value) -> bool:
    """Return ``value`` if it is True or False (a numpy bool too), else raise a TypeError."""
    if not _is_flag(value):
        raise TypeError(f"{name} must be True or False; got {_shown(value)}")
    return bool(value)


def check_text(name: str, value, *, allow_empty: bool = False) -> str:
    """Return ``value`` if it is a string (a non-empty one unless ``allow_empty``)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {_shown(value)}")
    if not allow_empty and not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value


def check_path(name: str, value, *, file: bool = False):
    """Return ``value`` as a ``pathlib.Path`` if it is a string or a path, else raise a TypeError.

    With ``file=True`` a folder is refused too (ValueError), and a missing file (FileNotFoundError):
    the caller reads a file.
    """
    import os
    from pathlib import Path

    if not isinstance(value, (str, os.PathLike)) or (isinstance(value, str) and not value.strip()):
        raise TypeError(f"{name} must be a path (a string or a pathlib.Path); got {_shown(value)}")
    if file and Path(value).is_dir():
        raise ValueError(f"{name} must be a file, not a folder; got {str(value)!r}")
    if file and not Path(value).exists():
        raise FileNotFoundError(f"{name} must be an existing file; there is no file {str(value)!r}")
    return Path(value)


def check_items(name: str, value, *, what: str = "items", allow_empty: bool = False) -> list:
    """Return ``value`` as a list if it is a list, tuple, range, array or other collection of items.

    One string, a number, None, a table or a mapping are refused (a string is not a list of names).
    """
    from collections.abc import Iterable

    kind = type(value).__name__
    if (isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable) or kind == "DataFrame"
            or kind.endswith("Graph")):
        raise TypeError(f"{name} must be a list of {what}; got {_shown(value)}")
    items = list(value)
    if not items and not allow_empty:
        raise ValueError(f"{name} must hold at least one of {what}; got an empty {kind}")
    return items


def check_table(name: str, value, columns=(), *, what: str = "a table"):
    """Return ``value`` if it is a pandas DataFrame with rows and the named ``columns``."""
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be {what} (a pandas DataFrame); got {_shown(value)}")
    if value.empty:
        raise ValueError(f"{name} must be {what} with rows; got an empty table")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{name} must be {what} with the columns {', '.join(map(str, columns))};"
                         f" it lacks {', '.join(map(str, missing))}")
    return value


def check_graph(name: str, value, *, what: str = "a network"):
    """Return ``value`` if it is a networkx graph with at least one person in it."""
    import networkx as nx

    if not isinstance(value, nx.Graph):
        raise TypeError(f"{name} must be {what} (a networkx graph); got {_shown(value)}")
    if value.number_of_nodes() == 0:
        raise ValueError(f"{name} must be {what} with people in it; got an empty network")
    return value


def check_instance(name: str, value, kind, what: str):
    """Return ``value`` if it is an instance of ``kind`` (a type or a tuple of types), else a TypeError.

    ``what`` says in words what is expected, e.g. "the result of front_page.simulate".
    An empty table or network is refused too.
    """
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise TypeError(f"{name} must be {what}; got {_shown(value)}")
    kind_name = type(value).__name__
    if (kind_name == "DataFrame" and value.empty) or (kind_name.endswith("Graph") and value.number_of_nodes() == 0):
        raise ValueError(f"{name} must be {what}; got {_shown(value)}")
    if isinstance(value, Mapping) and not value:
        raise ValueError(f"{name} must be {what}; got an empty {kind_name}")
    return value


def default_of(function, name: str):
    """The value ``function`` uses for its parameter ``name`` when a caller leaves it out.

    Read from the function's signature, so it is right for a model function whose
    defaults come from ``PARAMS`` (:func:`defaults_from`, a class profile) as for any other.
    The course's checked facts use it to quote a default.

    Examples
    --------
    >>> def visits(*, hours=5.0):
    ...     return hours
    >>> default_of(visits, "hours")
    5.0
    >>> default_of(visits, "rate")
    Traceback (most recent call last):
    ...
    ValueError: name must be a parameter of visits with a default; its parameters with defaults: hours
    """
    if not callable(function):
        raise TypeError(f"function must be callable; got {type(function).__name__}")
    check_text("name", name)
    parameters = {key: value for key, value in inspect.signature(function).parameters.items()
                  if value.default is not inspect.Parameter.empty}
    if name not in parameters:
        raise ValueError(f"name must be a parameter of {getattr(function, '__name__', 'the function')} with a default; "
                         f"its parameters with defaults: {', '.join(parameters) or 'none'}")
    return parameters[name].default


def defaults(spec: Mapping) -> dict:
    """A model's default settings as a plain dict, name -> value, read from its ``PARAMS``.

    For working a model's equation by hand at its defaults (``p["network_size"]``);
    a class profile changes these with the model.

    Examples
    --------
    >>> defaults({"hours": Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week")})
    {'hours': 5.0}
    """
    check_instance("spec", spec, Mapping, "a model's PARAMS (a dict of Param and Choice records)")
    return {name: record.default for name, record in spec.items()}


def check_level(level) -> float:
    """Return ``level``, an interval's confidence level, if it is a number strictly between 0 and 1.

    Examples
    --------
    >>> check_level(0.95)
    0.95
    >>> check_level(95)
    Traceback (most recent call last):
    ...
    ValueError: level must be a number between 0 and 1 (0.95 = 95 %); got 95
    """
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be a number between 0 and 1 (0.95 = 95 %); got {level!r}")
    return float(level)


def check_resamples(n_resamples, name: str = "n_resamples") -> int:
    """Return ``n_resamples``, a number of bootstrap resamples or draws, if it is a whole number from 100 to 100,000.

    Examples
    --------
    >>> check_resamples(2000)
    2000
    """
    return check_number(name, n_resamples, 100, 100_000, integer=True)

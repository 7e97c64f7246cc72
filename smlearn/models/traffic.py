r"""Push vs pull: website traffic from mass messages to your contacts and from content.

The claim
---------
The source articles say that **networking pushes** people you already know toward
your website (you ask them to visit), while **content marketing pulls** in people
who are searching for what you wrote about. They add two more claims: pushed
visitors turn into customers less often, and content keeps bringing visitors after
you stop working on it. This model turns each claim into an equation you can test.

The model
---------
Time goes in weeks, ``t = 1, 2, ..., periods``. You put effort into BOTH channels in
weeks ``1..stop_period`` and stop after that.

*Push (mass messages to your contacts).* In an active week you spend ``h`` hours asking
contacts to visit. The first hours reach the easiest contacts, so more hours help less
and less (diminishing returns):

.. math::

    s_t = 1 - e^{-h_t / \text{saturation\_hours}}

Contacts tire of being asked. Their responsiveness ``f`` starts at 1, drops with
every week of asking (``fatigue``) and recovers when they are left alone (``recovery``):

.. math::

    f_{t+1} = f_t - \text{fatigue}\, s_t f_t + \text{recovery}\,(1 - f_t), \qquad f_1 = 1

    \text{new}_t = \text{network\_size} \cdot \text{click\_rate} \cdot f_t \cdot s_t

A share ``echo`` of last week's visitors comes back or passes the link on:

.. math::

    \text{visits}_t = \text{new}_t + \text{echo} \cdot \text{visits}_{t-1}

So once you stop asking, push visits shrink by the factor ``echo`` each week: with
``echo = 0.3`` they are gone within a few weeks (claim: push stops when you stop).

*Pull (content found by search).* You publish ``posts_per_period`` pieces a week. A
piece of age ``a = 0, 1, 2, ...`` weeks brings

.. math::

    g(a) = \text{max\_search\_visits} \cdot \text{content\_quality}
           \cdot \left(1 - e^{-(a+1)/\text{ramp\_periods}}\right)
           \cdot 0.5^{\,a / \text{content\_half\_life}}

visits a week: it takes a few weeks to be found and linked (the ramp), then it slowly
goes out of date (the half-life). Traffic in week ``t`` adds up every piece published
so far (a convolution):

.. math::

    \text{visits}_t = \sum_{s \le t} \text{pieces}_s \, g(t - s)

So pull traffic compounds while you publish and persists after you stop (claim: pull
keeps working).

*Funnel and cost (both channels).* ``leads = visits * lead_rate`` and
``customers = leads * close_rate``, with separate rates per channel (claim: pushed
visitors convert badly). Hours are ``push_hours`` a week for push and
``pieces * hours_per_post`` for pull; ``cost = hours * hourly_cost``.

With ``noise=True`` the counts are random whole numbers around those expected values:
visits ~ Poisson(expected visits), leads ~ Binomial(visits, lead_rate),
customers ~ Binomial(leads, close_rate).

Every default in :data:`PARAMS` is ILLUSTRATIVE: chosen to be plausible for a small
business, not measured. Change them and see whether the claims still hold.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the two channels sit in different cells. Pull
is ``find-broadcast``: strangers find your content by search. Push is ``ties-broadcast``:
the same request to visit goes out to everyone you know, a broadcast that travels through
your ties. It is not social networking in the sources' sense, which is two-way.

Examples
--------
>>> from smlearn.models import traffic
>>> result = traffic.simulate()
>>> traffic.crossover_period(result)       # first week pull brings more visits than push
10
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smlearn.params import FrozenParams, Param, check_items, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-broadcast")

__all__ = ["PARAMS", "simulate", "crossover_period", "cost_per_customer", "cost_by_horizon", "persistence", "summarize",
           "check_result"]

# One record per parameter: default, range (min, max, step), label, unit and meaning.
# The model checks its inputs against these records and the explorer builds its sliders
# from them. All defaults are ILLUSTRATIVE, not measured. These literals are the defaults the
# course ships; a class profile (smlearn.profile) may change them, and simulate() follows.
_PARAM_LIST = [
    # Time
    Param("periods", 52, 4, 156, 1, "Horizon", "weeks",
          "How many weeks to simulate."),
    Param("stop_period", 26, 0, 156, 1, "Last week of effort", "week",
          "Effort on both channels happens in weeks 1..stop_period and stops after it."),
    # Push: mass messages to your contacts (ties, broadcast)
    Param("push_hours", 5.0, 0.0, 40.0, 0.5, "Outreach time", "hours/week",
          "Hours a week spent asking your contacts to visit your website."),
    Param("network_size", 300, 10, 5000, 10, "Network size", "people",
          "How many people you can ask: past customers, club members, friends (a contact list, not only close ties)."),
    Param("click_rate", 0.25, 0.0, 1.0, 0.01, "Click rate", "share",
          "Share of the contacts you reach who actually visit."),
    Param("saturation_hours", 4.0, 0.5, 20.0, 0.5, "Saturation time", "hours",
          "Hours of outreach in a week that reach about 63% of the contacts you could reach."),
    Param("fatigue", 0.15, 0.0, 1.0, 0.01, "Fatigue", "per week",
          "How fast contacts tire of being asked, per week of full outreach."),
    Param("recovery", 0.05, 0.0, 1.0, 0.01, "Recovery", "per week",
          "How fast tired contacts become responsive again when left alone."),
    Param("echo", 0.3, 0.0, 0.95, 0.05, "Echo", "share",
          "Share of last week's push visits that come back or are passed on."),
    # Pull: content found by search
    Param("posts_per_period", 1.0, 0.0, 10.0, 0.5, "Publishing rate", "pieces/week",
          "Pieces of content published per week."),
    Param("hours_per_post", 5.0, 0.5, 40.0, 0.5, "Time per piece", "hours/piece",
          "Hours needed to write and publish one piece."),
    Param("content_quality", 0.5, 0.0, 1.0, 0.05, "Content quality", "0 to 1",
          "How useful the content is to searchers, from 0 (useless) to 1 (the best); scales every piece's search visits."),
    Param("max_search_visits", 20.0, 0.0, 500.0, 5.0, "Search visits per piece", "visits/week",
          "Weekly search visits of a mature piece of the best quality."),
    Param("ramp_periods", 8.0, 1.0, 52.0, 1.0, "Ramp-up time", "weeks",
          "Time scale for a new piece to be found, indexed and linked."),
    Param("content_half_life", 52.0, 1.0, 520.0, 1.0, "Content half-life", "weeks",
          "Weeks after which a piece brings half the visits it would if it never aged."),
    # Funnel and cost
    Param("lead_rate_push", 0.02, 0.0, 1.0, 0.005, "Lead rate, push", "per visit",
          "Share of pushed visitors who become leads (sign up, ask for a quote)."),
    Param("lead_rate_pull", 0.04, 0.0, 1.0, 0.005, "Lead rate, pull", "per visit",
          "Share of visitors from search who become leads."),
    Param("close_rate_push", 0.1, 0.0, 1.0, 0.01, "Close rate, push", "per lead",
          "Share of leads from outreach who become customers."),
    Param("close_rate_pull", 0.2, 0.0, 1.0, 0.01, "Close rate, pull", "per lead",
          "Share of leads from search who become customers."),
    Param("hourly_cost", 40.0, 0.0, 500.0, 5.0, "Cost of an hour", "$/hour",
          "What an hour of your time costs, on either channel."),
]
PARAMS: dict[str, Param] = apply_profile("traffic", {p.name: p for p in _PARAM_LIST})

CHANNELS = ("push", "pull")
_COUNTS = ["hours", "visits", "leads", "customers", "cost"]
COLUMNS = ["period", "channel", *_COUNTS, "cum_visits", "cum_leads", "cum_customers", "cum_cost"]


@defaults_from(PARAMS)
def simulate(*, periods, stop_period, push_hours, network_size, click_rate, saturation_hours, fatigue, recovery,
             echo, posts_per_period, hours_per_post, content_quality, max_search_visits, ramp_periods,
             content_half_life, lead_rate_push, lead_rate_pull, close_rate_push, close_rate_pull, hourly_cost,
             noise=False, seed=None) -> pd.DataFrame:
    """Simulate weekly website traffic from push (outreach) and pull (content).

    Every parameter is keyword-only; its default, range and step are in :data:`PARAMS` (the defaults
    are illustrative, and a class profile may change them).

    Parameters
    ----------
    periods : int, weeks
        How many weeks to simulate.
    stop_period : int, week
        Effort on both channels happens in weeks 1..stop_period and stops after it.
    push_hours : float, hours/week
        Hours a week spent asking your contacts to visit your website.
    network_size : int, people
        How many people you can ask: past customers, club members, friends (a contact list, not only
        close ties).
    click_rate : float, share
        Share of the contacts you reach who actually visit.
    saturation_hours : float, hours
        Hours of outreach in a week that reach about 63% of the contacts you could reach.
    fatigue : float, per week
        How fast contacts tire of being asked, per week of full outreach.
    recovery : float, per week
        How fast tired contacts become responsive again when left alone.
    echo : float, share
        Share of last week's push visits that come back or are passed on.
    posts_per_period : float, pieces/week
        Pieces of content published per week.
    hours_per_post : float, hours/piece
        Hours needed to write and publish one piece.
    content_quality : float, 0 to 1
        How useful the content is to searchers, from 0 (useless) to 1 (the best); scales every
        piece's search visits.
    max_search_visits : float, visits/week
        Weekly search visits of a mature piece of the best quality.
    ramp_periods : float, weeks
        Time scale for a new piece to be found, indexed and linked.
    content_half_life : float, weeks
        Weeks after which a piece brings half the visits it would if it never aged.
    lead_rate_push : float, per visit
        Share of pushed visitors who become leads (sign up, ask for a quote).
    lead_rate_pull : float, per visit
        Share of visitors from search who become leads.
    close_rate_push : float, per lead
        Share of leads from outreach who become customers.
    close_rate_pull : float, per lead
        Share of leads from search who become customers.
    hourly_cost : float, $/hour
        What an hour of your time costs, on either channel.
    noise : bool, default False
        False gives expected values (floats). True draws random whole numbers:
        visits ~ Poisson(expected), leads ~ Binomial(visits, lead_rate),
        customers ~ Binomial(leads, close_rate).
    seed : None, int >= 0 or numpy.random.Generator, optional
        Seed of the one random generator used for every draw (only used when
        ``noise=True``, but always checked).

    Returns
    -------
    pandas.DataFrame
        A tidy table with ``2 * periods`` rows: channel "push" weeks 1..periods, then
        channel "pull" weeks 1..periods. Columns: period, channel, hours, visits,
        leads, customers, cost, and the running totals cum_visits, cum_leads,
        cum_customers, cum_cost. ``result.attrs["params"]`` holds the checked
        parameters.

    Raises
    ------
    TypeError
        If a parameter is not a number (or a whole number where one is needed), if a
        keyword is unknown, if ``noise`` is not a bool, or if ``seed`` is invalid.
    ValueError
        If a parameter is not finite or lies outside its range.

    Notes
    -----
    The equations are in the module docstring (``smlearn.models.traffic?``).
    The push channel needs a loop over weeks (each week depends on the week before);
    the pull channel is one convolution.

    Examples
    --------
    Two channels, 52 weeks each:

    >>> result = simulate()
    >>> result.shape
    (104, 11)

    In week 1 outreach brings many visits at once, while a new piece of content is
    barely found yet:

    >>> week1 = result[result["period"] == 1].set_index("channel")["visits"]
    >>> week1.round(1).to_dict()
    {'push': 53.5, 'pull': 1.2}

    Over the year, pull brings more customers for the same hours:

    >>> totals = result.groupby("channel", sort=False)[["hours", "customers"]].sum()
    >>> totals.round(1).T
    channel     push   pull
    hours      130.0  130.0
    customers    1.9   49.7

    With ``noise=True`` the counts are random whole numbers; a seed makes them repeatable:

    >>> noisy = simulate(noise=True, seed=1)
    >>> noisy.equals(simulate(noise=True, seed=1))
    True
    """
    # Check every input at the top, so a mistake is reported before anything runs.
    p = check_params(PARAMS, {"periods": periods, "stop_period": stop_period, "push_hours": push_hours,
                              "network_size": network_size, "click_rate": click_rate,
                              "saturation_hours": saturation_hours, "fatigue": fatigue, "recovery": recovery,
                              "echo": echo, "posts_per_period": posts_per_period,
                              "hours_per_post": hours_per_post, "content_quality": content_quality,
                              "max_search_visits": max_search_visits, "ramp_periods": ramp_periods,
                              "content_half_life": content_half_life, "lead_rate_push": lead_rate_push,
                              "lead_rate_pull": lead_rate_pull, "close_rate_push": close_rate_push,
                              "close_rate_pull": close_rate_pull, "hourly_cost": hourly_cost})
    if not isinstance(noise, (bool, np.bool_)):
        raise TypeError(f"noise must be True or False; got {noise!r} of type {type(noise).__name__}")
    rng = check_seed(seed)

    weeks = np.arange(1, p["periods"] + 1)   # t = 1, 2, ..., periods
    active = weeks <= p["stop_period"]      # True in the weeks with effort

    # ---- Push: mass messages to your contacts -------------------------------------
    push_hours_t = np.where(active, p["push_hours"], 0.0)
    reach = 1 - np.exp(-push_hours_t / p["saturation_hours"])   # s_t, diminishing returns
    push_visits = np.empty(p["periods"])
    f = 1.0            # responsiveness of your contacts; 1 = fresh, 0 = fed up
    previous = 0.0     # last week's push visits
    for i in range(p["periods"]):
        new = p["network_size"] * p["click_rate"] * f * reach[i]
        push_visits[i] = new + p["echo"] * previous
        previous = push_visits[i]
        # Asking tires contacts; rest lets them recover. (The clip only guards rounding.)
        f = f - p["fatigue"] * reach[i] * f + p["recovery"] * (1 - f)
        f = min(max(f, 0.0), 1.0)

    # ---- Pull: content found by search ---------------------------------------
    pieces = np.where(active, p["posts_per_period"], 0.0)
    age = np.arange(p["periods"])   # a = 0, 1, 2, ...
    g = (p["max_search_visits"] * p["content_quality"]
         * (1 - np.exp(-(age + 1) / p["ramp_periods"]))   # being found and linked
         * 0.5 ** (age / p["content_half_life"]))          # going out of date
    pull_visits = np.convolve(pieces, g)[: p["periods"]]     # add up every piece so far
    pull_hours_t = pieces * p["hours_per_post"]

    # ---- Funnel and cost, one channel after the other, one generator -----------
    push = _funnel(push_hours_t, push_visits, p["lead_rate_push"], p["close_rate_push"],
                   p["hourly_cost"], noise, rng)
    pull = _funnel(pull_hours_t, pull_visits, p["lead_rate_pull"], p["close_rate_pull"],
                   p["hourly_cost"], noise, rng)

    # ---- One tidy table: all push weeks, then all pull weeks -------------------
    table = {"period": np.concatenate([weeks, weeks]),
             "channel": np.repeat(np.array(CHANNELS, dtype=object), p["periods"])}
    for column in push:
        table[column] = np.concatenate([push[column], pull[column]])
    result = pd.DataFrame(table)
    result.attrs["params"] = FrozenParams(p)   # read-only: pandas copies attrs on every operation
    return result


def _funnel(hours, visits, lead_rate, close_rate, hourly_cost, noise, rng):
    """Turn one channel's weekly hours and expected visits into the table's columns."""
    if noise:
        visits = rng.poisson(visits)
        leads = rng.binomial(visits, lead_rate)
        customers = rng.binomial(leads, close_rate)
    else:
        leads = visits * lead_rate
        customers = leads * close_rate
    cost = hours * hourly_cost
    return {"hours": hours, "visits": visits, "leads": leads, "customers": customers, "cost": cost,
            "cum_visits": np.cumsum(visits), "cum_leads": np.cumsum(leads),
            "cum_customers": np.cumsum(customers), "cum_cost": np.cumsum(cost)}


# ---- Measurements on a result ------------------------------------------------------

def check_result(result, columns=COLUMNS):
    """Raise a clear error unless ``result`` is a table from :func:`simulate` with ``columns`` and both channels.

    Examples
    --------
    >>> check_result([1, 2])
    Traceback (most recent call last):
    ...
    TypeError: result must be a pandas DataFrame from simulate(); got list
    """
    if not isinstance(result, pd.DataFrame):
        raise TypeError(f"result must be a pandas DataFrame from simulate(); got {type(result).__name__}")
    columns = check_items("columns", columns, what="column names")
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise ValueError(f"result is missing the column(s) {', '.join(missing)}; "
                         f"it has: {', '.join(map(str, result.columns))}")
    absent = [c for c in CHANNELS if not (result["channel"] == c).any()]
    if absent:
        raise ValueError(f"result has no rows for channel(s) {', '.join(absent)}; "
                         f"it needs both {' and '.join(CHANNELS)}")


def _totals(result, columns):
    """Totals of ``columns`` per channel, indexed push, pull."""
    return result.groupby("channel")[columns].sum().reindex(list(CHANNELS))


def crossover_period(result):
    """Return the first week in which pull brings more visits than push.

    Parameters
    ----------
    result : pandas.DataFrame
        A table from :func:`simulate` (needs columns period, channel, visits).

    Returns
    -------
    int or None
        The week number (1-based), or None if pull never overtakes push.

    Raises
    ------
    TypeError
        If ``result`` is not a DataFrame.
    ValueError
        If a needed column or a channel is missing.

    Examples
    --------
    Pull starts slowly but overtakes outreach after a few weeks:

    >>> crossover_period(simulate())
    10

    With no content at all it never does:

    >>> crossover_period(simulate(posts_per_period=0)) is None
    True
    """
    check_result(result, ["period", "channel", "visits"])
    visits = result.set_index(["channel", "period"])["visits"]
    pull_ahead = visits["pull"] > visits["push"]      # one True/False per week
    weeks = pull_ahead.index[pull_ahead]
    return int(weeks[0]) if len(weeks) else None


def cost_per_customer(result):
    """Return total cost divided by total customers, per channel.

    Parameters
    ----------
    result : pandas.DataFrame
        A table from :func:`simulate` (needs columns channel, cost, customers).

    Returns
    -------
    pandas.Series
        Indexed by channel (push, pull), in $ per customer. ``inf`` when a channel
        cost something but won no customer; ``nan`` when it cost nothing and won none.

    Raises
    ------
    TypeError
        If ``result`` is not a DataFrame.
    ValueError
        If a needed column or a channel is missing.

    Examples
    --------
    The same hours buy customers far more cheaply through content:

    >>> cost_per_customer(simulate()).round().to_dict()       # $ per customer
    {'push': 2706.0, 'pull': 105.0}
    """
    check_result(result, ["channel", "cost", "customers"])
    totals = _totals(result, ["cost", "customers"]).astype(float)
    # On purpose: cost/0 gives inf, 0/0 gives nan (and a huge cost/tiny count gives inf).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = totals["cost"].to_numpy() / totals["customers"].to_numpy()
    return pd.Series(ratio, index=totals.index, name="cost_per_customer")


@defaults_from(PARAMS)
def cost_by_horizon(horizons, *, stop_period, push_hours, network_size, click_rate, saturation_hours, fatigue, recovery,
                    echo, posts_per_period, hours_per_post, content_quality, max_search_visits, ramp_periods,
                    content_half_life, lead_rate_push, lead_rate_pull, close_rate_push, close_rate_pull,
                    hourly_cost, noise=False, seed=None):
    """Cost per customer of each channel for every horizon in ``horizons`` (weeks).

    Each horizon is a separate run with ``periods`` set to it and every other parameter
    as given: a sprint of 8 weeks and a marathon of a year, side by side.

    Parameters
    ----------
    horizons : iterable of int
        The horizons to try, in weeks (each within the range of ``periods``).
    stop_period, push_hours, ..., hourly_cost : numbers, keyword-only
        Every parameter of :func:`simulate` but ``periods`` (each horizon sets it), documented
        there; each left out takes its default from :data:`PARAMS` (so a class profile changes it).
    noise : bool, default False
        As for :func:`simulate`: True draws whole numbers of visits, leads and customers at random.
    seed : None, int >= 0 or numpy.random.Generator
        As for :func:`simulate`, the same for every horizon; used only with ``noise``.

    Returns
    -------
    pandas.DataFrame
        One row per horizon (the index, named "horizon"), columns push and pull, in $ per customer.

    Examples
    --------
    Over 8 weeks the channels cost about the same per customer; over a year pull is
    far cheaper:

    >>> cost_by_horizon([8, 52]).round().astype(int)  # doctest: +NORMALIZE_WHITESPACE
    channel  push  pull
    horizon
    8        1886  1805
    52       2706   105
    """
    horizons = check_items("horizons", horizons, what="horizons (weeks)", allow_empty=True)
    rows = {}
    for periods in horizons:
        run = simulate(periods=periods, stop_period=stop_period, push_hours=push_hours,
                       network_size=network_size, click_rate=click_rate, saturation_hours=saturation_hours,
                       fatigue=fatigue, recovery=recovery, echo=echo, posts_per_period=posts_per_period,
                       hours_per_post=hours_per_post, content_quality=content_quality,
                       max_search_visits=max_search_visits, ramp_periods=ramp_periods,
                       content_half_life=content_half_life, lead_rate_push=lead_rate_push,
                       lead_rate_pull=lead_rate_pull, close_rate_push=close_rate_push,
                       close_rate_pull=close_rate_pull, hourly_cost=hourly_cost, noise=noise, seed=seed)
        rows[periods] = cost_per_customer(run)
    if not rows:
        raise ValueError("horizons must name at least one horizon (weeks); got none")
    table = pd.DataFrame(rows).T
    table.index.name = "horizon"
    table.columns.name = "channel"
    return table


def persistence(result):
    """Return the share of each channel's visits that came in weeks without effort.

    In :func:`simulate` those are the weeks after ``stop_period``: a channel with high
    persistence keeps bringing visitors after you stop working on it. A week "without
    effort" is a week with ``hours == 0`` for that channel.

    Parameters
    ----------
    result : pandas.DataFrame
        A table from :func:`simulate` (needs columns channel, hours, visits).

    Returns
    -------
    pandas.Series
        Indexed by channel (push, pull), shares between 0 and 1; ``nan`` for a channel
        with no visits at all.

    Raises
    ------
    TypeError
        If ``result`` is not a DataFrame.
    ValueError
        If a needed column or a channel is missing.

    Examples
    --------
    Effort stops after week 26 of 52. Push visits die out at once; content keeps
    bringing visitors:

    >>> persistence(simulate()).round(2).to_dict()
    {'push': 0.01, 'pull': 0.71}
    """
    check_result(result, ["channel", "hours", "visits"])
    idle = result["hours"] == 0                                  # weeks without effort
    visits = result.assign(idle_visits=result["visits"].where(idle, 0))
    totals = _totals(visits, ["idle_visits", "visits"]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):   # 0/0 -> nan for a channel with no visits
        share = totals["idle_visits"].to_numpy() / totals["visits"].to_numpy()
    return pd.Series(share, index=totals.index, name="persistence")


def summarize(result):
    """Return one row per channel: totals, cost per customer and persistence.

    Parameters
    ----------
    result : pandas.DataFrame
        A table from :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        Indexed by channel (push, pull), with columns hours, visits, leads, customers,
        cost (totals over the horizon), cost_per_customer and persistence.

    Raises
    ------
    TypeError
        If ``result`` is not a DataFrame.
    ValueError
        If a needed column or a channel is missing.

    Examples
    --------
    Equal hours on both channels; content wins more customers, more cheaply, and keeps
    working after week 26 (shown turned on its side, so it fits):

    >>> summarize(simulate()).round(2).T
    channel               push     pull
    hours               130.00   130.00
    visits              960.80  6215.88
    leads                19.22   248.64
    customers             1.92    49.73
    cost               5200.00  5200.00
    cost_per_customer  2706.06   104.57
    persistence           0.01     0.71
    """
    check_result(result, ["channel", *_COUNTS])
    table = _totals(result, _COUNTS).astype(float)
    table["cost_per_customer"] = cost_per_customer(result)
    table["persistence"] = persistence(result)
    return table

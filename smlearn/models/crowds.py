r"""A music market with and without social influence, after MusicLab.

The claim
---------
Source B says social media lets **the crowd decide** what is worth attention. But a crowd
whose members see what the others chose is not a set of independent judges. In 2004-5
Salganik, Dodds and Watts put this to the test with 14,341 people on a music website
("MusicLab"): 48 songs by unknown bands; some listeners saw only the songs, others also
saw how many times each song had been downloaded, in one of eight separate "worlds".
Where people could see the counts, success was more unequal (a few hits took most of
the downloads) and less predictable (the same song did well in one world and badly in
another). Quality still mattered, but only partly. This module is a small model of that
experiment.

The model
---------
There are ``n_songs`` songs. Song ``i`` has a hidden quality :math:`q_i`, the chance that
someone who listens to it downloads it, drawn once from a Beta(12, 18) distribution (mean
0.4; most songs between 0.25 and 0.55). The same songs go into ``n_worlds`` worlds with
social influence and as many independent worlds. In each world there are ``listens``
plays in all, in small groups of ``batch`` (a group sees the counts as they were when it
arrived). Each play picks one song, with probability

.. math::

    P(i) = (1 - \lambda)\,\frac{q_i}{\sum_j q_j} + \lambda\,\frac{d_i + 1}{\sum_j (d_j + 1)}

where :math:`d_i` is the song's downloads so far in that world and :math:`\lambda` is
``influence``: how much listeners follow the counts instead of their own sense of a good
song (the first term: better songs sound a little more appealing from their name and
genre). Independent worlds have :math:`\lambda = 0`. The listener then downloads the song
with probability :math:`q_i`.

The measurements (as defined in the paper)
------------------------------------------
*Market share* of song ``i`` in world ``w``: :math:`m_{iw} = d_{iw} / \sum_k d_{kw}`.

*Gini coefficient* of a world's market shares (0 = all equal, near 1 = one hit takes all):

.. math::

    G = \frac{\sum_i \sum_j |m_i - m_j|}{2 S \sum_k m_k}

*Unpredictability* of song ``i``: the mean absolute difference of its market share over
all pairs of worlds; for the market, the mean over songs:

.. math::

    U_i = \binom{W}{2}^{-1} \sum_{w < v} |m_{iw} - m_{iv}|, \qquad U = \frac{1}{S}\sum_i U_i

*Quality and success*: the Spearman rank correlation of quality and market share.

The defaults follow the paper's design (48 songs, 8 worlds with influence; about 700
listeners a world, each playing a few songs); the quality distribution, the choice rule
and ``influence`` are illustrative, not fitted to the paper's data. Two of them were
*chosen* to land near the paper: the quality distribution sets the independent worlds'
Gini (about 0.26, the paper's 0.20-0.26), and ``influence=0.7`` puts the influenced
worlds' Gini inside the paper's 0.34-0.50 (any influence from about 0.5 to 0.85 would).
So matching the paper's inequality is the calibration, not a finding. What the model
derives beyond it (see :func:`influence_sweep`): inequality and unpredictability rise
together as influence grows, so no setting gives one without the other, and quality
keeps a clear but weaker link with success.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the market is ``find-broadcast``: listeners
find songs on a page and may see what strangers chose.

References
----------
.. [1] M. J. Salganik, P. S. Dodds and D. J. Watts, "Experimental study of inequality and
   unpredictability in an artificial cultural market", Science 311(5762), 854-856 (2006).
.. [2] M. J. Salganik and D. J. Watts, "Leading the herd astray: an experimental study of
   self-fulfilling prophecies in an artificial cultural market", Social Psychology
   Quarterly 71(4), 338-355 (2008).

Examples
--------
>>> from smlearn.models import crowds
>>> market = crowds.simulate(seed=1)
>>> market.metrics.round(3)
                   gini  unpredictability  quality_success
condition
social influence  0.412             0.012            0.716
independent       0.262             0.005            0.887

Seeing the counts made success more unequal (Gini) and less predictable, and it loosened
the link between quality and success.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models import inequality
from smlearn.params import FrozenParams, Param, check_items, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["simulate", "PARAMS", "CONDITIONS", "Market", "influence_sweep", "gini", "unpredictability", "market_shares"]

CONDITIONS = ("social influence", "independent")

_PARAM_LIST = [
    Param("influence", 0.7, 0.0, 1.0, 0.05, "Social influence", "0 to 1",
          "How much listeners in the social-influence worlds choose by download counts instead of by their own taste."),
    Param("n_worlds", 8, 2, 16, 1, "Worlds", "worlds per condition",
          "How many separate worlds each condition has; all start from the same songs."),
    Param("listens", 2500, 100, 5000, 100, "Plays", "plays per world",
          "How many times, in all, a song is played in each world (a listener may play several)."),
    Param("n_songs", 48, 5, 100, 1, "Songs", "songs",
          "How many songs the market offers (MusicLab had 48)."),
    Param("batch", 25, 1, 100, 1, "Group size", "plays",
          "Plays come in groups of this size; a group sees the counts as they were when it arrived."),
]
PARAMS: dict[str, Param] = apply_profile("crowds", {p.name: p for p in _PARAM_LIST})


@dataclass(frozen=True)
class Market:
    """The result of :func:`simulate`.

    Attributes
    ----------
    songs : pandas.DataFrame
        Tidy: one row per world and song: world, condition, song, quality, downloads, share.
    metrics : pandas.DataFrame
        Indexed by condition: gini (mean over worlds), unpredictability and
        quality_success (mean over worlds of the Spearman correlation of quality and share).
    params : FrozenParams
        The checked parameters (read-only).
    worlds : pandas.DataFrame
        One row per world: world, condition, gini (of that world's market shares).
    """

    songs: pd.DataFrame
    metrics: pd.DataFrame
    params: FrozenParams
    worlds: pd.DataFrame


@defaults_from(PARAMS)
def simulate(*, influence, n_worlds, listens, n_songs, batch, seed=None) -> Market:
    """Run the same songs through worlds with and without social influence.

    Every parameter is keyword-only; its default, range and step are in :data:`PARAMS` (the defaults
    are illustrative, and a class profile may change them).

    Parameters
    ----------
    influence : float, 0 to 1
        How much listeners in the social-influence worlds choose by download counts instead of by
        their own taste.
    n_worlds : int, worlds per condition
        How many separate worlds each condition has; all start from the same songs.
    listens : int, plays per world
        How many times, in all, a song is played in each world (a listener may play several).
    n_songs : int, songs
        How many songs the market offers (MusicLab had 48).
    batch : int, plays
        Plays come in groups of this size; a group sees the counts as they were when it arrived.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every draw (qualities, choices, downloads).

    Returns
    -------
    Market

    Raises
    ------
    TypeError, ValueError
        If a parameter is unknown, of the wrong type or outside its range, or the seed is invalid.

    Examples
    --------
    >>> market = simulate(n_worlds=2, seed=1)
    >>> market.songs.groupby("condition", sort=False)["world"].nunique().to_dict()
    {'social influence': 2, 'independent': 2}

    With no influence at all, the two conditions are the same model:

    >>> same = simulate(influence=0.0, seed=1).metrics["gini"]
    >>> bool(abs(same.iloc[0] - same.iloc[1]) < 0.05)
    True
    """
    p = check_params(PARAMS, {"influence": influence, "n_worlds": n_worlds, "listens": listens,
                              "n_songs": n_songs, "batch": batch})
    rng = check_seed(seed)

    W, S = p["n_worlds"], p["n_songs"]
    quality = rng.beta(12.0, 18.0, size=S)                 # hidden: chance a listener downloads it
    taste = quality / quality.sum()                        # own judgement: better songs look better
    weight = np.repeat([p["influence"], 0.0], W)[:, None]  # lambda per world: W influenced, W independent
    downloads = np.zeros((2 * W, S))

    arrived = 0
    while arrived < p["listens"]:
        group = min(p["batch"], p["listens"] - arrived)
        counts = (downloads + 1) / (downloads + 1).sum(axis=1, keepdims=True)
        choice = (1 - weight) * taste + weight * counts      # P(listen to song i), one row per world
        listens = rng.multinomial(group, choice)             # how many of the group pick each song
        downloads += rng.binomial(listens, quality)          # who of them downloads it
        arrived += group

    shares = market_shares(downloads)
    condition = np.repeat(np.array(CONDITIONS, dtype=object), W)   # of each world
    songs = pd.DataFrame({
        "world": np.repeat(np.arange(2 * W), S),
        "condition": np.repeat(condition, S),
        "song": np.tile(np.arange(S), 2 * W),
        "quality": np.tile(quality, 2 * W),
        "downloads": downloads.ravel().astype(int),
        "share": shares.ravel(),
    })
    per_world = gini(shares)
    worlds = pd.DataFrame({"world": np.arange(2 * W), "condition": condition, "gini": per_world})
    metrics = pd.DataFrame(
        {"gini": [per_world[:W].mean(), per_world[W:].mean()],
         "unpredictability": [unpredictability(shares[:W]), unpredictability(shares[W:])],
         "quality_success": [_spearman_rows(quality, shares[:W]), _spearman_rows(quality, shares[W:])]},
        index=pd.Index(CONDITIONS, name="condition"))
    return Market(songs=songs, metrics=metrics, params=FrozenParams(p), worlds=worlds)



@defaults_from(PARAMS)
def influence_sweep(influences=(0.0, 0.25, 0.5, 0.7, 0.85, 1.0), *, n_worlds, listens, n_songs, batch, seed=1):
    """Run the market at several strengths of social influence and compare the two conditions.

    Parameters
    ----------
    influences : sequence of numbers in [0, 1]
        The values of ``influence`` to run, each with the same seed (so the same songs).
    n_worlds : int, worlds per condition, keyword-only
        How many separate worlds each condition has; all start from the same songs.
    listens : int, plays per world, keyword-only
        How many times, in all, a song is played in each world (a listener may play several).
    n_songs : int, songs, keyword-only
        How many songs the market offers (MusicLab had 48).
    batch : int, plays, keyword-only
        Plays come in groups of this size; a group sees the counts as they were when it arrived.
    seed : int, default 1
        The same seed for every influence, so that each runs the same songs.

    The four settings take their defaults from :data:`PARAMS`, as in :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        Indexed by influence: gini_influence and gini_independent (mean Gini of each
        condition's worlds), unpredictability_ratio (influenced over independent) and
        quality_success (Spearman correlation of quality and share, influenced worlds).

    Raises
    ------
    TypeError, ValueError
        As for :func:`simulate`; a TypeError if ``influence`` is given (``influences`` sets it).

    Examples
    --------
    >>> sweep = influence_sweep((0.0, 0.7, 1.0), seed=1)
    >>> bool(sweep["gini_influence"].is_monotonic_increasing and sweep["unpredictability_ratio"].is_monotonic_increasing)
    True
    """
    check_items("influences", influences, what="influence strengths")
    rows = []
    for influence in influences:
        metrics = simulate(influence=influence, n_worlds=n_worlds, listens=listens, n_songs=n_songs, batch=batch,
                           seed=seed).metrics
        rows.append({
            "influence": influence,
            "gini_influence": float(metrics.loc["social influence", "gini"]),
            "gini_independent": float(metrics.loc["independent", "gini"]),
            "unpredictability_ratio": float(metrics.loc["social influence", "unpredictability"]
                                            / metrics.loc["independent", "unpredictability"]),
            "quality_success": float(metrics.loc["social influence", "quality_success"]),
        })
    return pd.DataFrame(rows).set_index("influence")


def market_shares(downloads):
    """Each song's share of its world's downloads: each row divided by its total.

    Parameters
    ----------
    downloads : array of numbers >= 0, shape (worlds, songs) or (songs,)

    Returns
    -------
    numpy.ndarray
        The same shape; each row sums to 1 (a world without downloads gives equal shares).

    Raises
    ------
    ValueError
        If ``downloads`` is empty, negative or NaN.

    Examples
    --------
    >>> market_shares([[3, 1, 0], [0, 0, 0]]).tolist()
    [[0.75, 0.25, 0.0], [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]]
    """
    check_items("downloads", downloads, what="download counts", allow_empty=True)
    d = _shares_input("downloads", downloads)
    total = d.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, d / total, 1.0 / d.shape[-1])


def gini(shares):
    """The Gini coefficient of market shares: 0 when all are equal, (S-1)/S when one song has all.

    ``sum_i sum_j |m_i - m_j| / (2 S sum_k m_k)``, computed for each row.

    Parameters
    ----------
    shares : array of numbers >= 0, shape (songs,) or (worlds, songs)

    Returns
    -------
    float or numpy.ndarray (one per world)

    Raises
    ------
    ValueError
        If ``shares`` is empty, negative, NaN or sums to 0.

    Examples
    --------
    >>> float(gini([0.25, 0.25, 0.25, 0.25]))
    0.0
    >>> float(gini([1, 0, 0, 0]))                 # one song takes everything: (4 - 1) / 4
    0.75
    """
    check_items("shares", shares, what="market shares", allow_empty=True)
    m = _shares_input("shares", shares)
    if (m.sum(axis=-1) <= 0).any():
        raise ValueError("shares must have a positive total in every world; got a world with none")
    return np.asarray(inequality.gini(m))[()]     # the formula is shared with the follower networks


def unpredictability(shares):
    """Mean over songs of the mean absolute difference of a song's share between pairs of worlds.

    Parameters
    ----------
    shares : array of numbers >= 0, shape (worlds, songs), at least two worlds

    Returns
    -------
    float
        0 when every world gives every song the same share.

    Raises
    ------
    ValueError
        If ``shares`` has fewer than two worlds or is negative, NaN or empty.

    Examples
    --------
    Two worlds that swap their hit:

    >>> unpredictability([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])    # (0.5 + 0 + 0.5) / 3
    0.3333333333333333
    """
    check_items("shares", shares, what="market shares", allow_empty=True)
    m = _shares_input("shares", shares)
    if m.ndim != 2 or m.shape[0] < 2:
        raise ValueError(f"shares must be a table of worlds x songs with at least two worlds; got shape {m.shape}")
    W = m.shape[0]
    upper = np.triu_indices(W, k=1)                          # every pair of worlds w < v once
    differences = np.abs(m[:, None, :] - m[None, :, :])[upper]   # shape (pairs, songs)
    return float(differences.mean(axis=0).mean())


def _shares_input(name, value):
    m = np.asarray(value, dtype=float)
    if m.size == 0 or m.ndim not in (1, 2):
        raise ValueError(f"{name} must be a non-empty list of songs, or a table of worlds x songs; got shape {m.shape}")
    if np.isnan(m).any() or (m < 0).any() or np.isinf(m).any():
        raise ValueError(f"{name} must be finite numbers >= 0; got {value!r}")
    return m


def _spearman_rows(quality, shares):
    """Mean over worlds of the Spearman correlation of quality and share."""
    from scipy.stats import spearmanr

    return float(np.mean([spearmanr(quality, row).statistic for row in shares]))

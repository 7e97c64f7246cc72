r"""A class's own music market, measured as MusicLab measured its worlds, and the model run to match it.

The class service's market experiment (:mod:`smlearn.classmode.market`) puts each student in
one world: world 0 is *independent* (the songs only), worlds 1 to W are *social* (the songs and
how many times the others in that world downloaded each). Every student downloads the songs
they like. What comes back is a table of downloads, one row per world and one column per song.

:func:`measure_worlds` measures it as Salganik, Dodds and Watts (2006) did, with the course's
own formulas (:mod:`smlearn.models.crowds`, :mod:`smlearn.models.inequality`): each world's Gini
coefficient of its market shares, the share of its top song, and the *unpredictability* across
the social worlds (how differently the same song did in different worlds). :func:`beside_model`
runs :func:`smlearn.models.crowds.simulate` with the class's number of songs and of downloads per
world, so the class's numbers can be read beside the model's; :func:`gini_gaps` gives the spread
of the model's social-minus-independent Gini differences for a class of the same shape, with or
without influence, to read the class's one difference against.

What is measured and what is set
--------------------------------
The class's numbers are exact. With one independent world the class has no unpredictability
without influence to compare (MusicLab had one independent world too, and split it); the
model gives that number. Nor can one independent world against one or two social worlds show
that seeing the counts *caused* a difference: with no influence at all, the social worlds of
a simulated class come out more unequal about half the time. What a class can show is whether
its difference falls inside the range the model gives with influence, without it, or both. A class is small: a world of five students who download three songs
each has fifteen downloads, so its Gini moves a lot from one class to the next. The model's
``influence`` (0.7) and its songs' qualities are ILLUSTRATIVE (see :mod:`smlearn.models.crowds`).

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the market is ``find-broadcast``: students find
songs on a page and, in the social worlds, see what classmates they need not know chose.

Examples
--------
>>> downloads = [[3, 2, 2, 1, 2],       # world 0: independent
...              [9, 1, 0, 0, 1],       # world 1: social
...              [0, 1, 8, 1, 0]]       # world 2: social
>>> found = measure_worlds(downloads)
>>> round(found["gini_independent"], 3), round(found["gini_social"], 3)
(0.16, 0.685)
>>> round(found["unpredictability_social"], 3)
0.364
>>> [world["top_song"] for world in found["worlds"]]      # a different hit in each social world
[0, 0, 2]
"""

from __future__ import annotations

import copy
import functools

import numpy as np

from smlearn.models import crowds, inequality
from smlearn.params import check_number, check_seed

# The cell of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["measure_worlds", "beside_model", "gini_gaps", "example_downloads", "MEAN_QUALITY", "MODEL_WORLDS",
           "MODEL_BATCH"]

# The model's songs are downloaded by a listener with chance Beta(12, 18), mean 0.4: a play gives
# 0.4 downloads on average, so a world with d downloads is matched by a model world of d / 0.4 plays.
MEAN_QUALITY = 0.4
MODEL_WORLDS = 8     # the model's worlds of each condition (MusicLab had 8 social worlds)
MODEL_BATCH = 5      # plays per group: the model's listeners see the counts as they were 5 plays before


def _downloads(value) -> np.ndarray:
    try:
        bad = isinstance(value, (str, bytes, dict)) or value is None
        d = None if bad else np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        d = None
    if d is None or d.ndim != 2 or d.shape[0] < 2 or not 5 <= d.shape[1] <= 100:
        shape = "nothing" if d is None else f"shape {d.shape}"
        raise ValueError(f"downloads must be a table of worlds x songs: the independent world first, then at least "
                         f"one social world, and 5 to 100 songs; got {shape}")
    if not np.all(np.isfinite(d)) or (d < 0).any() or (d != np.round(d)).any():
        raise ValueError("downloads must be whole counts >= 0")
    return d


def measure_worlds(downloads) -> dict:
    """Each world's inequality and the unpredictability across the social worlds.

    Parameters
    ----------
    downloads : table of whole numbers >= 0, shape (1 + W, songs)
        Row 0 is the independent world, rows 1 to W the social worlds; 5 to 100 songs.

    Returns
    -------
    dict
        ``worlds``: one dict per world (world, condition, downloads, gini, top_share, top_song:
        the number of the most downloaded song, the first on a tie; the last three are None for
        a world without downloads); ``gini_independent``,
        ``top_share_independent``; ``gini_social`` and ``top_share_social`` (means over the
        social worlds with downloads, None if none has); ``unpredictability_social`` (None
        unless at least two social worlds have downloads).

    Raises
    ------
    ValueError
        If ``downloads`` is not such a table.
    """
    d = _downloads(downloads)
    worlds = []
    for w, row in enumerate(d):
        total = int(row.sum())
        shares = row / total if total else None
        worlds.append({"world": w, "condition": "independent" if w == 0 else "social influence", "downloads": total,
                       # max: an equal world's sum of pairs may round to -0.0, which a reader takes for a sign
                       "gini": None if shares is None else max(0.0, float(inequality.gini(shares))),
                       "top_share": None if shares is None else float(shares.max()),
                       # the song with the most downloads (the first, on a tie): does the same one top every world?
                       "top_song": None if shares is None else int(np.argmax(row))})
    social = [world for world in worlds[1:] if world["downloads"]]

    def mean(key):
        return float(np.mean([world[key] for world in social])) if social else None

    measured = [row for row in d[1:] if row.sum() > 0]
    unpredictable = (float(crowds.unpredictability(crowds.market_shares(np.array(measured))))
                     if len(measured) >= 2 else None)
    return {"worlds": worlds, "gini_independent": worlds[0]["gini"], "top_share_independent": worlds[0]["top_share"],
            "gini_social": mean("gini"), "top_share_social": mean("top_share"),
            "unpredictability_social": unpredictable}


def beside_model(downloads, *, influence: float = 0.7, seed=1) -> dict:
    """The MusicLab model run with the class's songs, social worlds and downloads per world.

    The model gets as many songs as the class and, in each world, as many plays as give the
    class's mean downloads per world (:data:`MEAN_QUALITY`; at least 100 plays, the model's
    fewest, and at most 5,000). It runs :data:`MODEL_WORLDS` worlds of each condition whatever
    the class has, since with a class's handful of downloads one model world is as noisy as one
    class world: the model's means over eight are what to read the class's worlds against.
    Plays come in groups of :data:`MODEL_BATCH`: a class sees counts that change as classmates
    download, not once an hour.

    Parameters
    ----------
    downloads : table of whole numbers >= 0
        As for :func:`measure_worlds`.
    influence : float, default 0.7
        The model's social influence, 0 to 1.
    seed : int >= 0
        The model's seed (the same numbers on every call).

    Returns
    -------
    dict
        ``params`` (what the model was run with), ``gini_independent``, ``gini_social``,
        ``top_share_independent``, ``top_share_social``, ``unpredictability_independent``,
        ``unpredictability_social``, and ``gini_worlds_social`` and ``gini_worlds_independent``
        (each model world's Gini).

    Raises
    ------
    ValueError, TypeError
        If ``downloads`` is not such a table, ``influence`` is outside 0 to 1, or ``seed`` is bad.

    Examples
    --------
    >>> model = beside_model([[3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0]])
    >>> model["params"]
    {'n_songs': 5, 'n_worlds': 8, 'listens': 100, 'batch': 5, 'influence': 0.7}
    >>> model["gini_social"] > model["gini_independent"]
    True
    """
    d = _downloads(downloads)
    influence = check_number("influence", influence, 0, 1)
    if isinstance(seed, np.random.Generator):
        raise TypeError("seed must be a whole number >= 0 here (the model is cached by its seed); got a Generator")
    check_seed(seed)
    plays = d.sum(axis=1).mean() / MEAN_QUALITY
    listens = int(min(max(round(plays), 100), 5000))
    # A copy: the cached answer's lists must not change under the next caller.
    return copy.deepcopy(_model(d.shape[1], listens, float(influence), int(seed)))


@functools.lru_cache(maxsize=32)
def _model(n_songs: int, listens: int, influence: float, seed: int) -> dict:
    # Cached: an instructor's page asks for the same class's results again and again.
    market = crowds.simulate(n_songs=n_songs, n_worlds=MODEL_WORLDS, listens=listens, influence=influence,
                             batch=MODEL_BATCH, seed=seed)
    top = market.songs.groupby(["condition", "world"], sort=False)["share"].max().groupby("condition").mean()
    worlds = market.worlds.groupby("condition")["gini"].apply(lambda g: [float(x) for x in g])
    m = market.metrics
    return {
        "params": {"n_songs": n_songs, "n_worlds": MODEL_WORLDS, "listens": listens, "batch": MODEL_BATCH,
                   "influence": influence},
        "gini_independent": float(m.loc["independent", "gini"]),
        "gini_social": float(m.loc["social influence", "gini"]),
        "top_share_independent": float(top["independent"]),
        "top_share_social": float(top["social influence"]),
        "unpredictability_independent": float(m.loc["independent", "unpredictability"]),
        "unpredictability_social": float(m.loc["social influence", "unpredictability"]),
        "gini_worlds_independent": worlds["independent"],
        "gini_worlds_social": worlds["social influence"],
    }


def gini_gaps(downloads, *, influence: float = 0.7, seed=1) -> np.ndarray:
    """The model's social-minus-independent Gini differences for a class of this shape.

    The class compares the mean Gini of its W social worlds (those with downloads) with the Gini
    of its one independent world. The model (:func:`beside_model`, the same songs and plays) has
    :data:`MODEL_WORLDS` worlds of each kind, so it can make that comparison 64 ways: each run of W
    neighbouring social worlds (taken round in a circle, W at most 8) against each independent
    world. Their range is what chance gives a class like this one, at this influence.

    Parameters
    ----------
    downloads : table of whole numbers >= 0
        As for :func:`measure_worlds`.
    influence : float, default 0.7
        The model's social influence, 0 to 1 (0: the counts are shown but nobody follows them).
    seed : int >= 0
        The model's seed.

    Returns
    -------
    numpy.ndarray of float, 64 values
        Mean Gini of W social worlds minus the Gini of one independent world.

    Examples
    --------
    >>> table = [[3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0]]
    >>> gaps = gini_gaps(table, influence=0.0)
    >>> gaps.size, bool(gaps.min() < 0 < gaps.max())     # without influence, either sign by chance
    (64, True)
    """
    found = measure_worlds(downloads)
    model = beside_model(downloads, influence=influence, seed=seed)
    social = np.array(model["gini_worlds_social"])
    alone = np.array(model["gini_worlds_independent"])
    w = min(max(1, sum(1 for world in found["worlds"][1:] if world["downloads"])), social.size)
    # Each run of w neighbouring social worlds, as the class averages its w worlds.
    runs = np.array([np.roll(social, -k)[:w].mean() for k in range(social.size)])
    return (runs[:, None] - alone[None, :]).ravel()


def example_downloads(*, songs: int = 10, social_worlds: int = 2, plays: int = 100, influence: float = 0.7,
                      seed=1) -> np.ndarray:
    """A SIMULATED class market, for a lesson run without a class: the model's downloads, one row a world.

    One independent world and ``social_worlds`` social worlds of :func:`smlearn.models.crowds.simulate`,
    each of ``plays`` plays (100, the model's fewest, gives about 40 downloads: a world of a dozen
    students who download three songs each). It is the model itself, so beside the model it can
    only agree with it up to chance: a real class need not.

    Parameters
    ----------
    songs : int
        5 to 100.
    social_worlds : int
        1 to 16.
    plays : int
        Plays per world, 100 to 5,000.
    influence : float
        The model's social influence, 0 to 1 (ILLUSTRATIVE, as in :mod:`smlearn.models.crowds`).
    seed : int, optional
        The same seed gives the same class.

    Returns
    -------
    numpy.ndarray of int, shape (1 + social_worlds, songs)
        Row 0 the independent world, then the social worlds: what :func:`measure_worlds` takes.

    Examples
    --------
    >>> table = example_downloads(seed=1)
    >>> table.shape, int(table[0].sum()) > 0
    ((3, 10), True)
    """
    social_worlds = check_number("social_worlds", social_worlds, 1, 16, integer=True)
    market = crowds.simulate(n_songs=songs, n_worlds=max(2, social_worlds), listens=plays, influence=influence,
                             batch=MODEL_BATCH, seed=seed)
    rows = market.songs.pivot(index="world", columns="song", values="downloads")
    independent = market.worlds.loc[market.worlds["condition"] == "independent", "world"].iloc[0]
    social = market.worlds.loc[market.worlds["condition"] != "independent", "world"].iloc[:social_worlds]
    return rows.loc[[independent, *social]].to_numpy(dtype=int)

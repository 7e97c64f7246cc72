r"""Where things can spread: the thresholds that theory gives for the models of :mod:`smlearn.models.diffusion`.

The claim
---------
A simulation shows one run; theory says where a run *can* go far. For a simple contagion
(the independent cascade, or an SIR epidemic) on a network wired at random, an outbreak
stays small unless each tie passes it on with a probability above a critical value that
depends only on the degrees (Newman 2002: :func:`epidemic_threshold`; for SIR the
probability per tie is :func:`sir_transmissibility`). For a threshold cascade, global
cascades are possible only inside a window of mean degrees (Watts 2002:
:func:`cascade_condition` and :func:`watts_window`): too few ties and the vulnerable people
do not connect; too many and each person needs more adopting contacts than one can give.
:mod:`smlearn.models.diffusion_experiments` runs the models many times to set these beside
the simulations.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) these are statements about passing a thing
on along ties: to all one's contacts at once (``ties-broadcast``) or person to person
between people who know each other (``ties-two-way``).

References
----------
.. [1] Newman, M. E. J. (2002). Spread of epidemic disease on networks. Phys. Rev. E
   66, 016128.
.. [2] Watts, D. J. (2002). A simple model of global cascades on random networks.
   PNAS 99(9), 5766-5771.

Examples
--------
>>> import networkx as nx
>>> from smlearn.models import diffusion_theory
>>> round(diffusion_theory.epidemic_threshold(nx.random_regular_graph(4, 100, seed=1)), 3)
0.333
"""

from __future__ import annotations

import math

import numpy as np

from smlearn.models import diffusion
from smlearn.models.diffusion import prepare
from smlearn.params import Param, check_params, defaults_from

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("ties-broadcast", "ties-two-way")

__all__ = ["FRAME_CELLS", "epidemic_threshold", "sir_transmissibility", "cascade_condition", "watts_window"]


def epidemic_threshold(G):
    r"""Return the critical transmissibility :math:`T_c = \langle k \rangle / (\langle k^2 \rangle - \langle k \rangle)`.

    On a network with these degrees wired at random (Newman 2002), an outbreak stays
    small when each tie passes it on with probability below :math:`T_c`, and can reach a
    finite share of everyone above it. For independent cascade :math:`T = p`; for SIR see
    :func:`sir_transmissibility`.

    Raises
    ------
    ValueError
        If ``G`` is directed (the formula is for undirected ties) or empty.

    Examples
    --------
    Everyone with 4 contacts: 4 / (16 - 4) = 1/3.

    >>> import networkx as nx
    >>> round(epidemic_threshold(nx.random_regular_graph(4, 100, seed=1)), 3)
    0.333
    """
    import networkx as nx

    if isinstance(G, nx.Graph) and G.is_directed():
        raise ValueError(f"G must be an undirected graph for the epidemic threshold; got a directed {type(G).__name__}")
    g = prepare(G)
    k = g.reach.astype(float)
    spread_ = (k**2).mean() - k.mean()
    return float(k.mean() / spread_) if spread_ > 0 else math.inf


def sir_transmissibility(beta, gamma):
    r"""Return the chance that an infected person passes the infection along one tie in :func:`~smlearn.models.diffusion.sir`.

    .. math::  T = \sum_{d \ge 1} \gamma (1-\gamma)^{d-1} \left(1 - (1-\beta)^d\right)
               = \frac{\beta}{\beta + \gamma - \beta\gamma}

    Examples
    --------
    >>> round(sir_transmissibility(0.1, 0.2), 4)
    0.3571
    """
    params = check_params(diffusion.PARAMS, {"beta": beta, "gamma": gamma})
    b, c = params["beta"], params["gamma"]
    return b / (b + c - b * c) if b + c > 0 else 0.0


@defaults_from(diffusion.PARAMS)
def cascade_condition(mean_degree, theta, theta_spread):
    r"""Return Watts's (2002) cascade number for :func:`~smlearn.models.diffusion.threshold` on a random network: above 1, global cascades can happen.

    On a large random network with Poisson degrees of mean ``z`` (:func:`smlearn.models.networks.random_network`),
    one starter can set off a global cascade only if the people who tip over from a
    single adopting contact (the *vulnerable*) form a connected cluster that spans the
    network. Watts's condition for that is

    .. math::  \frac{1}{z} \sum_k k (k - 1)\, p_k\, \rho_k > 1 ,

    where :math:`p_k` is the share of people with ``k`` contacts and :math:`\rho_k` the
    chance that a person with ``k`` contacts is vulnerable: that their own threshold is
    at most ``1/k``. With one threshold for everyone, :math:`\rho_k` is 1 for
    ``k <= 1/theta`` and 0 above; with ``theta_spread`` it follows the normal
    distribution of :func:`~smlearn.models.diffusion.threshold`.

    The number says where global cascades are *possible*, from a single starter, on a
    very large network; how often one happens is a matter of chance and of network size.

    Parameters
    ----------
    mean_degree : float
        The mean number of contacts ``z`` (0 .. 100).
    theta, theta_spread : float
        As in :func:`~smlearn.models.diffusion.threshold`.

    Raises
    ------
    ValueError
        If a number is outside its range.

    References
    ----------
    Watts, D. J. (2002). A simple model of global cascades on random networks. PNAS
    99(9), 5766-5771.

    Examples
    --------
    With theta = 0.18 a person with up to 5 contacts is vulnerable, and the number is
    :math:`e^{-z}(z + z^2 + z^3/2 + z^4/6)`: above 1 from z just over 1 to z about 5.8.

    >>> [round(cascade_condition(z), 2) for z in (0.5, 2.0, 5.0, 8.0)]
    [0.5, 1.71, 1.33, 0.34]
    """
    z = Param("mean_degree", 6.0, 0.0, 100.0, 0.01, "Ties per person", "ties/person").check(mean_degree)
    params = check_params(diffusion.PARAMS, {"theta": theta, "theta_spread": theta_spread})
    if z == 0:
        return 0.0
    from scipy.stats import norm, poisson

    k = np.arange(2, int(z + 20 * math.sqrt(z) + 30))      # degrees 0 and 1 add nothing; the tail is negligible
    limit = (1 + 1e-9) / k                                  # the highest threshold that one contact tips
    if params["theta_spread"] > 0:
        # the clipped normal: a draw below 0 counts as 0, so P(own <= limit) is the normal's
        vulnerable = norm.cdf(limit, loc=params["theta"], scale=params["theta_spread"])
        vulnerable[limit >= 1] = 1.0
    else:
        vulnerable = (params["theta"] <= limit).astype(float)
    return float((k * (k - 1) * poisson.pmf(k, z) * vulnerable).sum() / z)


@defaults_from(diffusion.PARAMS)
def watts_window(theta):
    """Return ``(low, high)``: the mean degrees between which :func:`cascade_condition` is above 1.

    Found by scanning z from 0.05 to 30 in steps of 0.05 and then solving for the two
    crossings with ``scipy.optimize.brentq``. ``(nan, nan)`` if there is no window.

    Examples
    --------
    >>> [round(z, 2) for z in watts_window(0.18)]
    [1.02, 5.76]
    """
    from scipy.optimize import brentq

    theta = check_params(diffusion.PARAMS, {"theta": theta})["theta"]
    zs = np.arange(0.05, 30.0, 0.05)
    above = np.array([cascade_condition(z, theta) > 1 for z in zs])
    if not above.any():
        return (math.nan, math.nan)
    first, last = int(np.argmax(above)), int(len(above) - 1 - np.argmax(above[::-1]))
    gap = lambda z: cascade_condition(z, theta) - 1      # noqa: E731 (the function whose zeros are the edges)
    low = brentq(gap, zs[first - 1], zs[first]) if first > 0 else float(zs[0])
    high = brentq(gap, zs[last], zs[last + 1]) if last + 1 < len(zs) else float(zs[-1])
    return (float(low), float(high))

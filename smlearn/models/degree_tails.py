r"""How heavy is the tail of the followers? A power law fitted and tested, and set against a log-normal.

The claim
---------
Social media is one-to-many: a few accounts hold most of the followers. The follower
network of :mod:`smlearn.models.networks` grows by preferential attachment, whose
followers have a power-law tail, :math:`P(k) \propto k^{-\alpha}` for :math:`k \ge k_{min}`
(with :math:`\alpha = 3`). Real follower counts have heavy tails too, but "heavy" is not
"a power law": this module asks the question the way Clauset, Shalizi and Newman [1]_ do.

The two tests
-------------
:func:`power_law_fit` finds where the tail starts (``k_min``), the exponent that makes
the tail most likely, and a p-value: whether a power law could have made data this far
from it. :func:`compare_tails` fits a log-normal to the same tail and asks which of the
two makes the data more likely (Vuong's test). Both take counts (whole numbers >= 0): the
in-degrees of a network (:func:`smlearn.models.networks.degrees`) or a real platform's
follower counts. Nothing here is a setting of a lesson, so there is no ``PARAMS``.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) a heavy tail of followers measures
``find-broadcast``: accounts that many people found and follow one way, and most did not.

References
----------
.. [1] Clauset, A., Shalizi, C. R. and Newman, M. E. J. (2009). Power-law
   distributions in empirical data. SIAM Review 51, 661-703.

Examples
--------
>>> from smlearn.models import degree_tails, networks
>>> fans = networks.follower_network(n=2000, seed=1)
>>> fit = degree_tails.power_law_fit(networks.degrees(fans), resamples=0)
>>> round(fit.exponent, 1), fit.k_min, fit.n_tail          # fitted above k_min = 6 only
(2.4, 6, 274)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from smlearn.params import Param, check_items, check_number, check_seed

# The cells of the course's frame (smlearn.frame) this module measures.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["PowerLawFit", "power_law_fit", "TailComparison", "compare_tails"]


@dataclass(frozen=True)
class PowerLawFit:
    """A power law fitted to the tail of some degrees (see :func:`power_law_fit`).

    Attributes
    ----------
    exponent : float
        The maximum-likelihood :math:`\\alpha` of :math:`P(k) \\propto k^{-\\alpha}`, k >= k_min.
    k_min : int
        Where the tail starts (given, or chosen from the data).
    n_tail : int
        How many values are >= k_min: the estimate rests on these alone.
    ks : float
        The Kolmogorov-Smirnov distance between the tail and the fitted power law: the
        largest gap between their cumulative shares (0 = a perfect match).
    p_value : float
        The share of data sets drawn from the fitted model whose own fit is as far off as
        this one (NaN if no resamples were drawn). Small (below 0.1) means a power law does
        NOT describe the tail; large means it is plausible, not that it is proven.
    resamples : int
        How many synthetic data sets the p-value rests on.
    """

    exponent: float
    k_min: int
    n_tail: int
    ks: float
    p_value: float
    resamples: int


_ALPHA_LOW, _ALPHA_HIGH = 1.0 + 1e-6, 50.0     # the exponents the estimate may take


def _check_degrees(degrees):
    """Return ``degrees`` as an array of whole numbers >= 0, or raise a clear error."""
    k = np.asarray(degrees, dtype=float).ravel()
    if k.size == 0:
        raise ValueError("degrees must not be empty")
    if not np.all(np.isfinite(k)) or np.any(k < 0) or np.any(k != np.round(k)):
        raise ValueError("degrees must be whole numbers >= 0 (counts of ties or followers)")
    return k.astype(np.int64)


def _mle_exponents(n, log_sum, k_mins):
    """The exact discrete MLE of alpha for several tails at once (one per entry of ``k_mins``).

    The log-likelihood -n ln zeta(alpha, k_min) - alpha * sum(ln k) is concave in alpha,
    so its maximum is where its slope is zero: where the mean of ln k under the model,
    -d/d(alpha) ln zeta(alpha, k_min), equals the observed mean of ln k. That model mean
    falls as alpha grows, so halving the interval 60 times pins alpha down to 1e-13.
    """
    from scipy.special import zeta

    target = log_sum / n                                     # observed mean of ln k, per tail
    k_mins = np.asarray(k_mins, dtype=float)
    low = np.full(k_mins.shape, _ALPHA_LOW)
    high = np.full(k_mins.shape, _ALPHA_HIGH)
    step = 1e-6
    for _ in range(60):
        mid = (low + high) / 2
        model_mean = -(np.log(zeta(mid + step, k_mins)) - np.log(zeta(mid - step, k_mins))) / (2 * step)
        too_heavy = model_mean > target                      # alpha too small: push it up
        low = np.where(too_heavy, mid, low)
        high = np.where(too_heavy, high, mid)
    return (low + high) / 2


def _ks_distance(tail, alpha, k_min):
    """Largest gap between the tail's cumulative shares and the power law's, at the observed values."""
    from scipy.special import zeta

    values, counts = np.unique(tail, return_counts=True)
    data_cdf = np.cumsum(counts) / tail.size                            # share <= each value
    model_cdf = 1 - zeta(alpha, values + 1.0) / zeta(alpha, float(k_min))   # P(K <= value)
    return float(np.max(np.abs(data_cdf - model_cdf)))


def _fit(k, k_min, min_tail):
    """Fit one data set: (alpha, k_min, n_tail, ks). ``k_min`` None scans every observed value."""
    if k_min is not None:
        tail = k[k >= k_min]
        alpha = float(_mle_exponents(tail.size, np.log(tail).sum(), [k_min])[0])
        return alpha, int(k_min), int(tail.size), _ks_distance(tail, alpha, k_min)
    values = np.unique(k[k >= 1])
    ordered = np.sort(k[k >= 1])
    n_above = ordered.size - np.searchsorted(ordered, values)           # tail sizes, one per start
    candidates = values[n_above >= min_tail]
    if candidates.size == 0:                                            # too few values: use them all
        candidates = values[:1]
    logs = np.log(ordered)
    suffix = np.concatenate([np.cumsum(logs[::-1])[::-1], [0.0]])       # sum of ln k from each position on
    starts = np.searchsorted(ordered, candidates)
    alphas = _mle_exponents(ordered.size - starts, suffix[starts], candidates)
    best = None
    for start, k_start, alpha in zip(starts, candidates, alphas):
        ks = _ks_distance(ordered[start:], alpha, k_start)
        if best is None or ks < best[3]:
            best = (float(alpha), int(k_start), int(ordered.size - start), ks)
    return best


def _draw_power_law(alpha, k_min, size, rng):
    """Draw ``size`` whole numbers from P(k) = k^-alpha / zeta(alpha, k_min), k >= k_min.

    Inverse transform on an exact table of P(K >= k) for the first 10,000 values; draws
    beyond the table use the continuous approximation of Clauset et al. (2009, appendix
    D), which is close for k that far above k_min.
    """
    from scipy.special import zeta

    table = np.arange(k_min, k_min + 10_000, dtype=float)
    at_least = zeta(alpha, table) / zeta(alpha, float(k_min))            # P(K >= k), falling from 1
    u = 1.0 - rng.random(size)                                           # in (0, 1]
    index = np.searchsorted(-at_least, -u, side="right") - 1             # largest k with P(K >= k) >= u
    k = table[np.maximum(index, 0)]
    beyond = u < at_least[-1]
    last = table[-1] + 1
    k[beyond] = np.floor((last - 0.5) * (u[beyond] / at_least[-1]) ** (-1 / (alpha - 1)) + 0.5)
    return k.astype(np.int64)


def power_law_fit(degrees, k_min=None, *, resamples=100, min_tail=10, seed=0):
    r"""Fit a power law to the tail of ``degrees`` and test whether it fits (Clauset, Shalizi and Newman 2009).

    Three steps, as in their paper [1]_:

    1. **The exponent**, for a given start ``k_min``: the exact maximum-likelihood estimate
       for whole numbers (their eq. 3.5 and 3.7), the :math:`\alpha` that makes the observed
       tail most likely under :math:`P(k) = k^{-\alpha} / \zeta(\alpha, k_{min})`,
       :math:`k \ge k_{min}`, where :math:`\zeta` is the Hurwitz zeta function. (Their
       closed-form shortcut, :math:`1 + N / \sum \ln(k_i / (k_{min} - 1/2))`, is only good
       for ``k_min`` of about 6 or more: at ``k_min = 1`` it reads 2.2 for a true exponent
       of 3.) With ``k_min`` given and ``resamples=0``, this step is all that runs.
    2. **The start**, when ``k_min`` is None: every observed value with at least
       ``min_tail`` values at or above it is tried, and the one whose fitted power law is
       closest to the data (smallest Kolmogorov-Smirnov distance) is kept.
    3. **Does a power law fit at all?** ``resamples`` synthetic data sets of the same size
       are drawn: each value is, with the observed share of the tail, a draw from the
       fitted power law, and otherwise a value picked at random from the observed values
       below ``k_min``. Each is fitted the same way (start chosen again if it was chosen
       here). The p-value is the share whose KS distance is at least the observed one (a
       synthetic set with no value to fit is skipped and not counted). They
       rule the power law out when p < 0.1. 100 resamples give p to about +-0.05; use 2,500
       for +-0.01.

    A p-value above 0.1 says the data do not rule a power law out; it does not say other
    heavy tails (a lognormal, say) fit worse: that needs a comparison of likelihoods. And
    the test can only see the range the tail spans: when ``k_min`` is chosen, a thin,
    narrow far tail (the last few hundred of 20,000 exponential draws, spanning less than
    a factor of 3) can pass. Look at ``k_min`` and ``n_tail`` before believing a pass.

    Parameters
    ----------
    degrees : list of whole numbers >= 0
    k_min : int or None
        Where the tail starts; None chooses it (step 2).
    resamples : int
        Synthetic data sets for the p-value; 0 skips the test (p_value is NaN).
    min_tail : int
        The fewest values a candidate tail may hold when ``k_min`` is chosen.
    seed : None, int or numpy.random.Generator
        For the synthetic data sets; the default 0 gives the same p-value every time.

    Returns
    -------
    PowerLawFit

    Raises
    ------
    ValueError
        If ``degrees`` is empty or not whole numbers >= 0, ``k_min < 1``, no degree reaches
        ``k_min``, or ``resamples`` or ``min_tail`` is out of range.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> support = np.arange(5, 100_000)
    >>> k = rng.choice(support, size=3000, p=support**-2.5 / (support**-2.5).sum())
    >>> fit = power_law_fit(k, resamples=50)
    >>> round(fit.exponent, 1), fit.k_min, fit.p_value > 0.1
    (2.5, 5, True)
    """
    check_items("degrees", degrees, what="degrees", allow_empty=True)
    if k_min is not None:
        check_number("k_min", k_min, 1, integer=True)
    k = _check_degrees(degrees)
    if k_min is not None:
        if k_min < 1:
            raise ValueError(f"k_min must be at least 1; got {k_min}")
        if not np.any(k >= k_min):
            raise ValueError(f"no degree is >= k_min = {k_min}; the largest is {k.max()}")
    elif not np.any(k >= 1):
        raise ValueError("degrees must include at least one value >= 1 to have a tail")
    draws = Param("resamples", 100, 0, 100_000, 1, "Resamples", "data sets").check(resamples)
    floor = Param("min_tail", 10, 1, 1_000_000, 1, "Smallest tail", "values").check(min_tail)
    alpha, start, n_tail, ks = _fit(k, k_min, floor)
    if draws == 0:
        return PowerLawFit(alpha, start, n_tail, ks, float("nan"), 0)
    rng = check_seed(seed)
    body = k[k < start]
    at_least_as_far = 0
    checked = 0                                  # synthetic sets actually fitted (the p-value's denominator)
    for _ in range(draws):                       # each synthetic data set depends only on the fit
        in_tail = rng.random(k.size) < n_tail / k.size
        fake = np.empty(k.size, dtype=np.int64)
        fake[in_tail] = _draw_power_law(alpha, start, int(in_tail.sum()), rng)
        if body.size:
            fake[~in_tail] = rng.choice(body, size=int((~in_tail).sum()))
        else:
            fake[~in_tail] = _draw_power_law(alpha, start, int((~in_tail).sum()), rng)
        fake_start = None if k_min is None else start
        if fake_start is not None and not np.any(fake >= fake_start):
            continue
        if fake_start is None and not np.any(fake >= 1):
            continue
        checked += 1
        at_least_as_far += _fit(fake, fake_start, floor)[3] >= ks
    if checked == 0:
        return PowerLawFit(alpha, start, n_tail, ks, float("nan"), 0)
    return PowerLawFit(alpha, start, n_tail, ks, at_least_as_far / checked, checked)


@dataclass(frozen=True)
class TailComparison:
    """A power law and a log-normal fitted to the same tail, compared (see :func:`compare_tails`).

    Attributes
    ----------
    better : str
        ``"power law"``, ``"log-normal"`` or ``"cannot tell"`` (p_value >= 0.1).
    log_ratio : float
        Log-likelihood of the power law minus that of the log-normal, summed over the
        tail: positive favours the power law.
    statistic : float
        Vuong's normalised ratio: ``log_ratio / (sd * sqrt(n_tail))``, about normal(0, 1)
        when the two fit equally well.
    p_value : float
        Two-sided: how often a ratio this far from 0 would arise if both fit equally well.
    exponent, mu, sigma : float
        The fitted power law's exponent; the log-normal's mean and spread of ln k.
    k_min, n_tail : int
        Where the tail starts and how many values it holds.
    """

    better: str
    log_ratio: float
    statistic: float
    p_value: float
    exponent: float
    mu: float
    sigma: float
    k_min: int
    n_tail: int


def _log_normal_log_pmf(k, mu, sigma, k_min):
    """ln P(k) for whole numbers k >= k_min under a log-normal cut at k_min.

    P(k) = [F(k + 1) - F(k)] / [1 - F(k_min)], where F is the log-normal's cumulative share:
    the chance that a log-normal draw, rounded down, is k. Computed from the upper tails
    (log_ndtr of minus the z-score) so that it stays exact far out where F is almost 1.
    """
    from scipy.special import log_ndtr

    upper_k = log_ndtr(-(np.log(k) - mu) / sigma)               # ln P(X >= k)
    upper_next = log_ndtr(-(np.log(k + 1.0) - mu) / sigma)      # ln P(X >= k + 1)
    upper_start = log_ndtr(-(np.log(float(k_min)) - mu) / sigma)
    # ln(P(X >= k) - P(X >= k + 1)) without subtracting two nearly equal numbers
    return upper_k + np.log1p(-np.exp(upper_next - upper_k)) - upper_start


def compare_tails(degrees, k_min):
    r"""Compare a power law with a log-normal on the tail ``degrees >= k_min`` (Vuong's test).

    Clauset, Shalizi and Newman (2009, section 5) [1]_ ask which of two heavy tails makes
    the data more likely. Both are fitted by maximum likelihood to the same tail (whole
    numbers, both cut at ``k_min``): the power law :math:`k^{-\alpha}/\zeta(\alpha, k_{min})`
    and a log-normal (a curve whose logarithm follows a bell curve), rounded down to whole
    numbers. For each value the difference of the two log-likelihoods is taken; their sum
    R says which fits better, and Vuong's test says whether R is further from 0 than chance
    would put it: if p < 0.1 the sign of R decides, otherwise the test cannot tell.

    A log-normal with a very wide spread looks like a power law over a few powers of ten,
    so "cannot tell" is a common, honest outcome.

    Parameters
    ----------
    degrees : list of whole numbers >= 0
    k_min : int
        Where the tail starts (e.g. ``power_law_fit(degrees).k_min``); at least 1.

    Returns
    -------
    TailComparison

    Raises
    ------
    ValueError
        If ``degrees`` is not whole numbers >= 0, ``k_min < 1`` or fewer than 10 values
        reach ``k_min``.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> spread = np.floor(np.exp(rng.normal(3, 1, 5000))).astype(int)    # log-normal draws
    >>> compare_tails(spread, 20).better
    'log-normal'
    """
    from scipy.optimize import minimize
    from scipy.special import erfc, zeta

    check_items("degrees", degrees, what="degrees", allow_empty=True)
    check_number("k_min", k_min, 1, integer=True)
    k = _check_degrees(degrees)
    tail = k[k >= k_min].astype(float)
    if tail.size < 10:
        raise ValueError(f"k_min = {k_min} leaves {tail.size} values in the tail; the comparison needs at least 10")
    n = tail.size
    logs = np.log(tail)
    # The power law: its exact maximum-likelihood exponent, then each value's log-likelihood.
    alpha = float(_mle_exponents(n, logs.sum(), [k_min])[0])
    power = -alpha * logs - np.log(zeta(alpha, float(k_min)))

    # The log-normal: the mean and spread of ln k that make the tail most likely (sigma kept > 0
    # by fitting its logarithm), started from the tail's own mean and spread of ln k.
    def minus_log_likelihood(params):
        return -_log_normal_log_pmf(tail, params[0], np.exp(params[1]), k_min).sum()

    start = [logs.mean(), np.log(max(logs.std(), 0.1))]
    best = minimize(minus_log_likelihood, start, method="Nelder-Mead",
                    options={"xatol": 1e-6, "fatol": 1e-8, "maxiter": 4000})
    mu, sigma = float(best.x[0]), float(np.exp(best.x[1]))
    log_normal = _log_normal_log_pmf(tail, mu, sigma, k_min)

    ratios = power - log_normal                 # one per value: > 0 where the power law fits it better
    log_ratio = float(ratios.sum())
    spread = float(ratios.std())
    if spread == 0:
        statistic, p_value = 0.0, 1.0
    else:
        statistic = log_ratio / (spread * np.sqrt(n))
        p_value = float(erfc(abs(statistic) / np.sqrt(2)))     # two-sided, normal
    if p_value >= 0.1:
        better = "cannot tell"
    else:
        better = "power law" if log_ratio > 0 else "log-normal"
    return TailComparison(better, log_ratio, float(statistic), p_value, alpha, mu, sigma, int(k_min), int(n))

"""Figures for effort and returns in real posting data (lesson 07).

One figure: each day's returns against the tweets published that day, on log-log axes,
with the fitted slope (:func:`smlearn.realdata.posting.returns_elasticity`); a slope of 1
means returns grow in proportion to effort. :func:`describe_effort_and_returns` is its
one-line text for readers who cannot see it.

Examples
--------
>>> import pandas as pd
>>> days = pd.DataFrame({"tweets": [1, 2, 4, 8], "impressions": [100, 300, 500, 900]})
>>> describe_effort_and_returns(days).split(":")[0]
'Scatter plot on log-log axes of 4 days'
"""

from __future__ import annotations

import numpy as np

from smlearn.params import check_number, check_table
from smlearn.plots.style import OKABE_ITO, new_figure

__all__ = ["plot_effort_and_returns", "describe_effort_and_returns"]


def _effort_fit(days, returns, model_slope):
    from smlearn.realdata.posting import RETURNS, returns_elasticity

    check_table("days", days, ["tweets"], what="a table from smlearn.realdata.posting.effort_and_returns")
    if not isinstance(returns, str) or returns not in RETURNS:
        raise ValueError(f"returns must be one of {', '.join(RETURNS)}; got {returns!r}")
    check_table("days", days, ["tweets", returns], what="a table from smlearn.realdata.posting.effort_and_returns")
    if model_slope is not None:
        model_slope = check_number("model_slope", model_slope, -5, 5)
    return returns_elasticity(days, returns=returns), model_slope


def plot_effort_and_returns(days, *, returns="impressions", model_slope=None):
    """Draw each day's returns against its tweets on log-log axes, with the fitted slope.

    Parameters
    ----------
    days : pandas.DataFrame
        From :func:`smlearn.realdata.posting.effort_and_returns` (or days added up by week).
    returns : str
        The returns column, ``"impressions"`` by default.
    model_slope : float, optional
        A model's slope, drawn as a dashed line through the middle of the data (the
        geometric means), so the two can be compared by eye.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.DataFrame({"tweets": [1, 2, 4, 8], "impressions": [100, 200, 400, 800]})
    >>> fig = plot_effort_and_returns(days)
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_xlabel()
    ('log', 'Tweets published that day (tweets, log scale)')
    """
    fit, model_slope = _effort_fit(days, returns, model_slope)
    used = days[(days["tweets"] > 0) & (days[returns] > 0)]
    x = used["tweets"].to_numpy(dtype=float)
    y = used[returns].to_numpy(dtype=float)
    fig, (ax,) = new_figure()
    ax.scatter(x, y, s=18, color=OKABE_ITO["blue"], alpha=0.6, marker="o", label="one day")
    line_x = np.geomspace(x.min(), x.max(), 50)
    ax.plot(line_x, np.exp(fit["intercept"]) * line_x ** fit["slope"], color=OKABE_ITO["vermillion"],
            linestyle="-", linewidth=2, label=f"fitted: slope {fit['slope']:.2f}")
    if model_slope is not None:
        # The model's slope through the middle of the data (the means of the logarithms).
        mid_x, mid_y = np.exp(np.log(x).mean()), np.exp(np.log(y).mean())
        ax.plot(line_x, mid_y * (line_x / mid_x) ** model_slope, color="black", linestyle="--", linewidth=1.5,
                label=f"the model: slope {model_slope:.2f}, drawn through the data's centre")
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Plain numbers on the log axes (1, 10, 10,000), not powers of ten.
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set(xlabel="Tweets published that day (tweets, log scale)",
           ylabel=f"{returns.capitalize()} that day ({returns}, log scale)")
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    ax.set_title(f"Twice the tweets, {2 ** fit['slope']:.2f} times the {returns}: slope {fit['slope']:.2f}"
                 f" (1 would be in proportion)", fontsize=11)
    return fig


def describe_effort_and_returns(days, *, returns="impressions", model_slope=None) -> str:
    """A one-line text description of :func:`plot_effort_and_returns`."""
    fit, model_slope = _effort_fit(days, returns, model_slope)
    used = days[(days["tweets"] > 0) & (days[returns] > 0)]
    text = (f"Scatter plot on log-log axes of {fit['periods']} days: tweets published that day "
            f"({used['tweets'].min():.0f} to {used['tweets'].max():.0f}) against {returns} that day "
            f"({used[returns].min():,.0f} to {used[returns].max():,.0f}). The fitted line has slope "
            f"{fit['slope']:.2f}: twice the tweets go with {2 ** fit['slope']:.2f} times the {returns}; rank "
            f"correlation {fit['rank_correlation']:.2f}.")
    if model_slope is not None:
        text += (f" A dashed line shows the model's slope, {model_slope:.2f}, drawn through the centre of the"
                 f" data (the geometric means), for comparison of slopes only.")
    quiet = days[days["tweets"] == 0]
    if len(quiet):
        # Days with no tweets still have returns (older tweets are still seen): say how many.
        text += (f" {len(quiet)} days with no tweets are left out (a log axis has no 0); they still drew a"
                 f" median of {quiet[returns].median():,.0f} {returns}.")
    elif fit["left_out"]:
        text += f" {fit['left_out']} days with no {returns} are left out: a log axis has no 0."
    return text

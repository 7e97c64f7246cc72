"""Every explorer's caption is true of its result, at every setting of every control.

Hypothesis draws a value for each control in its PARAMS range (and each Choice) and builds the
explorer; a small oracle per explorer reads the *result* (never the caption code) and checks that
each number the caption states matches it at the caption's rounding, that its comparisons
("overtakes", "beats", "within") agree with the signs in the result, and that no "N of M" has N > M.
"""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_explorers import EXPLORERS
from smlearn.params import Choice

matplotlib.use("Agg")

EXAMPLES = 12   # per explorer: enough to reach the edges now and then, quick enough for every run


def has(caption, fragment):
    assert fragment in caption, f"the caption should say {fragment!r}: {caption}"


def no_n_of_m_above(caption):
    for n, m in re.findall(r"(\d[\d,]*) of (\d[\d,]*)\b", caption):
        assert int(n.replace(",", "")) <= int(m.replace(",", "")), f"{n} of {m} in: {caption}"


def pct(x):
    return f"{x:.0%}"


# ---- One oracle per explorer --------------------------------------------------------------------

def traffic_oracle(result, params, caption):
    push = result[result["channel"] == "push"].sort_values("period")
    pull = result[result["channel"] == "pull"].sort_values("period")
    weeks = len(push)
    has(caption, f"Over {weeks} weeks push brings {push['visits'].sum():,.0f} visits and "
                 f"{push['customers'].sum():,.1f} customers; pull brings {pull['visits'].sum():,.0f} visits and "
                 f"{pull['customers'].sum():,.1f} customers")
    a, b = push["visits"].to_numpy(), pull["visits"].to_numpy()
    if m := re.search(r"Pull overtakes push in week (\d+)", caption):
        w = int(m.group(1))
        assert b[w - 1] > a[w - 1] and (w == 1 or b[w - 2] <= a[w - 2]), caption
    if "Pull brings more visits than push from week 1" in caption:
        assert b[0] > a[0], caption
    if "Push stays ahead of pull" in caption:
        assert (a > b).all(), caption
    if "Pull never brings more visits" in caption:
        assert (b <= a).all(), caption
    if "Neither push nor pull brings any visits" in caption:
        assert a.sum() == 0 and b.sum() == 0, caption
    else:
        assert a.sum() > 0 or b.sum() > 0 or "Neither" in caption
    for share, channel in re.findall(r"(\d+)% of (push|pull)'s", caption):
        rows = push if channel == "push" else pull
        stated = int(share) / 100
        assert pct((rows.loc[rows["hours"] == 0, "visits"].sum()) / rows["visits"].sum()) == f"{share}%", caption
        assert rows["visits"].sum() > 0 and stated >= 0
    if m := re.search(r"and (push|pull) brings none", caption):
        rows = push if m.group(1) == "push" else pull
        assert rows["visits"].sum() == 0, caption


def network_oracle(result, params, caption):
    t = result.table
    has(caption, f"{params['n']} people each")
    for kind in ("friendship", "follower"):
        row = t.loc[kind]
        has(caption, f"{kind}: reciprocity {row['reciprocity']:.2f}, clustering {row['clustering']:.2f}")
        has(caption, f"Gini {row['gini_followers']:.2f}, top 1 % share {row['top1_share']:.2f}")
    if "Friendships are all returned" in caption:
        assert t.loc["friendship", "reciprocity"] == 1.0
    has(caption, f"{pct(t.loc['follower', 'reciprocity'])} of follows are returned")
    has(caption, f"hold {pct(t.loc['follower', 'top1_share'])} of followers")


def spread_oracle(run, params, caption):
    adopted = np.asarray(run.adopted_at)
    n = len(adopted)
    asked = params["step"]
    end = run.steps
    has(caption, f"over {end} steps")
    has(caption, f"{pct((adopted >= 0).mean())} of {n:,} people in {end} steps")
    starters = int((adopted == 0).sum())
    has(caption, f"from {starters:,} starting {'person' if starters == 1 else 'people'}")
    shown = min(asked, end)
    reached = int(((adopted >= 0) & (adopted <= shown)).sum())
    has(caption, f"At step {asked}: {reached:,}")
    if asked > end:
        has(caption, f"at step {asked} (the run ended at step {end})")
    else:
        has(caption, f"at step {asked} of {end}")
    title = picture_title(params)
    if title is not None:
        assert f"Step {asked}" in title and f"{reached:,}" in title, title


def front_page_oracle(result, params, caption):
    items = result.items
    honest = items[~items["target"]]
    targets = items[items["target"]]
    final = np.asarray(result.ranks[-1])
    has(caption, f"over {params['hours']} hours")
    best = int(np.nanmin(np.asarray(result.ranks)[:, targets.index.to_numpy()]))
    has(caption, f"#{best}")
    if params["manipulation"]:
        assert (targets["fake_ups"] == params["ring_size"]).all()
        has(caption, f"{params['ring_size']} fake up-votes on each")
    else:
        top = items.index[final <= 10]
        has(caption, f"the final top 10 has mean quality {items.loc[top, 'quality'].mean():.2f}")
        has(caption, f"(all items: {items['quality'].mean():.2f})")
    if honest["ups"].nunique() > 1:
        from scipy.stats import spearmanr

        has(caption, f"rank correlation {spearmanr(honest['quality'], honest['ups']).statistic:.2f}")


def market_oracle(market, params, caption):
    worlds = market.worlds
    gini = worlds.groupby("condition")["gini"].mean()
    has(caption, f"in {params['n_worlds']} worlds with social influence (influence {params['influence']:.2f})")
    has(caption, f"Gini {gini['social influence']:.2f} vs {gini['independent']:.2f} independent")
    u = market.metrics["unpredictability"]
    if m := re.search(r"unpredictability ([\d.]+) times as high", caption):
        assert u["independent"] > 0 and f"{u['social influence'] / u['independent']:.1f}" == m.group(1), caption
    assert np.isfinite(u).all()


def links_oracle(web, params, caption):
    weekly, pages = web.weekly, web.pages
    last, first = weekly.iloc[-1], weekly.iloc[0]
    has(caption, f"over {params['periods']} weeks")
    has(caption, f"By week {params['periods']}: {int(last['links_in'])} links from other sites, "
                 f"{last['visits']:.0f} search visits a week")
    if m := re.search(r"\(([\d.]+) times week 1\)", caption):
        assert first["visits"] > 0 and last["visits"] >= first["visits"]
        assert f"{last['visits'] / first['visits']:.1f}" == m.group(1)
    if "down to" in caption:
        assert last["visits"] < first["visits"], caption
    if "up from none in week 1" in caption:
        assert first["visits"] == 0 < last["visits"]
    m = re.search(r"your best page ranks #(\d+) of (\d+)", caption)
    top = pages.loc[pages["owner"] == "you", "pagerank"].max()
    above, level = int((pages["pagerank"] > top).sum()), int((pages["pagerank"] == top).sum())
    assert above + 1 <= int(m.group(1)) <= above + level and int(m.group(2)) == len(pages), caption
    has(caption, f"{weekly['customers'].sum():.0f} customers come from search")


def week_oracle(run, params, caption):
    last = run.result.iloc[-1]
    has(caption, f"over {params['weeks']} weeks")
    has(caption, f"in the last week {last['content_leads']:.2f} from content, {last['referral_leads']:.2f} referred by "
                 f"ties, {last['message_leads']:.2f} from mass messages")
    grid = run.grid
    top = grid["value"].max()
    if top > 0:
        best = grid.loc[grid["value"] == top]
        m = re.search(r"the best gives (\d+)% of the hours to the find side and (\d+)% of those", caption)
        assert any(f"{r.media_share:.0%}" == f"{m.group(1)}%" and f"{r.reply_share:.0%}" == f"{m.group(2)}%"
                   for r in best.itertuples()), caption
        assert run.value <= top * (1 + 1e-9), f"your split beats the best on the map: {caption}"
        has(caption, f"{run.value / top:.0%} of the best on the map")
        near = int((grid["value"] >= 0.95 * top - 1e-12).sum())
        has(caption, f"{near} of {len(grid)} splits within 5 %")
    else:
        assert "No split brings any" in caption, caption


def returns_oracle(result, params, caption):
    n = params["sample_size"]
    table = result.table
    for row in table.itertuples():
        has(caption, f"{row.type} ({row.group}): {row.estimate:.2%} from {row.posts} posts")
        assert row.boot_low <= row.estimate <= row.boot_high or not np.isfinite(row.boot_low)
    if f"With {n} posts of each" in caption:
        assert (table["posts"] == n).all(), caption
    prob = result.prob_b_better
    if " beats " in caption:
        a, b = table.iloc[0]["type"], table.iloc[1]["type"]
        winner = re.search(r"posts of each: (.+?) beats ", caption).group(1)
        winner_is_b = winner == (b if a != b else f"{b} B")
        assert (prob >= 0.95) if winner_is_b else (prob <= 0.05), caption
    if "no clear winner" in caption:
        assert 0.05 < prob < 0.95, caption


def pipeline_oracle(result, params, caption):
    last = result.iloc[-1]
    has(caption, f"Two charts over {params['weeks']} weeks")
    has(caption, f"followers end at {last['followers']:,.0f} and ties at {last['ties']:,.0f}")
    leads = result["content_leads"].sum() + result["referral_leads"].sum() + result["message_leads"].sum()
    if leads > 0:
        has(caption, f"{leads:,.0f} leads in {params['weeks']} weeks, "
                     f"{(result['referral_leads'].sum() + result['message_leads'].sum()) / leads:.0%} through ties")
    else:
        has(caption, "No leads")


ORACLES = {"PushPullExplorer": traffic_oracle, "NetworkExplorer": network_oracle, "SpreadExplorer": spread_oracle,
           "FrontPageExplorer": front_page_oracle, "MusicLabExplorer": market_oracle, "LinkExplorer": links_oracle,
           "WeekExplorer": week_oracle, "ReturnsExplorer": returns_oracle, "PipelineExplorer": pipeline_oracle}

_TITLES = {}


def picture_title(params):
    return _TITLES.get("spread")


def test_every_explorer_has_an_oracle():
    assert set(ORACLES) == set(EXPLORERS)


def _value(param):
    if isinstance(param, Choice):
        return st.sampled_from(param.options)
    steps = int(round((param.max - param.min) / param.step))
    return st.integers(0, steps).map(lambda k: param.min + k * param.step).map(
        lambda v: int(v) if param.integer else round(min(v, param.max), 10))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EXPLORERS))
def test_the_caption_is_true_of_the_result_at_any_setting(name):
    import smlearn.widgets

    cls = getattr(smlearn.widgets, name)
    controls = {c: _value(cls.PARAMS[c]) for c in cls.CONTROLS}
    # Big networks are slow and tell no more: the course_explorers sizes are the largest drawn.
    for size in ("n",):
        if size in controls and size in EXPLORERS[name]:
            controls[size] = st.sampled_from([cls.PARAMS[size].min, EXPLORERS[name][size]])

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.fixed_dictionaries(controls))
    def check(params):
        explorer = cls(**{**EXPLORERS[name], **params})
        _TITLES["spread"] = explorer.artists["net_title"].get_text() if name == "SpreadExplorer" else None
        caption = explorer.description
        no_n_of_m_above(caption)
        ORACLES[name](explorer.result, explorer.params, caption)
        import matplotlib.pyplot as plt

        plt.close(explorer.figure)

    check()


def test_the_spread_step_control_and_the_title_agree():
    from smlearn.widgets import SpreadExplorer

    explorer = SpreadExplorer(n=400)
    end = explorer.result.steps
    assert explorer.params["step"] > end          # the control starts past the end: it shows the end
    title = explorer.artists["net_title"].get_text()
    assert title.startswith(f"Step {explorer.params['step']} (the run ended at step {end})"), title
    explorer.update(step=end - 1)
    assert explorer.artists["net_title"].get_text().startswith(f"Step {end - 1} of {end}:")
    explorer.update(step=end)
    assert explorer.artists["net_title"].get_text().endswith("in all")


@pytest.mark.slow
@pytest.mark.parametrize("changes", [{}, {"hours": 12}, {"hours": 168}, {"manipulation": True, "ring_size": 100},
                                     {"rule": "score"}, {"rule": "wilson", "voters_per_hour": 1000},
                                     {"voters_per_hour": 0}, {"rule": "hacker news", "gravity": 0.0}])
def test_the_top_10_label_overlaps_no_line_and_no_text(changes):
    from matplotlib.text import Text

    from smlearn.widgets import FrontPageExplorer

    explorer = FrontPageExplorer(**changes)
    fig = explorer.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    label = explorer.artists["top_label"]
    box = label.get_window_extent(renderer)
    rank_ax = label.axes
    lines = [explorer.artists["best"], *explorer.artists["targets"]]
    paths = [line.get_xydata() for line in lines] + [np.asarray(s).reshape(-1, 2) for s in explorer.artists["items"].get_segments()]
    clip = rank_ax.bbox
    for xy in paths:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        xy = xy[np.isfinite(xy).all(axis=1)]
        if len(xy) < 1:
            continue
        # Points along each segment, in pixels; only what falls inside the axes is drawn.
        dense = np.concatenate([np.linspace(a, b, 20) for a, b in zip(xy[:-1], xy[1:])]) if len(xy) > 1 else xy
        px = rank_ax.transData.transform(dense)
        drawn = px[(px[:, 0] >= clip.x0) & (px[:, 0] <= clip.x1) & (px[:, 1] >= clip.y0) & (px[:, 1] <= clip.y1)]
        inside = (drawn[:, 0] >= box.x0) & (drawn[:, 0] <= box.x1) & (drawn[:, 1] >= box.y0) & (drawn[:, 1] <= box.y1)
        assert not inside.any(), f"a line crosses the 'top 10' label at {changes}"
    others = [t for t in fig.findobj(Text) if t is not label and t.get_visible() and t.get_text().strip()]
    for text in others:
        assert not box.overlaps(text.get_window_extent(renderer)), f"'top 10' overlaps {text.get_text()!r} at {changes}"

"""Make data/post_metrics.csv: a SYNTHETIC, seeded table of social media posts and their metrics.

Nothing in this file was measured. It imitates the shape of a small business's page
export (one row per post, the counts a platform's analytics show) so that lesson 08 can
teach the metrics with a data set whose true values we know. Run it again and you get
the same file, byte for byte::

    python scripts/make_post_metrics.py               # rewrites data/post_metrics.csv (and its sha256 in the manifest)
    python scripts/make_post_metrics.py --out x.csv   # writes somewhere else

How each post is made (all choices illustrative; the TRUE rates are in ``TYPES``):

- 600 posts over 2025, about 11 a week, at a random hour between 7:00 and 21:59;
- the page grows from 4,000 to about 6,000 followers over the year (``followers`` is
  the count on the day of the post);
- the type is photo, video, link or status; a fifth of the posts are paid (boosted),
  with a spend of $20 to $80 that triples their reach on average;
- reach ~ Poisson(followers x organic share of the type x a post's own luck
  (log-normal) x the paid boost); impressions = reach + Poisson(0.6 x reach) (some
  people see a post twice);
- every post has its own engagement rate: the type's true rate times a log-normal
  luck factor, so posts of one type differ more than coin flips would;
  engaged_users ~ Binomial(reach, that rate);
- among engaged users, likes, comments, shares and clicks are Binomial draws with the
  type's own shares; conversions (sales, sign-ups) ~ Binomial(clicks, 3 %).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250101
N_POSTS = 600
OUT = Path(__file__).resolve().parent.parent / "data" / "post_metrics.csv"

# type: (share of posts, organic reach share, engagement rate, click share of engaged, like, comment, share)
TYPES = {
    "photo": (0.40, 0.12, 0.050, 0.10, 0.85, 0.10, 0.06),
    "video": (0.20, 0.15, 0.060, 0.12, 0.80, 0.12, 0.10),
    "link": (0.22, 0.08, 0.035, 0.55, 0.55, 0.06, 0.08),
    "status": (0.18, 0.10, 0.055, 0.05, 0.80, 0.20, 0.03),
}
CONVERSION = 0.03
COLUMNS = ["post_id", "published", "type", "paid", "spend", "followers", "reach", "impressions",
           "engaged_users", "likes", "comments", "shares", "clicks", "conversions"]


def make(seed: int = SEED, n: int = N_POSTS) -> pd.DataFrame:
    """Return the synthetic table (one generator, every draw from it, in a fixed order)."""
    rng = np.random.default_rng(seed)
    names = list(TYPES)
    when = np.sort(rng.integers(0, 365, size=n) * 1440 + rng.integers(7 * 60, 22 * 60, size=n))  # minutes
    day, minute = when // 1440, when % 1440
    published = pd.Timestamp("2025-01-01") + pd.to_timedelta(day, unit="D") + pd.to_timedelta(minute, unit="min")
    kind = rng.choice(names, size=n, p=[TYPES[t][0] for t in names])
    paid = rng.random(n) < 0.2
    spend = np.where(paid, rng.integers(4, 17, size=n) * 5, 0)
    followers = np.round(4000 * np.exp(np.log(1.5) * day / 365)).astype(int)

    spec = {t: np.array([TYPES[k][i] for k in kind]) for i, t in
            enumerate(["share", "organic", "engage", "click", "like", "comment", "shares"])}
    luck = rng.lognormal(0.0, 0.5, size=n)
    boost = np.where(paid, 3.0, 1.0)
    reach = rng.poisson(followers * spec["organic"] * luck * boost)
    impressions = reach + rng.poisson(0.6 * reach)
    rate = np.clip(spec["engage"] * rng.lognormal(-0.045, 0.3, size=n), 0, 1)
    engaged = rng.binomial(reach, rate)
    likes = rng.binomial(engaged, spec["like"])
    comments = rng.binomial(engaged, spec["comment"])
    shares = rng.binomial(engaged, spec["shares"])
    clicks = rng.binomial(engaged, spec["click"])
    conversions = rng.binomial(clicks, CONVERSION)
    return pd.DataFrame({
        "post_id": np.arange(1, n + 1), "published": published.strftime("%Y-%m-%d %H:%M"), "type": kind,
        "paid": np.where(paid, "true", "false"), "spend": spend, "followers": followers, "reach": reach,
        "impressions": impressions, "engaged_users": engaged, "likes": likes, "comments": comments,
        "shares": shares, "clicks": clicks, "conversions": conversions,
    }, columns=COLUMNS)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the CSV")
    args = parser.parse_args(argv)
    table = make()
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"wrote {args.out}")
    if args.out.resolve() == OUT.resolve():
        from manifest import record

        entry = record({"name": "post_metrics", "file": OUT.name, "rows": len(table)})
        print(f"recorded its sha256 {entry['sha256'][:12]}... in data/manifest.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

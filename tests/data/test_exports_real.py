"""The export loader on real exports as platforms write them, and on perturbed copies of each.

Real files: the six months of X/Twitter analytics shipped in ``data/real/twitter_analytics_debruine``
(per post and per day), and the two UCI files in ``../shared/data/real`` beside the clone (skipped
locally when absent, required in CI; see tests/data/test_exports.py). Each perturbed copy is written in
``tmp_path`` (never in the repository) and must give the same numbers as the unperturbed file:
column totals, rows, dates. The expected figures for the shipped files were read with the csv
module in :func:`independent_totals`, not with the loader.
"""

import csv
import functools
import json

import numpy as np
import pandas as pd
import pytest

from smlearn import data
from smlearn.exports import LAYOUTS, MAPPINGS, ExportError, Layout, load_export

from test_exports import LIVE, MORO, require_real_files

pytestmark = pytest.mark.slow   # real exports read again in every encoding, separator and number format

X = data.data_dir() / "real" / "twitter_analytics_debruine"
X_POSTS = sorted(X.glob("tweet_activity_metrics_*.csv"))
X_DAILY = sorted(X.glob("daily_tweet_activity_metrics_*.csv"))

# name -> (path, separator, encoding, kind, text columns that stay text, date column in the file)
REAL = {
    "x_posts": (X_POSTS[0], ",", "utf-8", "x_posts", ("Tweet id", "Tweet permalink", "Tweet text"), "time"),
    "x_daily": (X_DAILY[0], ",", "utf-8", "x_daily", (), "Date"),
    "moro": (MORO, ";", "utf-8", "facebook_metrics", ("Type",), None),
    "live": (LIVE, ",", "utf-8-sig", "live_sellers", ("status_id", "status_type"), "status_published"),
}


def real(name):
    path = REAL[name][0]
    if name in ("moro", "live"):
        require_real_files()
    return path


def raw(name):
    """The file as a table of text, exactly as written (no type guessed); a fresh copy each time."""
    return _raw(name).copy()


@functools.cache
def _raw(name):
    path, separator, encoding = REAL[name][:3]
    return pd.read_csv(real(name), sep=separator, dtype=str, keep_default_na=False, encoding=encoding)


def write(frame, path, *, sep=",", encoding="utf-8", errors="strict"):
    text = frame.to_csv(index=False, sep=sep, lineterminator="\r\n")
    path.write_bytes(text.encode(encoding, errors=errors))
    return path


def numbers(posts):
    """Column totals of every numeric column, and the row count: what a perturbation must not change."""
    totals = {c: round(float(posts[c].astype("float64").sum()), 6) for c in posts.columns
              if pd.api.types.is_numeric_dtype(posts[c]) and not pd.api.types.is_bool_dtype(posts[c])}
    return len(posts), totals


def reference(name):
    """The unperturbed file, loaded once (a copy of the table each time)."""
    posts, report = _reference(name)
    return posts.copy(), report


@functools.cache
def _reference(name):
    return load_export(real(name))


# ---- The shipped X/Twitter files ---------------------------------------------------------------

def independent_totals(files, column):
    """Rows and the total of one column, read with the csv module (not with pandas or the loader)."""
    rows, total = 0, 0.0
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                rows += 1
                total += float(record[column])
    return rows, total


def test_the_six_monthly_post_files_load_at_once_from_the_shipped_folder():
    posts, report = load_export(data.path("x_analytics_posts"), kind="x_posts")
    rows, impressions = independent_totals(X_POSTS, "impressions")
    assert (rows, impressions) == (1439, 3223116.0)
    assert report.kind == "x_posts" and report.rows_read == rows and report.rows_kept == rows
    assert int(posts["impressions"].sum()) == impressions
    assert report.details["files"].count("tweet_activity_metrics_") == 6
    assert report.details["skipped_files"].count("daily_tweet_activity_metrics_") == 6
    # every time had a +0000 offset, converted to UTC; every promoted cell was '-'
    assert report.problems["time_zone_offsets"] == rows and report.details["date_formats"] == f"YYYY-MM-DD HH:MM +offset: {rows}"
    assert report.problems["dash_cells"] == 18 * rows and posts["promoted_impressions"].isna().all()
    assert posts["published"].min() == pd.Timestamp("2021-01-01 10:20") and posts["published"].max() == pd.Timestamp("2021-06-30 21:07")
    assert posts["post_id"].is_unique and str(posts["likes"].dtype) == "Int64"
    assert posts["engagement_rate"].iloc[0] == pytest.approx(posts["engagements"].iloc[0] / posts["impressions"].iloc[0])
    assert report.problems["unreadable_numbers"] == 0 and report.problems["unreadable_dates"] == 0


def test_the_six_monthly_day_files_load_at_once():
    days, report = load_export(X_DAILY)          # a list of files works as a folder does
    rows, impressions = independent_totals(X_DAILY, "impressions")
    assert (rows, impressions) == (181, 3228731.0)
    assert report.kind == "x_daily" and len(days) == 181 and days["date"].is_unique
    assert int(days["impressions"].sum()) == impressions and int(days["posts"].sum()) == independent_totals(X_DAILY, "Tweets published")[1]
    assert days["date"].min() == pd.Timestamp("2021-01-01") and days["date"].max() == pd.Timestamp("2021-06-30")


def test_a_folder_of_two_kinds_is_refused_with_the_fix():
    with pytest.raises(ExportError, match=r"different kinds: 6 of kind 'x_daily'.*6 of kind 'x_posts'.*pass kind="):
        load_export(data.path("twitter_analytics_debruine"))


def test_the_same_post_in_two_monthly_files_counts_once(tmp_path):
    january, february = raw("x_posts"), pd.read_csv(X_POSTS[1], dtype=str, keep_default_na=False)
    later = january.head(3).copy()
    later["impressions"] = (later["impressions"].astype(float) + 100).astype(str)   # seen again a month later
    write(january, tmp_path / "a_january.csv")
    write(pd.concat([later, february]), tmp_path / "b_february.csv")
    posts, report = load_export(tmp_path)
    assert report.problems["repeated_posts"] == 3 and report.rows_read == len(january) + len(february) + 3
    assert len(posts) == len(january) + len(february)
    expected = january["impressions"].astype(float).sum() + february["impressions"].astype(float).sum() + 300
    assert int(posts["impressions"].sum()) == expected                 # the later copy was kept


def test_the_manifest_gives_the_x_files_with_their_own_licence():
    # data/manifest.json is the documented record of each data set (list_datasets leaves out the checksums)
    manifest = json.loads((data.data_dir() / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["name"]: e for e in manifest["datasets"]}
    for name, files in (("x_analytics_posts", X_POSTS), ("x_analytics_daily", X_DAILY)):
        entry = entries[name]
        assert sorted(entry["sha256"]) == [p.name for p in files]
        assert "CC BY-SA 4.0" in entry["licence"] and "own licence" in entry["licence"]
        assert "DeBruine" in entry["source"] and "8d5763ba" in entry["source"]
        assert len(data.load(name)) == entry["rows"]
    assert (X / "LICENSE_ads-v1_CC-BY-SA-4.0.txt").is_file() and (X / "PROVENANCE.md").is_file()


def test_a_damaged_file_of_a_group_is_refused(tmp_path):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    target = copy / "real" / "twitter_analytics_debruine" / X_DAILY[2].name
    target.write_text(target.read_text(encoding="utf-8").replace('"2021-03-05","', '"2021-03-05","1', 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=f"x_analytics_daily.*{X_DAILY[2].name} does not match its checksum"):
        data.path("x_analytics_daily", directory=copy)
    with pytest.raises(data.DataError, match="does not match its checksum"):
        data.load("x_analytics_daily", directory=copy)


# ---- Perturbed copies of every real file -----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REAL))
@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_each_separator(name, sep, tmp_path):
    posts, report = reference(name)
    copy, copied = load_export(write(raw(name), tmp_path / "copy.csv", sep=sep))
    assert numbers(copy) == numbers(posts) and copy.equals(posts)
    assert copied.details["separator"].endswith({",": "','", ";": "';'", "\t": "tab", "|": "'|'"}[sep])


@pytest.mark.parametrize("name", sorted(REAL))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_each_encoding(name, encoding, tmp_path):
    posts, _ = reference(name)
    # cp1252 has no emoji: a real cp1252 export would have lost them too, so only the numbers are compared
    copy, report = load_export(write(raw(name), tmp_path / "copy.csv", encoding=encoding, errors="replace"))
    assert numbers(copy) == numbers(posts)
    assert report.problems["byte_order_mark"] == int(encoding in ("utf-8-sig", "utf-16"))
    if encoding != "cp1252":
        assert copy.equals(posts)
    expected = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with", "utf-16": "UTF-16 with", "utf-16-le": "UTF-16-LE"}
    assert report.details["encoding"].startswith(expected.get(encoding, "cp1252" if name == "x_posts" else "UTF-8"))


def test_a_cp1252_text_is_read_as_written(tmp_path):
    frame = raw("x_posts").head(5)
    frame["Tweet text"] = "Café, naïve, 20€ – fine"
    posts, report = load_export(write(frame, tmp_path / "copy.csv", encoding="cp1252"))
    assert report.details["encoding"].startswith("cp1252") and (posts["text"] == "Café, naïve, 20€ – fine").all()


def numeric_columns(name):
    kind = REAL[name][3]
    layout = LAYOUTS[kind]
    back = {tidy: column for column, tidy in layout.columns.items()}
    return [back[c] for c in layout.counts], [back[c] for c in layout.decimals]


def regroup(value, group, point):
    """'1234.5' -> '1.234,5' (group '.', point ',') etc.; '-' and blanks stay."""
    if value.strip() in ("", "-"):
        return value
    number = float(value)
    whole, _, fraction = (f"{number:.10f}".rstrip("0").rstrip(".")).partition(".")
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    text = ("-" if whole.startswith("-") else "") + group.join([digits] + groups)
    return text + (point + fraction if fraction else "")


@pytest.mark.parametrize("name", sorted(REAL))
@pytest.mark.parametrize("style", ["1,234.5", "1.234,5", "1 234,5", "1\u00a0234.5"])
def test_each_number_format(name, style, tmp_path):
    posts, _ = reference(name)
    group, point = style[1], style[5]
    counts, decimals = numeric_columns(name)
    frame = raw(name)
    kept = ~frame.duplicated()          # exact copies are dropped before numbers are read
    big = 0
    for column in counts + decimals:
        big += int((pd.to_numeric(frame.loc[kept, column], errors="coerce") >= 1000).sum())
        frame[column] = frame[column].map(lambda v: regroup(v, group, point))
    sep = ";" if "," in (group, point) else ","
    copy, report = load_export(write(frame, tmp_path / "copy.csv", sep=sep))
    assert numbers(copy) == numbers(posts)
    assert report.problems["thousands_separators"] == big > 0
    assert report.problems["unreadable_numbers"] == 0
    fractions = sum(int(frame.loc[kept, c].str.contains(point, regex=False).sum()) for c in counts + decimals)
    assert report.problems["decimal_commas"] == (fractions if point == "," else 0)


def european(value):
    """'4/22/2018 6:00' or '2021-01-30 12:56 +0000' or '2021-01-01' -> the day first, with dots or slashes."""
    value = value.strip()
    if "-" in value[:10]:
        day = f"{value[8:10]}/{value[5:7]}/{value[:4]}"
        return day + (value[10:16] if len(value) > 10 else "")
    month, day, rest = value.split("/", 2)
    return f"{int(day):02d}.{int(month):02d}.{rest}"


@pytest.mark.parametrize("name", ["x_posts", "x_daily", "live"])
def test_european_dates_are_read_day_first_and_the_decision_reported(name, tmp_path):
    posts, _ = reference(name)
    column = REAL[name][5]
    frame = raw(name)
    frame[column] = frame[column].map(european)
    copy, report = load_export(write(frame, tmp_path / "copy.csv"))
    date = LAYOUTS[REAL[name][3]].date
    assert copy[date].equals(posts[date]) and numbers(copy) == numbers(posts)
    assert report.details["date_order_inferred"].startswith("day/month, decided from the data")
    parts = frame[column].str.extract(r"^(\d+)[./](\d+)").astype(int)
    ambiguous = (parts[0] <= 12) & (parts[1] <= 12) & (parts[0] != parts[1])
    assert report.problems["date_order_inferred"] == int(ambiguous[~raw(name).duplicated()].sum())


def test_an_undecidable_date_order_is_refused_unless_told(tmp_path):
    frame = raw("live")
    frame["status_published"] = frame["status_published"].map(european)
    day = frame["status_published"].str.slice(0, 2).astype(int)
    early = frame[day <= 12].drop_duplicates()
    path = write(early, tmp_path / "early.csv")
    with pytest.raises(ExportError, match=r"order of day and month .* cannot be decided.*day_first=True"):
        load_export(path)
    posts, report = load_export(path, day_first=True)
    original, _ = reference("live")
    single = original.drop_duplicates("status_id", keep=False)   # a few ids come twice with two dates
    both = posts[["status_id", "published"]].merge(single[["status_id", "published"]], on="status_id")
    assert len(posts) == len(early) and len(both) > len(posts) - 5
    assert (both["published_x"] == both["published_y"]).all()
    assert report.details["date_order"] == "day/month, as you said" and report.problems["date_order_inferred"] == 0
    with pytest.raises(ValueError, match="day_first must be True"):
        load_export(path, day_first="yes")


@pytest.mark.parametrize("name", sorted(REAL))
@pytest.mark.parametrize("labelled", [True, False])
def test_a_totals_row_is_dropped_and_reported(name, labelled, tmp_path):
    posts, _ = reference(name)
    counts, decimals = numeric_columns(name)
    frame = raw(name)
    total = {c: "" for c in frame.columns}
    for column in counts:
        values = pd.to_numeric(frame[column], errors="coerce")
        total[column] = "-" if values.isna().all() else str(int(values.sum()))
    if labelled:
        total[frame.columns[0]] = "Total"
    copy, report = load_export(write(pd.concat([frame, pd.DataFrame([total])]), tmp_path / "copy.csv"))
    assert report.problems["summary_rows"] == 1 and numbers(copy) == numbers(posts)
    assert ("'Total'" if labelled else "the sum of the other rows") in report.details["summary_rows"]


@pytest.mark.parametrize("name", sorted(REAL))
def test_shuffled_columns(name, tmp_path):
    posts, _ = reference(name)
    frame = raw(name)
    order = np.random.default_rng(13).permutation(frame.columns)
    copy, _ = load_export(write(frame[order], tmp_path / "copy.csv", sep=REAL[name][1]))
    assert copy.equals(posts)


# ---- A learner's own layout, the ready mappings, and refusals that name the cause -----------------

def test_a_learner_writes_a_layout_in_a_few_lines(tmp_path):
    frame = raw("x_daily")[["Date", "impressions", "likes"]].rename(columns={"Date": "Tag", "impressions": "Reichweite", "likes": "Gefällt mir"})
    frame["Tag"] = pd.to_datetime(frame["Tag"]).dt.strftime("%d.%m.%Y")
    frame["Reichweite"] = frame["Reichweite"].map(lambda v: regroup(v, ".", ","))
    path = write(frame, tmp_path / "mine.csv", sep=";")
    mine = Layout(columns={"Tag": "date", "Reichweite": "reach", "Gefällt mir": "likes"},
                  date="date", date_format="%d.%m.%Y", separator=";")
    posts, report = load_export(path, layout=mine)
    days, _ = reference("x_daily")
    assert posts["reach"].tolist() == days["impressions"].tolist() and posts["date"].equals(days["date"])
    assert report.kind == "own layout" and report.details["date_formats"] == "%d.%m.%Y: 31"
    wrong = Layout(columns=mine.columns, date="date", separator=",")
    with pytest.raises(ExportError, match=r"separated by semicolon ';', but the layout says comma ','.*separator=';'"):
        load_export(path, layout=wrong)
    with pytest.raises(ValueError, match="'published' is named in the layout but is not a course column"):
        Layout(columns={"Tag": "date"}, date="published")
    with pytest.raises(ValueError, match="give kind or layout, not both"):
        load_export(path, layout=mine, kind="x_daily")


def test_a_youtube_studio_table_with_its_total_row(tmp_path):
    # The documented header of YouTube Studio's 'Table data.csv' (advanced mode), with its 'Total' row.
    lines = ["Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
             "Impressions,Impressions click-through rate (%)",
             "Total,,,,\"12,450\",310.5,21,\"98,000\",4.1",
             "abc123,First video,\"Mar 5, 2021\",412,\"10,000\",250.25,17,\"80,000\",4.5",
             "def456,Second video,\"Apr 12, 2021\",95,\"2,450\",60.25,4,\"18,000\",2.9"]
    (tmp_path / "Table data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    posts, report = load_export(tmp_path / "Table data.csv")
    assert report.kind == "youtube_studio" and report.problems["summary_rows"] == 1
    assert posts["views"].tolist() == [10000, 2450] and posts["watch_hours"].sum() == pytest.approx(310.5)
    assert posts["published"].tolist() == [pd.Timestamp("2021-03-05"), pd.Timestamp("2021-04-12")]
    assert report.problems["thousands_separators"] == 4


def test_a_meta_business_suite_export_in_utf16_with_month_first_dates(tmp_path):
    header = ["Post ID", "Page ID", "Page name", "Title", "Permalink", "Post type", "Publish time",
              "Reach", "Impressions", "Reactions", "Comments", "Shares", "Total clicks"]
    rows = [["1_1", "9", "Shop", "New in", "https://x/1", "Photos", "04/15/2024 10:30", "1,200", "1,500", "40", "3", "2", "61"],
            ["1_2", "9", "Shop", "Sale", "https://x/2", "Reels", "04/02/2024 18:05", "980", "1,100", "25", "1", "0", "12"]]
    text = "\t".join(header) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    (tmp_path / "posts.csv").write_bytes(text.encode("utf-16"))
    posts, report = load_export(tmp_path / "posts.csv")
    assert report.kind == "meta_business_suite_posts" and report.details["encoding"].startswith("UTF-16")
    assert posts["reach"].tolist() == [1200, 980] and posts["published"].iloc[1] == pd.Timestamp("2024-04-02 18:05")
    assert "month/day, decided from the data" in report.details["date_order_inferred"]
    assert report.problems["unknown_types"] == 2                    # 'photos', 'reels': the course's types are singular


def test_a_classic_insights_export_with_its_row_of_descriptions(tmp_path):
    # The classic Page Insights post export puts a second header row of words under the names.
    header = ("Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach,Lifetime Post Total Impressions,"
              "Lifetime Engaged Users,Lifetime Post Consumers,Lifetime Post Consumptions")
    words = (",,,,,Lifetime: The number of people who saw your post,Lifetime: The number of times it was seen,"
             "Lifetime: The number of people who engaged,Lifetime: The number of people who clicked,"
             "Lifetime: The number of clicks")
    rows = ['1_2,https://f/1,Hello,Photo,06/25/2019 09:00,"1,234",2000,50,40,60',
            "1_3,https://f/2,Hi,Link,06/03/2019 18:30,800,1500,20,15,25"]
    (tmp_path / "insights.csv").write_text("\n".join([header, words] + rows) + "\n", encoding="utf-8")
    posts, report = load_export(tmp_path / "insights.csv")
    assert report.kind == "facebook_insights_posts" and report.details["summary_rows"] == "dropped, e.g. a row of descriptions"
    assert posts["reach"].tolist() == [1234, 800] and report.problems["unreadable_numbers"] == 0
    assert posts["published"].tolist() == [pd.Timestamp("2019-06-25 09:00"), pd.Timestamp("2019-06-03 18:30")]
    assert report.details["date_order_inferred"] == "month/day, decided from the data: 1 date has a second number above 12"


def test_every_ready_mapping_loads_a_file_with_its_documented_columns(tmp_path):
    for kind, layout in MAPPINGS.items():
        values = {tidy: ("2021-01-05" if tidy == layout.date else "x" if tidy in layout.text or tidy == "type" else "7")
                  for tidy in layout.columns.values()}
        header = ",".join(f'"{c}"' for c in layout.columns)
        line = ",".join(values[t] for t in layout.columns.values())
        path = tmp_path / f"{kind}.csv"
        path.write_text(f"{header}\n{line}\n", encoding="utf-8")
        posts, report = load_export(path)
        assert report.kind == kind and len(posts) == 1


def test_refusals_name_the_likely_cause_and_the_fix(tmp_path):
    frame = raw("x_daily")
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(frame.to_csv(index=False).encode("utf-32-le"))       # an encoding the loader does not read
    with pytest.raises(ExportError, match=r"encoding.*Fix: open it in a spreadsheet and save it again as 'CSV UTF-8'"):
        load_export(garbled)
    one_column = tmp_path / "spaces.csv"
    one_column.write_text("Date impressions likes\n2021-01-01 5 6\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"one single column.*the separator is none of"):
        load_export(one_column)
    renamed = tmp_path / "renamed.csv"
    write(frame.rename(columns={"impressions": "Impressions (organic)"}), renamed)
    with pytest.raises(ExportError, match=r"Closest is 'x_daily'.*lacks impressions.*Fix: .*LAYOUTS\['x_daily'\]"):
        load_export(renamed)

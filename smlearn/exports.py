"""Load a page's analytics export as the platform wrote it, clean it, and say exactly what was cleaned.

Real exports are messy. A file saved from a spreadsheet starts with a byte-order mark or
is in UTF-16; one tool separates with ``,``, another with ``;`` or a tab; numbers come as
``1,234``, ``1.234`` or ``1 234``; dates as ``04/03/2018`` (the 4th of March or the 3rd
of April?); a "Total" row sits under the posts; rows appear twice, or in two monthly
files; cells are empty or hold ``-``. :func:`load_export` reads an export as it comes,
fixes what can be fixed safely, refuses what it cannot decide (naming the likely cause
and the fix), and returns a :class:`CleaningReport` that counts every step, so nothing
is dropped or changed silently.

What it recognises by the columns
---------------------------------
``facebook_metrics``
    The UCI "Facebook metrics" data set: 500 posts of a cosmetics brand's page in 2014,
    19 columns separated by ``;`` (Moro, Rita and Vala 2016 [1]_).
``live_sellers``
    The UCI "Facebook Live sellers in Thailand" data set: 7,050 posts of ten Thai
    fashion and cosmetics sellers, 2012-2018, with reaction counts (Dehouche 2020 [2]_).
``x_posts`` and ``x_daily``
    X/Twitter analytics downloads (analytics.twitter.com): one row per post
    (``tweet_activity_metrics_<account>_<from>_<to>_en.csv``) or one row per day
    (``daily_tweet_activity_metrics_...``). Give a folder or a list of the monthly
    files to read them all at once: a post (or a day) in two files counts once.
Ready mappings (:data:`MAPPINGS`)
    Facebook Insights / Meta Business Suite post exports, Instagram, LinkedIn page and
    YouTube Studio exports. They follow the column names these platforms document; a
    platform renames columns now and then, so yours may need adjusting (see below).

Your own layout
---------------
Any other export loads through a :class:`Layout`, a few lines saying which of your
columns is which of the course's, and (if you know it) the date format and separator::

    mine = Layout(columns={"Date": "published", "Reach": "reach", "Likes": "likes"},
                  date="published", date_format="%d.%m.%Y")
    posts, report = load_export("my_export.csv", layout=mine)

What the loader does, problem by problem (:data:`PROBLEMS`)
-----------------------------------------------------------
- **encoding and separator**: detected (UTF-8, UTF-8 with a byte-order mark, UTF-16,
  cp1252; ``,`` ``;`` tab ``|``) and named in ``report.details``; a byte-order mark
  is counted.
- **unknown extra columns**: dropped and named.
- **blank rows**, **summary rows** (a "Total"/"Average" row, or a row equal to the sum
  of the others) and **duplicate rows** (exact copies): dropped and counted.
- **repeated posts**: the same post (same id) in two files: the copy from the later
  file is kept, and counted.
- **missing cells** and ``-`` cells (**dash cells**, "not applicable"): kept as
  missing (``<NA>``), counted; never guessed.
- **number formats**: thousands separators (``1,234``, ``1.234``, ``1 234``),
  decimal commas and ``%`` signs are read and counted; unreadable or negative
  numbers are made missing and counted.
- **dates**: each date is read with the first format that fits; the count of each
  format is reported. Day and month order (``04/03/2018``) is decided from the data
  when a first or second number is above 12, and reported (``date_order_inferred``
  counts the dates that were only readable thanks to that decision); when the file
  cannot decide it, the loader refuses unless you pass ``day_first``. Times with an
  offset (``+0000``) are converted to UTC (counted).
- **totals that disagree with their parts**: kept as exported, marked in a column
  ``total_mismatch`` and counted (you decide which to trust).

References
----------
.. [1] Moro, S., Rita, P. and Vala, B. (2016). Predicting social media performance
   metrics and evaluation of the impact on brand building: a data mining approach.
   Journal of Business Research 69(9), 3341-3351. doi:10.1016/j.jbusres.2016.02.010
.. [2] Dehouche, N. (2020). Dataset on usage and engagement patterns for Facebook Live
   sellers in Thailand. Data in Brief 30, 105661. doi:10.1016/j.dib.2020.105661

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> posts, report = load_export(write_example(folder))
>>> report.kind, report.rows_read, report.rows_kept
('facebook_metrics', 9, 7)
>>> report.problems["duplicate_rows"], report.problems["totals_disagree"]
(1, 1)
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from smlearn.vocabulary import POST_TYPES   # the kinds of post the course's analysis knows

__all__ = ["KINDS", "LAYOUTS", "MAPPINGS", "PROBLEMS", "CleaningReport", "ExportError", "Layout",
           "load_export", "write_example"]

BOM = "\ufeff"
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma ','", ";": "semicolon ';'", "\t": "tab", "|": "bar '|'"}
DASHES = ("-", "\u2013", "\u2014")   # what platforms write for "not applicable"
# words that mark a summary row, in a few languages; a whole cell must be one of them
SUMMARY_WORDS = re.compile(r"(grand |sub)?totals?|sum|summe|gesamt|totaal|totale|total g[ée]n[ée]ral|"
                           r"average|averages|mean|overall|moyenne|durchschnitt", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """Which column of an export is which of the course's: the mapping a learner writes.

    Parameters
    ----------
    columns : dict of str -> str
        Column in the file -> the course's name for it (e.g. ``{"Reach": "reach"}``).
        Every listed column must be in the file; other columns are dropped and named.
    title : str
        Words for the report.
    date : str, optional
        The course's name of the column that holds dates (or date-times).
    date_format : str, optional
        Its format in ``strftime`` codes, e.g. ``"%d/%m/%Y %H:%M"``; by default the
        loader recognises the format (and refuses a day/month order it cannot decide).
    separator : str, optional
        The field separator; by default it is detected.
    text : tuple of str
        Course columns kept as text (ids, links, titles). ``type`` is always text.
    decimals : tuple of str
        Course columns that hold fractions (rates); every other column is a whole number.
    flags : tuple of str
        Course columns holding 0/1, read as True/False.
    id : str, optional
        The course column that names a post: the same id in two files counts once.
    total, parts : str and tuple of str, optional
        A total column and the columns it should be the sum of (checked, never changed).
    """

    columns: dict
    title: str = "your own layout"
    date: str | None = None
    date_format: str | None = None
    separator: str | None = None
    text: tuple = ()
    decimals: tuple = ()
    flags: tuple = ()
    id: str | None = None
    total: str | None = None
    parts: tuple = ()

    def __post_init__(self):
        if not isinstance(self.columns, dict) or not self.columns:
            raise ValueError(f"columns must be a non-empty dict (file column -> course column); got {self.columns!r}")
        names = list(self.columns.values())
        for name in (self.date, self.id, self.total, *self.text, *self.decimals, *self.flags, *self.parts):
            if name is not None and name not in names:
                raise ValueError(f"{name!r} is named in the layout but is not a course column of columns; "
                                 f"the course columns are: {', '.join(names)}")
        if self.separator is not None and self.separator not in SEPARATORS:
            raise ValueError(f"separator must be one of {', '.join(map(repr, SEPARATORS))} or None; got {self.separator!r}")

    @property
    def counts(self):
        """The course columns read as whole numbers: all but dates, text, type, rates and flags."""
        other = {self.date, "type", *self.text, *self.decimals, *self.flags}
        return tuple(name for name in self.columns.values() if name not in other)


KINDS = {
    "facebook_metrics": Layout(
        title="'Facebook metrics' page export (Moro et al. 2016)",
        columns={
            "Page total likes": "followers", "Type": "type", "Category": "category", "Post Month": "month",
            "Post Weekday": "weekday", "Post Hour": "hour", "Paid": "paid",
            "Lifetime Post Total Reach": "reach", "Lifetime Post Total Impressions": "impressions",
            "Lifetime Engaged Users": "engaged_users", "Lifetime Post Consumers": "consumers",
            "Lifetime Post Consumptions": "clicks",
            "Lifetime Post Impressions by people who have liked your Page": "impressions_by_followers",
            "Lifetime Post reach by people who like your Page": "reach_by_followers",
            "Lifetime People who have liked your Page and engaged with your post": "followers_engaged",
            "comment": "comments", "like": "likes", "share": "shares", "Total Interactions": "interactions",
        },
        flags=("paid",), total="interactions", parts=("comments", "likes", "shares"),
    ),
    "live_sellers": Layout(
        title="'Facebook Live sellers in Thailand' export (Dehouche 2020)",
        columns={
            "status_id": "status_id", "status_type": "type", "status_published": "published",
            "num_reactions": "reactions", "num_comments": "comments", "num_shares": "shares",
            "num_likes": "likes", "num_loves": "loves", "num_wows": "wows", "num_hahas": "hahas",
            "num_sads": "sads", "num_angrys": "angrys",
        },
        text=("status_id",), date="published", id="status_id",
        total="reactions", parts=("likes", "loves", "wows", "hahas", "sads", "angrys"),
    ),
}

# X/Twitter analytics: the metric columns shared by the per-post and the per-day files, as
# the platform names them (each also comes as "promoted <name>", "-" for an unpromoted post).
_X_METRICS = ["impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
              "user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks",
              "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
              "media engagements"]
_X_COURSE = {"retweets": "shares", "replies": "comments", "url clicks": "clicks", "engagement rate": "engagement_rate"}


def _x_columns(first):
    columns = dict(first)
    for name in _X_METRICS:
        tidy = _X_COURSE.get(name, name.replace(" ", "_"))
        columns[name] = tidy
        columns[f"promoted {name}"] = f"promoted_{tidy}"
    return columns


X_KINDS = {
    "x_posts": Layout(
        title="X/Twitter analytics, one row per post",
        columns=_x_columns({"Tweet id": "post_id", "Tweet permalink": "permalink", "Tweet text": "text",
                            "time": "published"}),
        date="published", text=("post_id", "permalink", "text"), id="post_id",
        decimals=("engagement_rate", "promoted_engagement_rate"),
    ),
    "x_daily": Layout(
        title="X/Twitter analytics, one row per day",
        columns=_x_columns({"Date": "date", "Tweets published": "posts"}),
        date="date", id="date", decimals=("engagement_rate", "promoted_engagement_rate"),
    ),
}

# Ready mappings for other platforms. They follow the column names each platform documents
# for its export (Meta Business Suite / Facebook Insights, Instagram, LinkedIn page analytics,
# YouTube Studio); platforms rename columns from time to time, so a real file may need a
# column or two adjusted: copy the Layout, change the names, and pass it as layout=.
MAPPINGS = {
    "facebook_insights_posts": Layout(
        title="Facebook Insights post export (classic 'Lifetime Post' columns)",
        columns={"Post ID": "post_id", "Permalink": "permalink", "Post Message": "text", "Type": "type",
                 "Posted": "published", "Lifetime Post Total Reach": "reach",
                 "Lifetime Post Total Impressions": "impressions", "Lifetime Engaged Users": "engaged_users",
                 "Lifetime Post Consumers": "consumers", "Lifetime Post Consumptions": "clicks"},
        date="published", text=("post_id", "permalink", "text"), id="post_id",
    ),
    "meta_business_suite_posts": Layout(
        title="Meta Business Suite Facebook post export",
        columns={"Post ID": "post_id", "Permalink": "permalink", "Title": "text", "Post type": "type",
                 "Publish time": "published", "Reach": "reach", "Impressions": "impressions",
                 "Reactions": "likes", "Comments": "comments", "Shares": "shares", "Total clicks": "clicks"},
        date="published", text=("post_id", "permalink", "text"), id="post_id",
    ),
    "instagram_posts": Layout(
        title="Instagram post export (Meta Business Suite)",
        columns={"Post ID": "post_id", "Permalink": "permalink", "Description": "text", "Post type": "type",
                 "Publish time": "published", "Reach": "reach", "Impressions": "impressions", "Likes": "likes",
                 "Comments": "comments", "Shares": "shares", "Saves": "saves", "Follows": "follows"},
        date="published", text=("post_id", "permalink", "text"), id="post_id",
    ),
    "linkedin_page_posts": Layout(
        title="LinkedIn page content export ('Update engagement' sheet saved as CSV)",
        columns={"Update title": "text", "Update link": "permalink", "Created date": "published",
                 "Impressions": "impressions", "Clicks": "clicks", "Click through rate (CTR)": "click_rate",
                 "Likes": "likes", "Comments": "comments", "Reposts": "shares", "Follows": "follows",
                 "Engagement rate": "engagement_rate"},
        date="published", text=("text", "permalink"), id="permalink", decimals=("click_rate", "engagement_rate"),
    ),
    "youtube_studio": Layout(
        title="YouTube Studio advanced-mode table ('Table data.csv')",
        columns={"Content": "post_id", "Video title": "text", "Video publish time": "published",
                 "Views": "views", "Watch time (hours)": "watch_hours", "Subscribers": "subscribers",
                 "Impressions": "impressions", "Impressions click-through rate (%)": "click_rate_percent"},
        date="published", text=("post_id", "text"), id="post_id", decimals=("watch_hours", "click_rate_percent"),
    ),
}

# Every layout the loader recognises by its columns, most specific first.
LAYOUTS = {**KINDS, **X_KINDS, **MAPPINGS}

PROBLEMS = ("byte_order_mark", "extra_columns", "blank_rows", "summary_rows", "duplicate_rows", "repeated_posts",
            "missing_cells", "dash_cells", "unreadable_numbers", "negative_numbers", "thousands_separators",
            "decimal_commas", "percent_signs", "unreadable_dates", "date_order_inferred", "time_zone_offsets",
            "totals_disagree", "unknown_types")


class ExportError(ValueError):
    """The file is not a page export of a kind the loader knows, or cannot be read as one."""


@dataclass
class CleaningReport:
    """What :func:`load_export` found and did, problem by problem.

    Attributes
    ----------
    kind : str
        The layout's name (a key of :data:`LAYOUTS`, or 'own layout').
    source : str
        The file's name (not its folder), or "N files in <folder>".
    rows_read, rows_kept : int
        Data rows in the file(s), and rows in the returned table.
    problems : dict of str -> int
        A count for every problem in :data:`PROBLEMS` (0 when there was none).
    details : dict of str -> str
        Words on some problems and on what was detected: encoding, separator, number
        format, date formats and order, which columns were extra, where cells were missing.
    title : str
        The layout's title.
    """

    kind: str
    source: str
    rows_read: int = 0
    rows_kept: int = 0
    problems: dict = field(default_factory=lambda: dict.fromkeys(PROBLEMS, 0))
    details: dict = field(default_factory=dict)
    title: str = ""

    @property
    def clean(self) -> bool:
        """True if the file had none of the problems."""
        return not any(self.problems.values())

    def to_frame(self):
        """The counts as a table: one row per problem, with its details."""
        return pd.DataFrame({"count": pd.Series(self.problems),
                             "details": pd.Series({k: self.details.get(k, "") for k in self.problems})})

    def __str__(self) -> str:
        title = self.title or (LAYOUTS[self.kind].title if self.kind in LAYOUTS else self.kind)
        lines = [f"{self.source}: {title}", f"  {self.rows_read} rows read, {self.rows_kept} kept"]
        for problem, count in self.problems.items():
            if count:
                extra = f" ({self.details[problem]})" if problem in self.details else ""
                lines.append(f"  - {problem.replace('_', ' ')}: {count}{extra}")
        if self.clean:
            lines.append("  no problems found")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle):   # what a notebook shows
        printer.text(str(self))


def _add_detail(report, problem, text):
    report.details[problem] = f"{report.details[problem]}, {text}" if problem in report.details else text


def _count(report, problem, mask, column=None):
    """Add the True cells of ``mask`` to ``problem``, naming the column in the details."""
    n = int(mask.sum())
    if n:
        report.problems[problem] += n
        if column is not None:
            _add_detail(report, problem, f"{column} {n}")


# ---- Reading the bytes: encoding and separator ---------------------------------------------

def _decode(raw):
    """Bytes -> (text, encoding name, had a byte-order mark)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 with byte-order mark", True
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16").removeprefix(BOM), "UTF-16 with byte-order mark", True
    head = raw[:2000]
    if len(head) > 3 and head.count(b"\x00") > len(head) // 4:   # UTF-16 without a mark: every other byte is 0
        order = "utf-16-le" if head[1::2].count(b"\x00") > head[0::2].count(b"\x00") else "utf-16-be"
        return raw.decode(order, errors="replace"), order.upper(), False
    try:
        return raw.decode("utf-8"), "UTF-8", False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252 (Windows Western European)", False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1", False   # every byte is a character in Latin-1


def _split(line, separator):
    try:
        return [cell.strip() for cell in next(csv.reader([line], delimiter=separator))]
    except (StopIteration, csv.Error):
        return [line]


def _first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _key(name):
    """Column names match whatever their case and spacing."""
    return " ".join(str(name).replace(BOM, "").split()).lower()


def _guess_separator(text):
    """The candidate separator that splits the first lines into the most, equal, fields."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", 0
    for separator in SEPARATORS:
        widths = [len(_split(line, separator)) for line in lines]
        score = min(widths[0], max(set(widths), key=widths.count)) if widths else 0
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_text(path):
    raw = path.read_bytes()
    if not raw.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise ExportError(f"{path.name} is empty: an export has a header row and at least one row of data")
    text, encoding, had_bom = _decode(raw)
    # Some exports (YouTube, LinkedIn) put a title line or "sep=," above the header.
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        text = "".join(lines[1:])
    return text, encoding, had_bom


# ---- Recognising the layout ------------------------------------------------------------------

def _match(header, layout):
    have = {_key(name) for name in header}
    return [name for name in layout.columns if _key(name) not in have]


def _detect(text, name, candidates, encoding):
    """(layout name, layout, separator), or an ExportError that names the likely cause and the fix."""
    tried = {}
    for separator in SEPARATORS:
        header = _split(_first_line(text), separator)
        for kind, layout in candidates.items():
            if layout.separator is not None and layout.separator != separator:
                continue
            missing = _match(header, layout)
            if not missing:
                return kind, layout, separator
            tried[kind] = missing if kind not in tried or len(missing) < len(tried[kind]) else tried[kind]
    # Nothing fits: say why, most likely cause first.
    guess = _guess_separator(text)
    header = _split(_first_line(text), guess)
    shown = ", ".join(header[:25]) + (" ..." if len(header) > 25 else "")
    closest = min(tried, key=lambda k: len(tried[k]))
    garbled = any(ch in _first_line(text) for ch in "\x00\ufffd") or "ÿþ" in text[:10] or "Ã" in _first_line(text)
    forced = [layout.separator for layout in candidates.values() if layout.separator is not None]
    if garbled:
        cause = (f"the header looks garbled ({shown[:60]!r}), so the file is probably in an encoding the loader "
                 f"misread (read as {encoding}). Fix: open it in a spreadsheet and save it again as "
                 f"'CSV UTF-8', then load that file.")
    elif len(candidates) == 1 and forced and forced[0] != guess and not _match(header, next(iter(candidates.values()))):
        cause = (f"the file is separated by {SEPARATOR_NAMES[guess]}, but the layout says "
                 f"{SEPARATOR_NAMES[forced[0]]}. Fix: set separator={guess!r} in your Layout, or leave it out.")
    elif len(header) == 1:
        cause = (f"its first line is one single column ({shown[:80]!r}): the separator is none of "
                 f"{', '.join(SEPARATOR_NAMES.values())}. Fix: save the file as CSV from your spreadsheet.")
    else:
        layout = candidates[closest]
        cause = (f"its columns are not those of a layout the loader knows. The first line has: {shown}. "
                 f"Closest is {closest!r} ({layout.title}), which lacks {', '.join(tried[closest][:6])}"
                 f"{' ...' if len(tried[closest]) > 6 else ''}. Fix: if it is that export, your platform "
                 f"renamed columns: copy smlearn.exports.LAYOUTS[{closest!r}] with your names; otherwise write "
                 f"a Layout(columns={{'your column': 'course column', ...}}, date=..., date_format=...) and pass "
                 f"it as layout= (see smlearn.exports.Layout).")
    raise ExportError(f"{name} is not a page export of a kind smlearn knows: {cause}")


# ---- Numbers ------------------------------------------------------------------------------------

_SPACE_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(\D|$))")


def _decimal_mark(cells):
    """',' or '.': which the file uses as its decimal mark, decided from all its number cells."""
    text = pd.Series(cells.unique())                 # each distinct cell once: files repeat small numbers a lot
    text = text[text.str.contains(r"[.,]", regex=True)]
    comma = (text.str.fullmatch(r"-?\d+,\d+%?") & ~text.str.fullmatch(r"-?\d{1,3}(,\d{3})+")) \
        | text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+%?") | text.str.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}")
    dot = (text.str.fullmatch(r"-?\d+\.\d+%?") & ~text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+")) \
        | text.str.fullmatch(r"-?\d{1,3}(,\d{3})+\.\d+%?") | text.str.fullmatch(r"-?\d{1,3}(,\d{3}){2,}")
    if comma.sum() > dot.sum():
        return ","
    if dot.sum() > 0:
        return "."
    # Only numbers like 1.234 or 1,234: in whole-number columns they are thousands.
    if text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+").any() and not text.str.fullmatch(r"-?\d{1,3}(,\d{3})+").any():
        return ","
    return "."


def _to_numbers(values, column, report, *, decimal, whole):
    """Text -> numbers; count blanks, dashes, separators, unreadable and negative cells."""
    text = values.str.strip()
    blank = text == ""
    dash = text.isin(DASHES)
    if decimal == ".":
        # Most columns hold plain numbers (12, 215.0), blanks or dashes: read them at once.
        quick = pd.to_numeric(text.mask(blank | dash), errors="coerce").astype("float64")
        if (quick.notna() | blank | dash).all():
            unreadable = (quick != np.floor(quick)) & quick.notna() if whole else pd.Series(False, index=quick.index)
            negative = quick < 0
            _count(report, "dash_cells", dash)
            for problem, mask in (("missing_cells", blank), ("unreadable_numbers", unreadable),
                                  ("negative_numbers", negative)):
                _count(report, problem, mask, column)
            number = quick.mask(unreadable | negative)
            return number.astype("Int64") if whole else number
    spaced = text.str.replace(_SPACE_GROUP, "", regex=True)
    spaces = spaced != text
    percent = spaced.str.endswith("%")
    plain = spaced.str.rstrip("%").str.strip()
    group, point = (".", ",") if decimal == "," else (",", ".")
    grouped = plain.str.fullmatch(rf"-?\d{{1,3}}(\{group}\d{{3}})+(\{point}\d+)?")
    plain = plain.where(~grouped, plain.str.replace(group, "", regex=False))
    commas = plain.str.contains(",", regex=False) & (decimal == ",")
    plain = plain.str.replace(",", ".", regex=False) if decimal == "," else plain
    number = pd.to_numeric(plain.mask(blank | dash), errors="coerce")
    number = number.where(~percent, number / 100)
    unreadable = number.isna() & ~blank & ~dash
    if whole:
        unreadable |= number.notna() & (number != np.floor(number.fillna(0)))
    negative = number < 0
    _count(report, "dash_cells", dash)   # the columns are named once per file, in _load_one
    for problem, mask in (("missing_cells", blank), ("unreadable_numbers", unreadable),
                          ("negative_numbers", negative), ("thousands_separators", (grouped | spaces) & ~unreadable),
                          ("decimal_commas", commas & ~unreadable), ("percent_signs", percent & ~unreadable)):
        _count(report, problem, mask, column)
    number = number.mask(unreadable | negative)
    return number.astype("Int64") if whole else number.astype("float64")


# ---- Dates ------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                      r"\s*([AaPp][Mm])?)?")
_WORDY = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y",
          "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M", "%d %b %Y %H:%M", "%A, %B %d, %Y")


def _assemble(parts, day, month, year, hour, minute, second, ampm=None):
    """Columns of numbers as text -> datetimes (NaT where the numbers are no date)."""
    years = pd.to_numeric(parts[year])
    years = years.where(years >= 100, years + 2000)        # a two-digit year is this century
    hours = pd.to_numeric(parts[hour]).fillna(0)
    if ampm is not None:
        pm = parts[ampm].str.lower() == "pm"
        hours = hours.where(~(pm & (hours < 12)), hours + 12).where(~(~pm & parts[ampm].notna() & (hours == 12)), 0)
    table = pd.DataFrame({"year": years, "month": pd.to_numeric(parts[month]), "day": pd.to_numeric(parts[day]),
                          "hour": hours, "minute": pd.to_numeric(parts[minute]).fillna(0),
                          "second": pd.to_numeric(parts[second]).fillna(0)})
    return pd.to_datetime(table, errors="coerce")


def _to_dates(values, column, report, *, date_format=None, day_first=None, source=""):
    """Text -> datetimes (UTC when the file gives an offset); count formats, order and failures."""
    text = values.str.strip()
    blank = text == ""
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    used = {}
    if date_format is not None:
        parsed = pd.to_datetime(text.mask(blank), format=date_format, errors="coerce")
        if getattr(parsed.dt, "tz", None) is not None:
            report.problems["time_zone_offsets"] += int(parsed.notna().sum())
            parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
        out = parsed.astype("datetime64[ns]")
        used[date_format] = int(out.notna().sum())
    else:
        iso = text.str.extract(_ISO.pattern + "$")
        iso_ok = iso[0].notna()
        if iso_ok.any():
            stamps = _assemble(iso[iso_ok], 2, 1, 0, 3, 4, 5)
            offset = iso.loc[iso_ok, 6]
            has_offset = offset.notna()
            if has_offset.any():
                sign = offset[has_offset].str[0].map({"+": 1, "-": -1})
                digits = offset[has_offset].str.replace(":", "", regex=False).str[1:]
                minutes = sign * (pd.to_numeric(digits.str[:2]) * 60 + pd.to_numeric(digits.str[2:]))
                stamps[has_offset] = stamps[has_offset] - pd.to_timedelta(minutes, unit="min")
                report.problems["time_zone_offsets"] += int(has_offset.sum())
                report.details["time_zone_offsets"] = "converted to UTC"
            out[iso_ok] = stamps
            for label, mask in (("YYYY-MM-DD", iso[3].isna()),
                                ("YYYY-MM-DD HH:MM", iso[3].notna() & iso[5].isna()),
                                ("YYYY-MM-DD HH:MM:SS", iso[5].notna())):
                for suffix, zone in (("", iso[6].isna()), (" +offset", iso[6].notna())):
                    n = int((iso_ok & mask & zone).sum())
                    if n:
                        used[label + suffix] = n
        numeric = text.str.extract(_NUMERIC.pattern + "$")
        num_ok = numeric[0].notna() & out.isna()
        if num_ok.any():
            parts = numeric[num_ok]
            first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[2])
            day_evidence, month_evidence = int((first > 12).sum()), int((second > 12).sum())
            ambiguous = (first <= 12) & (second <= 12) & (first != second)
            if day_first is None:
                if day_evidence and month_evidence:
                    raise ExportError(
                        f"{source}: the dates in column {column!r} mix two orders: {day_evidence} have a first "
                        f"number above 12 (day/month) and {month_evidence} a second number above 12 "
                        f"(month/day), e.g. {text[num_ok][first > 12].iloc[0]!r} and "
                        f"{text[num_ok][second > 12].iloc[0]!r}. Fix: correct the column, or give its format "
                        f"(Layout(date_format=...)).")
                if not day_evidence and not month_evidence and ambiguous.any():
                    raise ExportError(
                        f"{source}: the order of day and month in column {column!r} cannot be decided from the "
                        f"data: no date has a number above 12 in either place (e.g. "
                        f"{text[num_ok][ambiguous].iloc[0]!r} is the {int(first[ambiguous].iloc[0])}"
                        f"{_th(int(first[ambiguous].iloc[0]))} of month {int(second[ambiguous].iloc[0])} or the "
                        f"{int(second[ambiguous].iloc[0])}{_th(int(second[ambiguous].iloc[0]))} of month "
                        f"{int(first[ambiguous].iloc[0])}). Fix: pass day_first=True (day/month, as in "
                        f"Europe) or day_first=False (month/day, as in the US).")
                decided = bool(day_evidence)
                report.problems["date_order_inferred"] += int(ambiguous.sum())
                evidence = day_evidence or month_evidence
                report.details["date_order_inferred"] = (
                    f"{'day/month' if decided else 'month/day'}, decided from the data: "
                    f"{evidence} {'date has' if evidence == 1 else 'dates have'} a {'first' if decided else 'second'} "
                    f"number above 12")
                day_first = decided
            else:
                report.details["date_order"] = f"{'day/month' if day_first else 'month/day'}, as you said"
            day, month = (0, 2) if day_first else (2, 0)
            out[num_ok] = _assemble(parts, day, month, 3, 4, 5, 6, 7)
            order = "d/m" if day_first else "m/d"
            separator = parts[1]
            for mark in sorted(separator.unique()):
                for label, mask in ((f"{order.replace('/', mark)}{mark}YYYY", parts[3].str.len() == 4),
                                    (f"{order.replace('/', mark)}{mark}YY", parts[3].str.len() == 2)):
                    for suffix, timed in (("", parts[4].isna()), (" H:MM", parts[4].notna() & parts[6].isna()),
                                          (" H:MM:SS", parts[6].notna())):
                        n = int((mask & timed & (separator == mark)).sum())
                        if n:
                            used[label + suffix] = n
        for fmt in _WORDY:
            todo = out.isna() & ~blank
            if not todo.any():
                break
            parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce").dropna()
            if len(parsed):
                out[parsed.index] = parsed
                used[fmt] = len(parsed)
    bad = out.isna() & ~blank
    _count(report, "missing_cells", blank, column)
    if bad.any():
        report.problems["unreadable_dates"] += int(bad.sum())
        report.details.setdefault("unreadable_dates", f"e.g. {text[bad].iloc[0]!r}")
    report.details["date_formats"] = ", ".join(f"{label}: {n}" for label, n in used.items())
    return out


def _th(n):
    return "st" if n in (1, 21, 31) else "nd" if n in (2, 22) else "rd" if n in (3, 23) else "th"


# ---- One file ---------------------------------------------------------------------------------

def _summary_rows(frame, layout, numbers):
    """Rows that are totals or averages of the others: a cell that is only 'Total' (etc.), or numbers
    that are exactly the sum of the other rows (a first or last row only)."""
    labelled = pd.Series(False, index=frame.index)
    ends = list(frame.index[:3]) + list(frame.index[-3:])    # summary rows sit at the top or the bottom
    for position in dict.fromkeys(ends):
        labelled[position] = any(SUMMARY_WORDS.fullmatch(str(cell).strip()) for cell in frame.loc[position])
    # Facebook Insights' classic export has a second header row that describes each column in words.
    if numbers and len(frame):
        first = frame.iloc[0][list(numbers)].str.strip()
        labelled.iloc[0] = labelled.iloc[0] or bool(first.str.contains(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}").all())
    summed = pd.Series(False, index=frame.index)
    if numbers and len(frame) >= 3:
        values = pd.DataFrame({c: pd.to_numeric(frame[c].str.replace(r"[,\s\u00a0\u202f]", "", regex=True),
                                                errors="coerce") for c in numbers})
        values = values.loc[:, values.notna().sum() >= 2]
        for position in (0, len(frame) - 1):
            row = values.iloc[position]
            rest = values.drop(values.index[position]).sum()
            known = row.notna() & (rest > 0)
            if known.sum() >= 2 and np.allclose(row[known], rest[known]):
                summed.iloc[position] = True
    return labelled | summed


def _load_one(path, candidates, day_first):
    """Read, recognise and clean one file; return (posts, report, layout)."""
    text, encoding, had_bom = _read_text(path)
    kind, layout, separator = _detect(text, path.name, candidates, encoding)
    report = CleaningReport(kind=kind, source=path.name, title=layout.title)
    report.problems["byte_order_mark"] = int(had_bom)
    report.details["encoding"] = encoding
    report.details["separator"] = SEPARATOR_NAMES[separator]
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, engine="python" if separator == "|" else "c")
    except pd.errors.ParserError as error:
        raise ExportError(f"{path.name} looks like a {layout.title} separated by {SEPARATOR_NAMES[separator]}, "
                          f"but a row has more cells than the header ({error}). Fix: check for a stray "
                          f"separator or an unclosed quote on that line.") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    report.rows_read = len(frame)

    # Each layout column: the file's column of that exact name, else one that differs only in case or spacing.
    wanted = {}
    for name, tidy in layout.columns.items():
        if name in frame.columns:
            wanted[name] = tidy
    for name, tidy in layout.columns.items():
        if name not in frame.columns:
            column = next(c for c in frame.columns if _key(c) == _key(name) and c not in wanted)
            wanted[column] = tidy
    extra = [c for c in frame.columns if c not in wanted]
    if extra:
        report.problems["extra_columns"] = len(extra)
        report.details["extra_columns"] = ", ".join(extra)
    frame = frame[list(wanted)].rename(columns=wanted)[list(layout.columns.values())]

    blank = (frame.apply(lambda column: column.str.strip()) == "").all(axis=1)
    report.problems["blank_rows"] = int(blank.sum())
    frame = frame[~blank]
    numeric = [c for c in layout.counts + layout.decimals]
    summary = _summary_rows(frame, layout, numeric)
    if summary.any():
        report.problems["summary_rows"] = int(summary.sum())
        first = frame[summary].iloc[0]
        label = next((repr(v.strip()) for v in first if SUMMARY_WORDS.fullmatch(v.strip())), None)
        if label is None:   # no 'Total' word: a row of words describing the columns, or the sum of the others
            described = first[numeric].str.contains(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}").all()
            label = "a row of descriptions" if described else "the sum of the other rows"
        report.details["summary_rows"] = f"dropped, e.g. {label}"
        frame = frame[~summary]
    duplicated = frame.duplicated(keep="first")
    report.problems["duplicate_rows"] = int(duplicated.sum())
    frame = frame[~duplicated].reset_index(drop=True)
    if frame.empty:
        raise ExportError(f"{path.name} has a header but no rows of data")

    original = {tidy: name for name, tidy in layout.columns.items()}
    decimal = _decimal_mark(pd.concat([frame[c].str.strip() for c in numeric])) if numeric else "."
    report.details["numbers"] = f"decimal mark {decimal!r}"
    tidy = {}
    for column in frame.columns:
        if column in layout.counts or column in layout.decimals:
            tidy[column] = _to_numbers(frame[column], original[column], report, decimal=decimal,
                                       whole=column in layout.counts)
        elif column == layout.date:
            tidy[column] = _to_dates(frame[column], original[column], report, date_format=layout.date_format,
                                     day_first=day_first, source=path.name)
        elif column in layout.flags:
            flags = _to_numbers(frame[column], original[column], report, decimal=decimal, whole=True)
            tidy[column] = flags.map({1: True, 0: False}).astype("boolean")
        elif column == "type":
            kinds = frame[column].str.strip().str.lower()
            unknown = ~kinds.isin(POST_TYPES) & (kinds != "")
            if unknown.any():
                report.problems["unknown_types"] = int(unknown.sum())
                report.details["unknown_types"] = ", ".join(sorted(set(kinds[unknown])))
            empty = kinds == ""
            _count(report, "missing_cells", empty, original[column])
            tidy[column] = kinds.mask(empty).astype("string")
        else:
            tidy[column] = frame[column].str.strip().astype("string")
    dashed = [original[c] for c in numeric if frame[c].str.strip().isin(DASHES).any()]
    if dashed:
        report.details["dash_cells"] = (f"'-' means not applicable (made missing), in {len(dashed)} column"
                                        f"{'s' if len(dashed) > 1 else ''}: {', '.join(dashed[:3])}"
                                        f"{' ...' if len(dashed) > 3 else ''}")
    posts = pd.DataFrame(tidy)
    if kind == "live_sellers":
        posts.insert(1, "page_id", posts["status_id"].str.split("_").str[0].astype("string"))
    return posts, report, layout


def _check_totals(posts, layout, report):
    if layout.total is None:
        return posts
    parts = posts[list(layout.parts)]
    known = parts.notna().all(axis=1) & posts[layout.total].notna()
    mismatch = known & (parts.sum(axis=1) != posts[layout.total])
    posts["total_mismatch"] = mismatch.astype(bool)
    report.problems["totals_disagree"] = int(mismatch.sum())
    return posts


def _files(path):
    """The export file(s) that ``path`` names: a file, a folder of CSV files, or a list of files."""
    if isinstance(path, (list, tuple)):
        if not path:
            raise ValueError("path must name at least one file; got an empty list")
        return [p for item in path for p in _files(item)]
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path, a folder or a list of file paths (str or pathlib.Path); "
                        f"got {path!r} of type {type(path).__name__}")
    path = Path(path)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".tsv") and p.is_file())
        if not found:
            raise FileNotFoundError(f"there is no .csv file in the folder {path.name!r} (path)")
        return found
    if not path.is_file():
        raise FileNotFoundError(f"there is no file {path.name!r} in {str(path.parent)!r} (path)")
    return [path]


def _merge(reports, layout, kind, source):
    """One report for several files: counts added, details gathered."""
    merged = CleaningReport(kind=kind, source=source, title=layout.title)
    formats = {}
    for report in reports:
        merged.rows_read += report.rows_read
        for problem, count in report.problems.items():
            merged.problems[problem] += count
        for key, text in report.details.items():
            if key == "date_formats":
                for part in filter(None, text.split(", ")):
                    label, n = part.rsplit(": ", 1)
                    formats[label] = formats.get(label, 0) + int(n)
            elif key in merged.details and text not in merged.details[key].split("; "):
                merged.details[key] = f"{merged.details[key]}; {text}"
            else:
                merged.details.setdefault(key, text)
    if formats:
        merged.details["date_formats"] = ", ".join(f"{label}: {n}" for label, n in formats.items())
    merged.details["files"] = ", ".join(report.source for report in reports)
    return merged


def load_export(path, *, kind=None, layout=None, day_first=None):
    """Read a page export as the platform wrote it, clean it, and report what was cleaned.

    Parameters
    ----------
    path : str or pathlib.Path, or a list of them
        The export file, a folder of export files (every ``.csv`` in it), or a list of
        files (e.g. six monthly downloads): they are read as one table.
    kind : str, optional
        A key of :data:`LAYOUTS` (e.g. 'x_posts', 'youtube_studio'); by default the
        layout is recognised from the header. With a folder, only its files of this
        kind are read.
    layout : Layout, optional
        Your own mapping, for an export the loader does not know (not with ``kind``).
    day_first : bool, optional
        For dates like ``04/03/2018``: True if the day comes first (Europe), False if
        the month does (US). By default it is decided from the data, and the loader
        refuses a column where it cannot be.

    Returns
    -------
    posts : pandas.DataFrame
        One row per post (or per day), the course's column names, whole numbers as
        nullable ``Int64``, rates as floats, ``type`` in lower case, flags as nullable
        booleans, dates as datetimes (UTC when the file gives an offset), and for a
        layout with a total a boolean column ``total_mismatch``.
    report : CleaningReport
        Counts per problem (:data:`PROBLEMS`), rows read and kept, and details
        (encoding, separator, number format, date formats, files).

    Raises
    ------
    TypeError
        If ``path`` is not a path or list of paths, or ``layout`` is not a Layout.
    FileNotFoundError
        If there is no such file, or a folder holds no CSV file.
    ValueError
        If ``kind`` is unknown, both ``kind`` and ``layout`` are given, or ``day_first``
        is not True, False or None.
    ExportError
        (a ValueError) If a file is empty, has no data rows, is not an export of a known
        kind, mixes kinds, or has dates whose day/month order is undecidable; the
        message names the likely cause (encoding, separator, columns, dates) and the fix.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> posts, report = load_export(write_example(Path(tempfile.mkdtemp()), kind="live_sellers"))
    >>> print(report)
    example_live_sellers.csv: 'Facebook Live sellers in Thailand' export (Dehouche 2020)
      8 rows read, 7 kept
      - byte order mark: 1
      - extra columns: 1 (Column1)
      - duplicate rows: 1
      - missing cells: 1 (num_shares 1)
      - date order inferred: 4 (month/day, decided from the data: 3 dates have a second number above 12)
      - totals disagree: 1
    >>> report.details["date_formats"]
    'm/d/YYYY H:MM: 4, m/d/YY H:MM: 3'
    """
    if kind is not None and (not isinstance(kind, str) or kind not in LAYOUTS):
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in LAYOUTS)} or None; got {kind!r}")
    if layout is not None and not isinstance(layout, Layout):
        raise TypeError(f"layout must be a smlearn.exports.Layout; got {layout!r} of type {type(layout).__name__}")
    if kind is not None and layout is not None:
        raise ValueError("give kind or layout, not both")
    if not (day_first is None or isinstance(day_first, bool)):   # `in` would compare a table or an array to True
        raise ValueError(f"day_first must be True (day/month), False (month/day) or None (decide from the data); "
                         f"got {day_first!r}")
    files = _files(path)
    candidates = {"own layout": layout} if layout is not None else {kind: LAYOUTS[kind]} if kind else LAYOUTS
    folder = isinstance(path, (str, os.PathLike)) and Path(path).is_dir()
    loaded, skipped = [], []
    for file in files:
        try:
            loaded.append(_load_one(file, candidates, day_first))
        except ExportError:
            if folder and len(files) > 1 and kind is not None:
                skipped.append(file.name)   # a folder may hold other kinds of file too
                continue
            raise
    if not loaded:
        raise ExportError(f"none of the {len(files)} files in {Path(path).name!r} is a {LAYOUTS[kind].title}")
    kinds = {}
    for _, report, _ in loaded:
        kinds.setdefault(report.kind, []).append(report.source)
    if len(kinds) > 1:
        found = "; ".join(f"{len(names)} of kind {k!r} (e.g. {names[0]})" for k, names in kinds.items())
        raise ExportError(f"the files are of different kinds: {found}. Fix: pass kind= one of "
                          f"{', '.join(map(repr, kinds))} to read one kind at a time.")
    layout = loaded[0][2]
    if len(loaded) == 1:
        posts, report, _ = loaded[0]
    else:
        where = Path(path).name if folder else Path(files[0]).parent.name
        report = _merge([r for _, r, _ in loaded], layout, loaded[0][1].kind, f"{len(loaded)} files in {where}")
        posts = pd.concat([p for p, _, _ in loaded], ignore_index=True)
        if layout.id is not None:
            # The same post in two files (monthly downloads overlap): keep the later file's copy.
            repeated = posts[layout.id].notna() & posts.duplicated(subset=[layout.id], keep="last")
            report.problems["repeated_posts"] = int(repeated.sum())
            if repeated.any():
                report.details["repeated_posts"] = "in two files: the copy from the later file is kept"
            posts = posts[~repeated]
        else:
            exact = posts.duplicated(keep="first")
            report.problems["duplicate_rows"] += int(exact.sum())
            posts = posts[~exact]
        posts = posts.reset_index(drop=True)
    if skipped:
        report.details["skipped_files"] = ", ".join(skipped)
    posts = _check_totals(posts, layout, report)
    report.rows_kept = len(posts)
    return posts, report


# ---- A small, deliberately messy example, written for the lessons and the tests ---------------

def _example_facebook_metrics():
    header = list(KINDS["facebook_metrics"].columns) + ["Notes"]
    rows = [
        # followers;type;category;month;weekday;hour;paid;reach;impressions;engaged;consumers;clicks;
        # imp_by_followers;reach_by_followers;followers_engaged;comment;like;share;total;Notes
        [5200, "Photo", 2, 3, 2, 9, 0, 1450, 2410, 96, 60, 81, 1800, 990, 70, 4, 77, 11, 92, ""],
        [5200, "Video", 2, 3, 4, 18, 1, 4620, 7105, 230, 150, 210, 3900, 2100, 140, 9, 180, 25, 214, "boosted"],
        [5230, "Link", 1, 3, 5, 12, 0, 980, 1500, 40, 35, 52, 1100, 640, 25, 1, 20, 3, 24, ""],
        [5230, "Link", 1, 3, 5, 12, 0, 980, 1500, 40, 35, 52, 1100, 640, 25, 1, 20, 3, 24, ""],   # exported twice
        [5260, "Status", 3, 4, 1, 7, "", 1210, 2050, 88, 50, 63, 1500, 820, 61, 6, 70, 5, 81, ""],  # paid missing
        [5260, "Photo", 2, 4, 3, 20, 0, 1630, 2790, 120, 70, 95, 2000, 1100, 90, 7, 98, 12, 125, ""],  # 7+98+12=117
        [5290, "Photo", 2, 4, 6, 10, 0, 1380, 2300, 85, 52, 70, 1700, 930, 66, 3, "", 9, 80, ""],   # likes missing
        ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],          # a blank row
        [5320, "Video", 2, 5, 2, 19, 0, 2950, 4880, 210, 130, 180, 3300, 1800, 150, 12, 170, 21, 203, "check"],
    ]
    lines = [";".join(header)] + [";".join(str(v) for v in row) for row in rows]
    return BOM + "\r\n".join(lines) + "\r\n"


def _example_live_sellers():
    header = list(KINDS["live_sellers"].columns) + ["Column1"]
    rows = [
        ["111_201", "video", "4/2/2018 19:05", 310, 120, 40, 290, 15, 3, 2, 0, 0, ""],
        ["111_202", "photo", "4/3/2018 8:40", 95, 4, 1, 95, 0, 0, 0, 0, 0, ""],
        ["111_202", "photo", "4/3/2018 8:40", 95, 4, 1, 95, 0, 0, 0, 0, 0, ""],      # exported twice
        ["111_203", "status", "4/5/18 12:00", 60, 9, "", 58, 2, 0, 0, 0, 0, ""],       # shares missing
        ["222_301", "photo", "7/14/17 21:15", 150, 6, 2, 140, 6, 1, 0, 0, 0, ""],     # 140+6+1 = 147
        ["222_302", "video", "7/15/17 20:00", 480, 300, 75, 420, 50, 5, 4, 1, 0, ""],
        ["222_303", "link", "11/30/2017 9:30", 22, 1, 0, 22, 0, 0, 0, 0, 0, ""],
        ["222_304", "photo", "12/1/2017 10:10", 130, 3, 1, 125, 4, 1, 0, 0, 0, ""],
    ]
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    return BOM + "\r\n".join(lines) + "\r\n"


def write_example(folder, *, kind="facebook_metrics"):
    """Write a small, made-up, deliberately messy export to ``folder``; return its path.

    The rows are invented for this course (no real page's data); the layout is that of
    the real format. The file has a byte-order mark, an extra column, a duplicate row,
    missing cells and a total that disagrees with its parts (and, for 'live_sellers',
    dates in two formats), so :func:`load_export` has something to report.

    Parameters
    ----------
    folder : str or pathlib.Path
        An existing folder.
    kind : {'facebook_metrics', 'live_sellers'}
        Which layout.

    Returns
    -------
    pathlib.Path
        ``folder / "example_<kind>.csv"``.

    Raises
    ------
    ValueError
        If ``kind`` is unknown.
    FileNotFoundError
        If ``folder`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> write_example(Path(tempfile.mkdtemp())).name
    'example_facebook_metrics.csv'
    """
    makers = {"facebook_metrics": _example_facebook_metrics, "live_sellers": _example_live_sellers}
    if not isinstance(kind, str) or kind not in makers:
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in makers)}; got {kind!r}")
    if isinstance(folder, bool) or not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a folder path (str or pathlib.Path); got {folder!r} of type {type(folder).__name__}")
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"there is no folder {str(folder)!r}")
    target = folder / f"example_{kind}.csv"
    target.write_bytes(makers[kind]().encode("utf-8"))
    return target

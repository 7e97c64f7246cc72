"""Load a page's analytics export, clean it, and say exactly what was cleaned.

Real exports are messy. A file saved from a spreadsheet starts with a byte-order mark;
rows appear twice; cells are empty; dates come in two formats in one column; a
"total" column does not always equal the sum of its parts; tools add columns nobody
asked for. :func:`load_export` reads two well-known public formats, fixes what can be
fixed safely, and returns a :class:`CleaningReport` that counts every problem it met,
so nothing is dropped or changed silently.

The two formats
---------------
``facebook_metrics``
    The UCI "Facebook metrics" data set: 500 posts of a cosmetics brand's page in 2014,
    19 columns separated by ``;`` (Moro, Rita and Vala 2016 [1]_).
``live_sellers``
    The UCI "Facebook Live sellers in Thailand" data set: 7,050 posts of ten Thai
    fashion and cosmetics sellers, 2012-2018, with reaction counts, ``,``-separated
    (Dehouche 2020 [2]_).

Your own page's export will have other columns; copy one of the two layouts (rename
your columns to those names) and the loader will clean it the same way.

What the loader does, problem by problem
----------------------------------------
- **byte-order mark**: removed (counted).
- **unknown extra columns**: dropped and named in the report (e.g. empty
  ``Column1``..``Column4``).
- **blank rows**: dropped (counted).
- **duplicate rows**: exact copies of an earlier row are dropped (counted), because they
  would count the same post twice.
- **missing cells**: kept as missing (``<NA>``), counted per column; never guessed.
- **unreadable or negative numbers**: made missing, counted.
- **mixed date formats**: each date is read with the first format that fits
  (month/day/4-digit year, month/day/2-digit year, ISO); the count of each format is
  reported, and a date that fits none is made missing and counted.
- **totals that disagree with their parts**: kept as exported, marked in a column
  ``total_mismatch`` and counted (you decide which to trust).
- **a file of another kind**: refused with a message naming the columns each format
  needs and those the file has.

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

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from smlearn.models.returns import POST_TYPES   # the kinds of post the course's analysis knows

__all__ = ["KINDS", "PROBLEMS", "CleaningReport", "ExportError", "load_export", "write_example"]

BOM = "\ufeff"


@dataclass(frozen=True)
class _Kind:
    title: str
    separator: str
    columns: dict          # column in the file -> tidy name, in the file's order
    counts: tuple          # tidy names of whole-number columns
    total: str             # tidy name of the total column
    parts: tuple           # tidy names of its parts
    date: str | None = None


KINDS = {
    "facebook_metrics": _Kind(
        title="'Facebook metrics' page export (Moro et al. 2016)",
        separator=";",
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
        counts=("followers", "category", "month", "weekday", "hour", "reach", "impressions", "engaged_users",
                "consumers", "clicks", "impressions_by_followers", "reach_by_followers", "followers_engaged",
                "comments", "likes", "shares", "interactions"),
        total="interactions", parts=("comments", "likes", "shares"),
    ),
    "live_sellers": _Kind(
        title="'Facebook Live sellers in Thailand' export (Dehouche 2020)",
        separator=",",
        columns={
            "status_id": "status_id", "status_type": "type", "status_published": "published",
            "num_reactions": "reactions", "num_comments": "comments", "num_shares": "shares",
            "num_likes": "likes", "num_loves": "loves", "num_wows": "wows", "num_hahas": "hahas",
            "num_sads": "sads", "num_angrys": "angrys",
        },
        counts=("reactions", "comments", "shares", "likes", "loves", "wows", "hahas", "sads", "angrys"),
        total="reactions", parts=("likes", "loves", "wows", "hahas", "sads", "angrys"),
        date="published",
    ),
}

DATE_FORMATS = {"m/d/YYYY H:MM": "%m/%d/%Y %H:%M", "m/d/YY H:MM": "%m/%d/%y %H:%M",
                "YYYY-MM-DD HH:MM": "%Y-%m-%d %H:%M", "YYYY-MM-DD HH:MM:SS": "%Y-%m-%d %H:%M:%S"}

PROBLEMS = ("byte_order_mark", "extra_columns", "blank_rows", "duplicate_rows", "missing_cells",
            "unreadable_numbers", "negative_numbers", "unreadable_dates", "totals_disagree", "unknown_types")


class ExportError(ValueError):
    """The file is not a page export of a kind the loader knows, or cannot be read at all."""


@dataclass
class CleaningReport:
    """What :func:`load_export` found and did, problem by problem.

    Attributes
    ----------
    kind : str
        'facebook_metrics' or 'live_sellers'.
    source : str
        The file's name (not its folder).
    rows_read, rows_kept : int
        Data rows in the file, and rows in the returned table.
    problems : dict of str -> int
        A count for every problem in :data:`PROBLEMS` (0 when there was none).
    details : dict of str -> str
        Words on some problems: which columns were extra, where cells were missing,
        how many dates had each format.
    """

    kind: str
    source: str
    rows_read: int = 0
    rows_kept: int = 0
    problems: dict = field(default_factory=lambda: dict.fromkeys(PROBLEMS, 0))
    details: dict = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        """True if the file had none of the problems."""
        return not any(self.problems.values())

    def to_frame(self):
        """The counts as a table: one row per problem, with its details."""
        return pd.DataFrame({"count": pd.Series(self.problems),
                             "details": pd.Series({k: self.details.get(k, "") for k in self.problems})})

    def __str__(self) -> str:
        lines = [f"{self.source}: {KINDS[self.kind].title}",
                 f"  {self.rows_read} rows read, {self.rows_kept} kept"]
        for problem, count in self.problems.items():
            if count:
                extra = f" ({self.details[problem]})" if problem in self.details else ""
                lines.append(f"  - {problem.replace('_', ' ')}: {count}{extra}")
        if self.clean:
            lines.append("  no problems found")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle):   # what a notebook shows
        printer.text(str(self))


# ---- Reading -------------------------------------------------------------------------------

def _read_text(path):
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or pathlib.Path); got {path!r} of type {type(path).__name__}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"there is no file {path.name!r} in {str(path.parent)!r}")
    raw = path.read_bytes()
    if not raw.strip():
        raise ExportError(f"{path.name} is empty: an export has a header row and at least one row of data")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")   # older spreadsheets; every byte is a character in latin-1
    had_bom = text.startswith(BOM)
    return path, text.removeprefix(BOM), had_bom


def _header(text, separator):
    first = text.splitlines()[0] if text.splitlines() else ""
    return [name.strip().strip('"') for name in first.split(separator)]


def _detect(text, path, kind):
    """Which kind of export this is, or an ExportError that says what each kind needs."""
    candidates = [kind] if kind is not None else list(KINDS)
    scores = {}
    for name in candidates:
        header = _header(text, KINDS[name].separator)
        missing = [c for c in KINDS[name].columns if c not in header]
        if not missing:
            return name
        scores[name] = missing
    closest = min(scores, key=lambda n: len(scores[n]))
    found = _header(text, "," if text.count(",") >= text.count(";") else ";")
    needs = "; ".join(f"a {KINDS[n].title} needs the columns {', '.join(KINDS[n].columns)}" for n in candidates)
    raise ExportError(
        f"{path.name} is not a page export of a kind smlearn knows: {needs}. "
        f"The file's first line has: {', '.join(found[:25])}{' ...' if len(found) > 25 else ''}. "
        f"Closest is {closest!r}, which lacks {', '.join(scores[closest][:6])}"
        f"{' ...' if len(scores[closest]) > 6 else ''}. Rename your columns to one layout (see smlearn.exports.KINDS)."
    )


def _to_counts(values, column, report):
    """Text -> nullable whole numbers; count missing, unreadable and negative cells."""
    text = values.str.strip()
    blank = text == ""
    number = pd.to_numeric(text.mask(blank), errors="coerce")
    unreadable = number.isna() & ~blank
    whole = number.notna() & (number != np.floor(number.fillna(0)))
    unreadable |= whole
    negative = number < 0
    for problem, mask in (("missing_cells", blank), ("unreadable_numbers", unreadable), ("negative_numbers", negative)):
        if mask.any():
            report.problems[problem] += int(mask.sum())
            _add_detail(report, problem, f"{column} {int(mask.sum())}")
    return number.mask(unreadable | negative).astype("Int64")


def _add_detail(report, problem, text):
    report.details[problem] = f"{report.details[problem]}, {text}" if problem in report.details else text


def _to_dates(values, column, report):
    """Text -> datetimes, trying each format in DATE_FORMATS in turn; count each format used."""
    text = values.str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    used = {}
    for label, fmt in DATE_FORMATS.items():
        todo = out.isna() & (text != "")
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        # a 4-digit year also "fits" %y as its first two digits, so require the whole text to match
        parsed = parsed[parsed.notna()]
        if len(parsed):
            out[parsed.index] = parsed
            used[label] = len(parsed)
    blank = text == ""
    bad = out.isna() & ~blank
    if blank.any():
        report.problems["missing_cells"] += int(blank.sum())
        _add_detail(report, "missing_cells", f"{column} {int(blank.sum())}")
    if bad.any():
        report.problems["unreadable_dates"] = int(bad.sum())
        report.details["unreadable_dates"] = f"e.g. {text[bad].iloc[0]!r}"
    report.details["date_formats"] = ", ".join(f"{label}: {n}" for label, n in used.items())
    return out


def load_export(path, *, kind=None):
    """Read a page export, clean it, and report what was cleaned.

    Parameters
    ----------
    path : str or pathlib.Path
        The export file (CSV, ``;``- or ``,``-separated, UTF-8 or Latin-1, with or
        without a byte-order mark).
    kind : {'facebook_metrics', 'live_sellers'}, optional
        The layout; by default it is recognised from the header.

    Returns
    -------
    posts : pandas.DataFrame
        One row per post, tidy names (see :data:`KINDS`), whole numbers as nullable
        ``Int64``, ``type`` in lower case, ``paid`` as a nullable boolean, dates as
        datetimes, and a boolean column ``total_mismatch``.
    report : CleaningReport
        Counts per problem (:data:`PROBLEMS`), rows read and kept, and details.

    Raises
    ------
    TypeError
        If ``path`` is not a path.
    FileNotFoundError
        If there is no such file.
    ValueError
        If ``kind`` is unknown.
    ExportError
        (a ValueError) If the file is empty, has no data rows, or is not an export of a
        known kind (the message lists the columns each kind needs).

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
      - totals disagree: 1
    >>> report.details["date_formats"]
    'm/d/YYYY H:MM: 4, m/d/YY H:MM: 3'
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in KINDS)} or None; got {kind!r}")
    path, text, had_bom = _read_text(path)
    kind = _detect(text, path, kind)
    spec = KINDS[kind]
    report = CleaningReport(kind=kind, source=path.name)
    report.problems["byte_order_mark"] = int(had_bom)

    try:
        frame = pd.read_csv(io.StringIO(text), sep=spec.separator, dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except pd.errors.ParserError as error:
        raise ExportError(f"{path.name} looks like a {spec.title} but cannot be read as one: {error}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    report.rows_read = len(frame)

    extra = [c for c in frame.columns if c not in spec.columns]
    if extra:
        report.problems["extra_columns"] = len(extra)
        report.details["extra_columns"] = ", ".join(extra)
    frame = frame[list(spec.columns)].rename(columns=spec.columns)

    blank = (frame.apply(lambda column: column.str.strip()) == "").all(axis=1)
    report.problems["blank_rows"] = int(blank.sum())
    frame = frame[~blank]
    duplicated = frame.duplicated(keep="first")
    report.problems["duplicate_rows"] = int(duplicated.sum())
    frame = frame[~duplicated].reset_index(drop=True)
    if frame.empty:
        raise ExportError(f"{path.name} has a header but no rows of data")

    tidy = {}
    original = {v: k for k, v in spec.columns.items()}
    for column in frame.columns:
        if column in spec.counts:
            tidy[column] = _to_counts(frame[column], original[column], report)
        elif column == spec.date:
            tidy[column] = _to_dates(frame[column], original[column], report)
        elif column == "paid":
            flags = _to_counts(frame[column], original[column], report)
            tidy[column] = flags.map({1: True, 0: False}).astype("boolean")
        elif column == "type":
            kinds = frame[column].str.strip().str.lower()
            unknown = ~kinds.isin(POST_TYPES) & (kinds != "")
            if unknown.any():
                report.problems["unknown_types"] = int(unknown.sum())
                report.details["unknown_types"] = ", ".join(sorted(set(kinds[unknown])))
            empty = kinds == ""
            if empty.any():
                report.problems["missing_cells"] += int(empty.sum())
                _add_detail(report, "missing_cells", f"{original[column]} {int(empty.sum())}")
            tidy[column] = kinds.mask(empty).astype("string")
        else:
            tidy[column] = frame[column].str.strip().astype("string")
    posts = pd.DataFrame(tidy)
    if kind == "live_sellers":
        posts.insert(1, "page_id", posts["status_id"].str.split("_").str[0].astype("string"))

    parts = posts[list(spec.parts)]
    known = parts.notna().all(axis=1) & posts[spec.total].notna()
    mismatch = known & (parts.sum(axis=1) != posts[spec.total])
    posts["total_mismatch"] = mismatch.astype(bool)
    report.problems["totals_disagree"] = int(mismatch.sum())
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
    if kind not in makers:
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in makers)}; got {kind!r}")
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"there is no folder {str(folder)!r}")
    target = folder / f"example_{kind}.csv"
    target.write_bytes(makers[kind]().encode("utf-8"))
    return target

"""Tables a screen reader can read: no empty header cell in the HTML of a DataFrame.

pandas draws an empty ``<th></th>`` in the top-left corner of every DataFrame it shows, and
one more under each column when the index has a name. A screen reader announces such a cell
as a header with no name (axe-core: empty-table-header). The course shows its tables through
:func:`frame_html` instead, which

- hides an unnamed index that only counts rows from 0 (a RangeIndex learners do not read);
- writes the index's name in the corner (the header of the row labels), in place of pandas'
  extra row of index names;
- leaves a corner that has nothing to name as an ordinary cell (``<td>``), not a header.

The text a notebook shows as plain text (``text/plain``) does not change.
:func:`keep_tables_readable` registers :func:`frame_html` with IPython (``check_environment``
does it in every lesson's first cell, for a Styler's table too), each table inside
:func:`scroll_region` (a wide table in a narrow or zoomed notebook scrolls sideways, and the
keyboard can scroll it); :func:`no_empty_headers` fixes HTML written earlier.

Examples
--------
>>> import pandas as pd
>>> html = frame_html(pd.DataFrame({"visits": [3, 4]}, index=pd.Index(["push", "pull"], name="channel")))
>>> "<th></th>" in html, "<th>channel</th>" in html
(False, True)
"""

from __future__ import annotations

import re

__all__ = ["frame_html", "keep_tables_readable", "no_empty_headers", "scroll_region"]

_ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S)
_EMPTY_TH = re.compile(r"<th(\s[^>]*)?>((?:\s|&nbsp;|&#160;)*)</th>")   # pandas' and the Styler's
_CELL = re.compile(r"<th[^>]*>.*?</th>|<td[^>]*>.*?</td>", re.S)


def no_empty_headers(html: str) -> str:
    """Any HTML with each empty header cell (``<th></th>``) made an ordinary empty cell.

    >>> no_empty_headers('<tr><th></th><th>a</th><th class="blank level0" >&nbsp;</th></tr>')
    '<tr><td></td><th>a</th><td class="blank level0" >&nbsp;</td></tr>'
    """
    if not isinstance(html, str):
        raise TypeError(f"html must be a str; got {type(html).__name__}")
    return _EMPTY_TH.sub(lambda m: f"<td{m.group(1) or ''}>{m.group(2)}</td>", html)


def scroll_region(html: str) -> str:
    """``html`` (a table) in a box that scrolls sideways when the table is wider than the page, by keyboard too.

    In a narrow or zoomed notebook a wide table scrolls; a box that scrolls but takes no keyboard
    focus cannot be scrolled without a mouse (WCAG 2.1.1; axe-core: scrollable-region-focusable).
    So the box is a Tab stop (arrow keys then scroll it), named "Table" for a screen reader.

    >>> scroll_region("<table></table>")
    '<div class="smlearn-table" role="region" aria-label="Table" tabindex="0" style="overflow-x: auto; max-width: 100%"><table></table></div>'
    """
    if not isinstance(html, str):
        raise TypeError(f"html must be a str; got {type(html).__name__}")
    return ('<div class="smlearn-table" role="region" aria-label="Table" tabindex="0"'
            f' style="overflow-x: auto; max-width: 100%">{html}</div>')


def _counts_rows(index) -> bool:
    import pandas as pd

    return (isinstance(index, pd.RangeIndex) and index.name is None and index.step == 1
            and (len(index) == 0 or index.start == 0))


def frame_html(frame) -> str:
    """The notebook HTML of ``frame`` (as pandas shows it, same options) without empty header cells.

    >>> import pandas as pd
    >>> html = frame_html(pd.DataFrame({"a": [1, 2]}))
    >>> "<th>a</th>" in html, "<th>0</th>" in html, "<th></th>" in html
    (True, False, False)
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError("frame must have rows and columns; got an empty DataFrame (show it with no_empty_headers)")
    html = frame._repr_html_()          # honours display.max_rows, max_columns, show_dimensions...
    if html is None:                    # display.notebook_repr_html is off: nothing to fix
        return html
    head_start, head_end = html.find("<thead>"), html.find("</thead>")
    if head_start < 0:
        return no_empty_headers(html)
    head, body = html[head_start:head_end], html[head_end:]
    rows = _ROW.findall(head)
    levels = frame.index.nlevels
    names = list(frame.index.names)
    columns_named = any(name is not None for name in frame.columns.names)
    if levels == 1 and _counts_rows(frame.index) and not columns_named:
        # Row numbers from 0 tell a learner nothing: drop the first cell of every row.
        first = re.compile(r"(<tr[^>]*>\s*)<th[^>]*>.*?</th>\s*", re.S)
        return html[:head_start] + first.sub(r"\1", head) + first.sub(r"\1", body)
    if any(name is not None for name in names) and not columns_named and len(rows) >= 2:
        # pandas puts the index's names on a row of their own, under empty column cells:
        # put them in the corner of the header row instead, and drop that row.
        header, names_row = rows[-2], rows[-1]
        cells = _CELL.findall(header)
        for i, name in enumerate(names[:len(cells)]):
            if name is not None and _EMPTY_TH.fullmatch(cells[i]):
                cells[i] = f"<th>{_escape(name)}</th>"
        opening = header[:header.index(">") + 1]
        new_header = opening + "".join(cells) + "</tr>"
        head = head.replace(names_row, "").replace(header, new_header)
        head = re.sub(r"\n\s*\n", "\n", head)
    return html[:head_start] + no_empty_headers(head) + no_empty_headers(body)


def _escape(name) -> str:
    from html import escape

    return escape(str(name))


def keep_tables_readable(shell=None) -> bool:
    """Make the notebook show every DataFrame as :func:`frame_html` (its plain text unchanged).

    Returns False (and changes nothing) outside IPython.
    """
    from smlearn.shell import notebook_shell

    shell = notebook_shell(shell)
    if shell is None:
        return False
    import pandas as pd

    # A printer registered for the type comes before pandas' own _repr_html_.
    html = shell.display_formatter.formatters["text/html"]
    def frame_shown(frame):
        table = no_empty_headers(frame._repr_html_()) if frame.empty else frame_html(frame)
        return scroll_region(table) if table is not None else None

    html.for_type(pd.DataFrame, frame_shown)
    try:
        from pandas.io.formats.style import Styler   # needs jinja2
    except ImportError:
        return True
    html.for_type(Styler, lambda styler: scroll_region(no_empty_headers(styler._repr_html_())))
    return True

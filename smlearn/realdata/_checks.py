"""Checks shared by the real-data modules: a table's columns."""

from __future__ import annotations


def _check_columns(table, columns, name):
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(table).__name__}")
    missing = []
    for column in columns:
        if column not in table.columns:
            missing.append(column)
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}; it has {list(table.columns)}")

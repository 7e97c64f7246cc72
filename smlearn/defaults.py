"""The models' defaults under a class profile: what the course ships, what a profile changes,
and a whole profile checked against the models.

:mod:`smlearn.profile` reads a profile and hands each model its defaults as the model is
imported; it loads no model itself. Checking every setting of a profile, or asking for a
model's shipped records, needs the model loaded, so those live here, one layer up.

Examples
--------
>>> shipped_params("traffic")["network_size"].default     # the literal record, whatever the profile says
300
>>> changed_defaults(active_profile())                      # the course's own profile changes nothing
[]
"""

from __future__ import annotations

import importlib
from pathlib import Path

from smlearn.params import check_instance
from smlearn.profile import (
    ACTIVE_FILE,
    Change,
    Profile,
    active_profile,
    check_model,
    check_settings,
    model_names,
    read_profile,
    shipped_records,
)

__all__ = ["load_profile", "shipped_params", "changed_defaults"]


def load_profile(path) -> Profile:
    """Read the profile in ``path`` and check it all; raise a clear error naming file and key.

    Checked: the keys (``profile``, ``name``, ``story``, ``settings``), the format version,
    that the story names the same words as the active profile's, and every setting: a model
    that exists, a parameter it has, a value of the right type inside its range and on its
    slider's grid. Nothing is written.

    Examples
    --------
    >>> from smlearn.profile import ACTIVE_FILE
    >>> load_profile(ACTIVE_FILE).path.name
    'class_profile.yml'
    >>> load_profile(ACTIVE_FILE.parent / "no_such_profile.yml")
    Traceback (most recent call last):
    ...
    FileNotFoundError: path must be an existing file; there is no file '...no_such_profile.yml'
    """
    profile = read_profile(path)
    if Path(profile.path).resolve() != ACTIVE_FILE:
        words = active_profile().story
        extra = [key for key in profile.story if key not in words]
        if extra:
            raise ValueError(f"{profile.path}: story has unknown word(s) {', '.join(extra)};"
                             f" allowed: {', '.join(words)}")
        missing = [key for key in words if key not in profile.story]
        if missing:
            raise ValueError(f"{profile.path}: story lacks {', '.join(missing)}; a profile names every story word"
                             f" ({', '.join(words)})")
    for model in profile.settings:
        check_settings(profile, model, shipped_params(model))
    return profile


def shipped_params(model: str) -> dict:
    """The model's records as the course ships them (before any profile).

    Examples
    --------
    >>> shipped_params("inequality")
    Traceback (most recent call last):
    ...
    ValueError: inequality has no PARAMS; models with parameters: bass, crowds, diffusion, ...
    """
    check_model(model)
    importlib.import_module(f"smlearn.models.{model}")   # the import calls apply_profile
    if shipped_records(model) is None:
        with_params = [m for m in model_names() if shipped_records(m) is not None or hasattr(
            importlib.import_module(f"smlearn.models.{m}"), "PARAMS")]
        raise ValueError(f"{model} has no PARAMS; models with parameters: {', '.join(with_params)}")
    return shipped_records(model)


def changed_defaults(profile: Profile) -> list[Change]:
    """Every default ``profile`` sets to a value other than the shipped one, model by model.

    Examples
    --------
    >>> changes = changed_defaults(active_profile())   # the course's own profile changes nothing
    >>> all(change.value != change.shipped for change in changes)
    True
    """
    check_instance("profile", profile, Profile, "a Profile from load_profile")
    changes = []
    for model, values in profile.settings.items():
        shipped = shipped_params(model)
        for name, value in values.items():
            if name in shipped and shipped[name].check(value) != shipped[name].default:
                changes.append(Change(model, name, shipped[name].default, shipped[name].check(value)))
    return changes

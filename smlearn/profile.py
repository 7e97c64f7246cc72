"""Class profiles: one small YAML file holds a class's story words and model defaults.

A profile looks like this::

    profile: 1                      # format version
    name: "Rosa's bakery"           # shown in reports
    story:                          # words the lessons use for the course's running example
      owner: Rosa
    settings:                       # model defaults to change, by model module name
      traffic: {network_size: 800, push_hours: 4.0}

The ACTIVE profile is the file ``class_profile.yml`` next to this module. The one the
course ships changes no setting. ``smlearn build --profile FILE`` checks FILE, rewrites
the course to it and then makes it the active profile.

Each model module builds ``PARAMS`` from its literal list of :class:`~smlearn.params.Param`
records (those literals are the SHIPPED defaults) and passes it through
:func:`apply_profile`, which swaps in the active profile's defaults. Model functions read
their defaults from ``PARAMS`` (:func:`smlearn.params.defaults_from`), so a default lives in
one place.

Examples
--------
>>> from smlearn.profile import ACTIVE_FILE, model_names
>>> ACTIVE_FILE.name
'class_profile.yml'
>>> "traffic" in model_names()
True

Checking a whole profile against the models, and the shipped defaults, need the models
loaded: they are in :mod:`smlearn.defaults`, a layer above (this module loads no model).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from pathlib import Path

from smlearn.params import Choice, Param, check_flag, check_instance, check_items, check_path, check_text

__all__ = ["Profile", "Change", "ACTIVE_FILE", "model_names", "check_model", "read_profile", "active_profile", "apply_profile", "check_settings",
           "shipped_records", "story_neutral", "phrase_pattern", "FORMAT"]

ACTIVE_FILE = Path(__file__).resolve().parent / "class_profile.yml"
MODELS_DIR = Path(__file__).resolve().parent / "models"
FORMAT = 1
TOP_KEYS = ("profile", "name", "story", "settings")

# What each model module handed to apply_profile: its literal records, and who owns each record
# (links borrows two of traffic's records; a profile sets those under traffic only).
_SHIPPED: dict[str, dict] = {}
_OWNER: dict[int, str] = {}         # id(record) -> model that declared it
_ORIGINAL: dict[int, object] = {}   # id(profiled record) -> the literal record it replaced
_KEEP: list = []                    # keeps the records alive, so their ids stay unique
_active: Profile | None = None      # the active profile, once read


@dataclasses.dataclass(frozen=True)
class Profile:
    """A checked class profile: its name, story words, model settings and the file it came from."""

    name: str
    story: dict
    settings: dict
    path: Path


@dataclasses.dataclass(frozen=True)
class Change:
    """One default a profile changes: the model, the parameter, the shipped value and the new one."""

    model: str
    param: str
    shipped: object
    value: object


def model_names() -> list[str]:
    """The model modules a profile may name: the modules in the ``smlearn/models`` folder.

    Read from the folder, not by importing ``smlearn.models``: the profile sits below the models
    (each model imports it), so it never loads one. Packages (``engines``) hold fast engines, not models.
    """
    return sorted(path.stem for path in MODELS_DIR.glob("*.py") if not path.stem.startswith("_"))


def check_model(model) -> str:
    """Return ``model`` if it names a model module a profile may set (see :func:`model_names`)."""
    check_text("model", model)
    if model not in model_names():
        raise ValueError(f"model must be one of {', '.join(model_names())}; got {model!r}")
    return model


def shipped_records(model: str) -> dict | None:
    """The literal records ``model`` handed to :func:`apply_profile`, or None if it has not been imported."""
    check_model(model)
    return dict(_SHIPPED[model]) if model in _SHIPPED else None


def _owner_of(record) -> str | None:
    """The model that declared ``record`` (a model may borrow another's records), or None."""
    check_instance("record", record, (Param, Choice), "a Param or Choice record of a model's PARAMS")
    return _OWNER.get(id(record))


def read_profile(path) -> Profile:
    """Read ``path`` and check its layout (keys, types, model names); the values are checked by the
    models as they load (:func:`apply_profile`), or all at once by :func:`smlearn.defaults.load_profile`."""
    import yaml

    path = check_path("path", path, file=True)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not a valid YAML file: {error}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a text file (UTF-8)") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a profile is a mapping with the keys {', '.join(TOP_KEYS)};"
                         f" got {type(data).__name__}")
    unknown = [str(key) for key in data if key not in TOP_KEYS]
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(TOP_KEYS)}")
    missing = [key for key in TOP_KEYS if key not in data]
    if missing:
        raise ValueError(f"{path}: missing key(s) {', '.join(missing)}; a profile has {', '.join(TOP_KEYS)}")
    if data["profile"] != FORMAT or isinstance(data["profile"], bool):
        raise ValueError(f"{path}: profile must be {FORMAT} (the format version); got {data['profile']!r}")
    if not isinstance(data["name"], str) or not data["name"].strip():
        raise ValueError(f"{path}: name must be a non-empty text; got {data['name']!r}")
    story = _mapping(path, "story", data["story"])
    for key, words in story.items():
        if not isinstance(words, str) or not words.strip():
            raise ValueError(f"{path}: story.{key} must be a non-empty text (quote it); got {words!r}")
    settings = _mapping(path, "settings", data["settings"])
    models = model_names()
    for model, values in settings.items():
        if model not in models:
            raise ValueError(f"{path}: settings.{model} is not a model; allowed: {', '.join(models)}")
        _mapping(path, f"settings.{model}", values)
    return Profile(name=data["name"], story=story, settings={m: dict(v or {}) for m, v in settings.items()},
                   path=path)


@functools.cache
def _loader():
    """PyYAML's safe loader, except that a key given twice is an error (PyYAML keeps the last silently)."""
    import yaml

    class NoDuplicates(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is given twice",
                                                            key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return NoDuplicates


def _mapping(path, key, value) -> dict:
    """An empty value (``settings:`` with nothing under it) is an empty mapping; keys are texts."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{path}: {key} must be a mapping (name: value lines); got {value!r}")
    bad = [k for k in value if not isinstance(k, str)]
    if bad:
        raise ValueError(f"{path}: {key} has a key that is not a name: {bad[0]!r}")
    return value


def check_settings(profile: Profile, model: str, spec: Mapping) -> dict:
    """The model's records with the profile's values, each checked against its record."""
    check_instance("profile", profile, Profile, "a Profile (read_profile)")
    check_model(model)
    check_instance("spec", spec, Mapping, "a model's PARAMS (a dict of Param and Choice records)")
    values = profile.settings.get(model, {})
    where = f"{profile.path}: settings.{model}"
    out = dict(spec)
    for name, value in values.items():
        if name not in spec:
            raise ValueError(f"{where}: unknown parameter {name!r}; allowed: {', '.join(spec)}")
        record = spec[name]
        owner = _OWNER.get(id(record), model)
        if owner != model:
            raise ValueError(f"{where}.{name}: {model} takes {name} from {owner}; set it under settings.{owner}")
        try:
            value = record.check(value)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{where}.{name}: {error}") from None
        if isinstance(record, Param) and not _on_grid(record, value):
            raise ValueError(f"{where}.{name}: {name} must be {record.min:g} plus a whole number of steps of"
                             f" {record.step:g} (a value its slider can show); got {value!r}")
        out[name] = dataclasses.replace(record, default=value)
    return out


def _on_grid(record: Param, value) -> bool:
    steps = (value - record.min) / record.step
    return abs(steps - round(steps)) < 1e-9


def active_profile() -> Profile:
    """The active class profile, ``smlearn/class_profile.yml``, read once.

    Its settings are checked by each model module as it is imported (:func:`apply_profile`).
    """
    global _active
    if _active is None:
        _active = read_profile(ACTIVE_FILE)
    return _active


def story_neutral(text: str) -> str:
    """``text`` with each of the active profile's story words replaced by its key in braces.

    Answers are fingerprinted in this form (see :func:`smlearn.exercises.fingerprint`), so that a
    question whose right option names the business keeps its answer when a profile renames it.
    Whole words only, any case, a line break counting as a space.

    >>> owner = active_profile().story["owner"]
    >>> story_neutral(f"Ask {owner.upper()} about it")
    'Ask {owner} about it'
    """
    check_text("text", text, allow_empty=True)
    pattern, keys = _story_regex(tuple(sorted(active_profile().story.items())))
    if pattern is None:
        return text
    return pattern.sub(lambda match: "{" + keys[" ".join(match.group(0).casefold().split())] + "}", text)


def phrase_pattern(phrases, ignore_case: bool = False):
    """One regex for any of ``phrases``: longest first, whole words only (so 'Priya' not in 'Priyanka'),
    any run of spaces or a line break between words (prose is wrapped); None if there are none."""
    check_flag("ignore_case", ignore_case)
    phrases = check_items("phrases", phrases, what="phrases (strings)", allow_empty=True)
    for phrase in phrases:
        check_text("phrases", phrase)
    phrases = sorted(set(phrases), key=len, reverse=True)
    if not phrases:
        return None
    parts = [r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases]
    return re.compile("|".join(rf"(?<!\w){part}(?!\w)" for part in parts), re.IGNORECASE if ignore_case else 0)


@functools.lru_cache(maxsize=4)
def _story_regex(story: tuple) -> tuple:
    """The pattern that finds any of ``story``'s words, in any case, and each word's key."""
    return (phrase_pattern([phrase for _, phrase in story], ignore_case=True),
            {" ".join(phrase.casefold().split()): key for key, phrase in story})


def apply_profile(model: str, params: dict) -> dict:
    """Return ``params`` with the active profile's defaults for ``model`` swapped in.

    A model module calls it once, on its literal records: ``PARAMS = apply_profile("traffic", {...})``.
    The literal records stay available as :func:`smlearn.defaults.shipped_params`.

    Examples
    --------
    >>> from smlearn.params import Param
    >>> apply_profile("traffic", {"hours": Param("minutes", 5.0, 0.0, 40.0, 0.5, "Outreach")})
    Traceback (most recent call last):
    ...
    TypeError: params must map each name to its Param or Choice record; got 'hours': Param(name='minutes', ...)
    """
    check_model(model)
    check_instance("params", params, Mapping, "a model's PARAMS (a dict of Param and Choice records)")
    for name, record in params.items():
        if not isinstance(record, (Param, Choice)) or record.name != name:
            raise TypeError(f"params must map each name to its Param or Choice record; got {name!r}: {record!r}")
    shipped = {name: _ORIGINAL.get(id(record), record) for name, record in params.items()}
    for record in params.values():
        _OWNER.setdefault(id(record), model)
        _KEEP.append(record)
    profiled = check_settings(active_profile(), model, params)
    for name, record in profiled.items():
        if record is not params[name]:
            _OWNER[id(record)] = model
            _ORIGINAL[id(record)] = shipped[name]
            _KEEP.append(record)
    _SHIPPED[model] = shipped
    return profiled


def _activate(path) -> Profile:
    """Make ``path`` this process's active profile, before any model is imported (tests use it).

    Raises if a model module has already taken its defaults: they would not follow.
    """
    global _active
    if _SHIPPED:
        raise RuntimeError(f"models already imported ({', '.join(_SHIPPED)}); activate a profile before them")
    _active = read_profile(path)
    return _active

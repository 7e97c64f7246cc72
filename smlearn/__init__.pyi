# What `import smlearn` makes reachable, loaded on first use: smlearn.data, smlearn.models, ...
# Every public module here must be listed (tests/course/test_layers.py checks it).

from . import (
    build,
    checks,
    cli,
    copies,
    course,
    data,
    defaults,
    environment,
    exercises,
    exports,
    flips,
    frame,
    hub,
    layers,
    models,
    new_lesson,
    pacing,
    params,
    plots,
    profile,
    progress,
    questions,
    realdata,
    shell,
    tables,
    typed_numbers,
    vocabulary,
    widgets,
)
from .environment import check_environment

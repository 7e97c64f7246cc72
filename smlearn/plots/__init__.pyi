# The figures of each topic, each module loaded the first time it is used.
# Every public module here must be listed (tests/course/test_layers.py checks it).

from . import (
    activities,
    class_markets,
    class_votes,
    crowds,
    effort,
    estimates,
    figure_text,
    flips,
    links,
    networks,
    pipeline,
    render,
    returns,
    spread,
    style,
    traffic,
)

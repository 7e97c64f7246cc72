# The course's models, each loaded the first time it is used (smlearn.models.traffic, ...).
# Every public module here must be listed (tests/course/test_layers.py checks it).

from . import (
    bass,
    bootstrap,
    class_markets,
    class_votes,
    crowds,
    degree_tails,
    diffusion,
    diffusion_experiments,
    diffusion_theory,
    engines,
    estimates,
    front_page,
    inequality,
    interval_studies,
    links,
    networks,
    pipeline,
    ranking,
    rate_intervals,
    returns,
    traffic,
    uncertainty,
    vote_rings,
)

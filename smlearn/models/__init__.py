"""The course's models: pure functions, parameters in, tidy results out.

A model never plots, prints or builds a widget, so it can be read, run and tested on
its own. Each module declares ``PARAMS``, the one record of its parameters' defaults,
ranges and units; explorers build their sliders from it, and its functions take their
defaults from it (:func:`smlearn.params.defaults_from`). The records written in a module
are the defaults the course ships; a class profile (:mod:`smlearn.profile`) may change them.

A model a learner reads states its rules plainly; where they are too slow for a lesson's
maps and tables, a fast twin in :mod:`smlearn.models.engines` runs the same rules on whole
arrays, and a test holds both equal. The engines:

- :mod:`smlearn.models.engines.spread` -- diffusion's cascade, threshold and SIR runs on a prepared network.
- :mod:`smlearn.models.engines.pipeline` -- the pipeline model's weeks for many splits of the hours at once.
- :mod:`smlearn.models.engines.ranking` -- the ranking rules scoring and ordering a whole front page at once.
- :mod:`smlearn.models.engines.intervals` -- the weighted-mean interval of a rate for many data sets at once.

The models:

- :mod:`smlearn.models.traffic` -- push (outreach) vs pull (content found by search) website traffic (lesson 02).
- :mod:`smlearn.models.networks` -- friendship vs follower networks and their measures (lesson 03).
- :mod:`smlearn.models.degree_tails` -- is the tail of the followers a power law? Clauset et al.'s fit and test (lesson 03).
- :mod:`smlearn.models.bass` -- the Bass model: adoption by outside push and word of mouth, with no network (lesson 04).
- :mod:`smlearn.models.diffusion` -- cascades, threshold contagion and SIR on networks, as plain rules (lesson 04);
  its fast engine is :mod:`smlearn.models.engines.spread`.
- :mod:`smlearn.models.diffusion_theory` -- where things can spread: Newman's epidemic threshold, Watts's cascade window.
- :mod:`smlearn.models.diffusion_experiments` -- the diffusion models run many times: Centola's, Newman's and Watts's figures.
- :mod:`smlearn.models.ranking` -- five published ranking rules, from votes to a page's order (lesson 05);
  its fast engine is :mod:`smlearn.models.engines.ranking`.
- :mod:`smlearn.models.front_page` -- a voting site's front page hour by hour under one rule (lesson 05).
- :mod:`smlearn.models.vote_rings` -- what a ring of fake votes buys, who cast the votes, and a detector (lesson 05).
- :mod:`smlearn.models.class_votes` -- a class's own front-page votes measured with vote_rings' detector (class mode).
- :mod:`smlearn.models.crowds` -- a MusicLab-style social-influence market (lesson 05b).
- :mod:`smlearn.models.class_markets` -- a class's own music market measured as MusicLab's, beside the model (class mode).
- :mod:`smlearn.models.links` -- PageRank and content that earns links and search visits (lesson 06).
- :mod:`smlearn.models.pipeline` -- one week of hours, from stranger to follower to tie to client (lessons 02c, 07, 09);
  its fast engine is :mod:`smlearn.models.engines.pipeline`.
- :mod:`smlearn.models.returns` -- analytics metrics and the funnel (lesson 08).
- :mod:`smlearn.models.uncertainty` -- a sample of posts of two types, each rate with two intervals (lesson 08);
  the intervals are :mod:`smlearn.models.rate_intervals` (a weighted mean, comparing post types) and
  :mod:`smlearn.models.bootstrap` (the percentile bootstrap), checked on simulated posts in
  :mod:`smlearn.models.interval_studies`.
- :mod:`smlearn.models.estimates` -- a class's estimates of one quantity: crowd error, diversity, a social round (class mode).
- :mod:`smlearn.models.inequality` -- the Gini coefficient and the top's share, for followers and for songs.
"""

# Submodules load the first time they are used; the stub beside this file (__init__.pyi) lists
# them, so editors and type checkers see them too (lazy_loader, the scientific Python standard).
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)

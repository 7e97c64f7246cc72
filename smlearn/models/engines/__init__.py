"""Fast engines: the same rules as a model, run on whole arrays.

A model module (:mod:`smlearn.models.diffusion`, say) is what a learner reads: it states
the rules step by step, one loop over people, and checks what it is given. Running
those rules on a network of thousands of people, hundreds of times for one table, is
too slow in plain Python. An *engine* runs the very same rules on numpy and scipy
arrays instead, touching only what changes at each step.

The two are kept apart so that each can be read for what it is: the model for the
idea, the engine for the speed. The model's entry points check their inputs and then
hand the work to the engine; the engine assumes checked inputs and is not called by
lessons. Tests prove that both give the same runs (exactly, draw for draw, where they
draw the same random numbers; in distribution otherwise; to floating-point rounding where
the engine adds up totals for many runs at once, as the pipeline engine does).

- :mod:`smlearn.models.engines.spread` -- the cascade, threshold, reinforced cascade
  and SIR of :mod:`smlearn.models.diffusion`, on a network turned into arrays once
  (:class:`~smlearn.models.engines.spread.SpreadGraph`).
- :mod:`smlearn.models.engines.pipeline` -- the weeks of :func:`smlearn.models.pipeline.simulate`
  for many splits at once (the maps and comparisons of lessons 02c, 07 and 09).
- :mod:`smlearn.models.engines.ranking` -- the five rules of :mod:`smlearn.models.ranking`, scored
  and ordered without input checks, for the hourly ranking of :mod:`smlearn.models.front_page`.
- :mod:`smlearn.models.engines.intervals` -- the weighted-mean interval of
  :mod:`smlearn.models.rate_intervals` for many data sets at once (lesson 08's model and coverage checks).
"""

from smlearn.models.engines import intervals, pipeline, ranking, spread

__all__ = ["intervals", "pipeline", "ranking", "spread"]

"""Test runs keep no learner progress: the lessons' solution cells would otherwise add records
to a progress file in the notebooks folder (see smlearn.progress)."""

import os

os.environ["SMLEARN_PROGRESS"] = "off"

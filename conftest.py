"""Test runs keep no learner progress: the lessons' solution cells would otherwise add records
to a progress file in the notebooks folder (see smlearn.progress). They also show every
choice question's options in one order, whoever runs them (see smlearn.exercises.learner_name),
so that the lessons' outputs match their committed ones."""

import os

os.environ["SMLEARN_PROGRESS"] = "off"
os.environ["SMLEARN_LEARNER"] = "course-build"

# The explorers, each module loaded the first time one of its names is used.
# Every public module here must be listed (tests/course/test_layers.py checks it).

from . import (
    base,
    front_page,
    frontend,
    link,
    music_lab,
    network,
    pipeline,
    push_pull,
    returns,
    spread,
    week,
)
from .base import Explorer
from .front_page import FrontPageExplorer
from .link import LinkExplorer
from .music_lab import MusicLabExplorer
from .network import NetworkExplorer
from .pipeline import PipelineExplorer
from .push_pull import PushPullExplorer
from .returns import ReturnsExplorer
from .spread import SpreadExplorer
from .week import WeekExplorer

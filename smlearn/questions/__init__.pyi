# Each lesson's questions, loaded the first time they are used (smlearn.questions.push_and_pull).
# Every module here must be listed (tests/course/test_layers.py checks it); `smlearn new-lesson` adds its own.

from . import (
    capstone,
    effort_and_automation,
    how_things_spread,
    links,
    measuring_returns,
    music_market,
    push_and_pull,
    start_here,
    stranger_to_tie,
    two_ideas,
    when_push_wins,
    who_is_connected,
    wisdom_of_crowds,
    your_plan,
)

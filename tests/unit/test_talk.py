"""The talk detector (widget/talk.py): levels over time -> talking or not."""

from hypothesis import given, settings
from hypothesis import strategies as st

from widget.talk import COOLDOWN, HANG, INTERVAL, LEVEL, ONSET, TalkDetector

LOUD = 0.2  # a tone at -14 dBFS RMS, as the browser tests' fake microphone sends
QUIET = 0.001


def feed(detector, start, seconds, level, step=INTERVAL):
    """Readings every ``step`` from ``start`` for ``seconds``: [(t, change)] of the changes."""
    changes = []
    n = round(seconds / step)
    for i in range(n):
        t = round(start + i * step, 6)
        change = detector.add(t, level)
        if change is not None:
            changes.append((t, change))
    return changes


def test_half_a_second_of_sound_is_talking():
    d = TalkDetector()
    assert feed(d, 0.0, 0.5, LOUD) == []  # 0.0 .. 0.4: not yet half a second
    assert d.add(0.5, LOUD) is True and d.talking


def test_a_short_sound_is_not_talking():
    d = TalkDetector()
    assert feed(d, 0.0, 0.4, LOUD) + feed(d, 0.4, 3.0, QUIET) == []
    assert not d.talking


def test_the_level_threshold():
    d = TalkDetector()
    assert feed(d, 0.0, 2.0, LEVEL * 0.9) == []
    assert feed(d, 2.0, 0.6, LEVEL) == [(2.5, True)]


def test_short_pauses_neither_break_the_onset_nor_end_talking():
    d = TalkDetector()
    # sound, a 0.2 s pause, sound: one run of sound from 0.0
    changes = feed(d, 0.0, 0.3, LOUD) + feed(d, 0.3, 0.2, QUIET) + feed(d, 0.5, 0.1, LOUD)
    assert changes == [(0.5, True)]
    # talking: pauses shorter than the hang-over keep it
    for start in (0.6, 1.6, 2.6):
        assert feed(d, start, 0.3, QUIET) + feed(d, start + 0.3, 0.7, LOUD) == []
    assert d.talking


def test_a_pause_as_long_as_the_hang_over_restarts_the_onset():
    d = TalkDetector()
    changes = feed(d, 0.0, 0.4, LOUD) + feed(d, 0.4, HANG + 0.1, QUIET) + feed(d, 0.9, 0.4, LOUD)
    assert changes == []
    assert d.add(1.4, LOUD) is True  # 0.5 s after the new run began at 0.9


def test_silence_ends_talking_after_the_hang_over():
    d = TalkDetector()
    assert feed(d, 0.0, 1.0, LOUD) == [(0.5, True)]
    # last sound at 0.9: not talking from 0.9 + HANG on
    assert feed(d, 1.0, 1.0, QUIET) == [(round(0.9 + HANG, 6), False)]


def test_no_new_warning_within_the_cooldown():
    d = TalkDetector()
    feed(d, 0.0, 1.0, LOUD)
    ended = 0.9 + HANG
    assert feed(d, 1.0, 1.0, QUIET)[0][1] is False
    # talking again at once, and for the whole cooldown: no warning
    assert feed(d, 2.0, ended + COOLDOWN - 2.0 - INTERVAL, LOUD) == []
    assert not d.talking
    # the cooldown is over and the agent still talks: the warning shows again
    assert feed(d, ended + COOLDOWN, 0.5, LOUD) == [(round(ended + COOLDOWN, 6), True)]


def test_stop_ends_talking_and_the_cooldown_holds_into_the_next_muted_stretch():
    d = TalkDetector()
    feed(d, 0.0, 1.0, LOUD)
    assert d.stop() is False and not d.talking
    assert d.stop() is None
    # muted again 1 s later, talking: within the cooldown of the warning that ended at 0.9
    assert feed(d, 2.0, 3.0, LOUD) == []
    assert feed(d, 0.9 + COOLDOWN, 0.6, LOUD) == [(round(0.9 + COOLDOWN + ONSET, 6), True)]


def test_stop_without_a_warning_starts_no_cooldown():
    d = TalkDetector()
    feed(d, 0.0, 0.3, LOUD)
    assert d.stop() is None
    assert feed(d, 1.0, 0.6, LOUD) == [(1.5, True)]


def test_readings_that_are_no_level_are_silence():
    d = TalkDetector()
    for t, level in ((0.0, None), (0.1, "loud"), (0.2, True), (0.3, float("nan"))):
        assert d.add(t, level) is None
    assert not d.talking


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 1.0), st.sampled_from((LOUD, QUIET))), max_size=60))
def test_warnings_are_cooldown_apart_and_only_after_half_a_second_of_sound(steps):
    d = TalkDetector()
    t = 0.0
    starts, ends, sound_since, last_sound = [], [], None, None
    for dt, level in steps:
        t = round(t + dt, 6)
        if level == LOUD:
            if sound_since is None or t - last_sound >= HANG:
                sound_since = t
            last_sound = t
        change = d.add(t, level)
        if change is True:
            assert t - sound_since >= ONSET
            assert not ends or t - ends[-1] >= COOLDOWN
            starts.append(t)
        elif change is False:
            assert t - last_sound >= HANG
            ends.append(t)
    assert len(starts) - len(ends) in (0, 1)

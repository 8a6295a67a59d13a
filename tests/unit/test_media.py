"""The media verdict (widget/media.py): readings of the outgoing audio over time ->
silent or sending. The traces below are what Chromium's fake microphone gives
(a beep every 500 ms, media-source stats whose level decays by 4x every 100 ms)."""

from hypothesis import given
from hypothesis import strategies as st

from widget import media
from widget.media import SENDING, SILENT, UNKNOWN, MediaCheck, judge, sample

# Chromium, track disabled at t=3.47 s while a beep was at full level: the energy keeps
# growing for ~400 ms as the meter decays, then stays exactly flat.
DISABLED_TAIL = [
    (3.466, 0.5207152395632352, 0.99),
    (3.573, 0.5838360052021234, 0.25),
    (3.679, 0.5877804522886328, 0.0625),
    (3.788, 0.5880267728907634, 0.0156),
    (3.903, 0.5880421161652389, 0.0039),
    (4.007, 0.5880430533005845, 0.00095),
    (4.120, 0.5880431182363575, 0.00021),
    (4.227, 0.588043121021182, 3e-05),
    (4.359, 0.5880431210770646, 0.0),
    (4.491, 0.5880431210770646, 0.0),
]
# The same microphone left on: beeps, with quiet gaps between them.
LIVE_BEEPS = [
    (2.003, 0.1387407038938529, 1.0),
    (2.152, 0.2324900172588239, 0.25),
    (2.268, 0.23588763227312, 0.0625),
    (2.373, 0.2360583314138925, 0.0156),
    (2.483, 0.296066829384923, 1.0),
    (2.737, 0.35328875944842647, 0.0625),
    (2.922, 0.35339446656998896, 0.0039),
    (3.056, 0.4333903347939169, 1.0),
    (3.214, 0.47034029836901814, 0.0625),
    (3.339, 0.47070126717681504, 0.0156),
    (3.466, 0.5207152395632352, 0.99),
    (3.573, 0.5838360052021234, 0.25),
]


def pc(t, energy, level=0.0, enabled=True, **kw):
    """A reading from an RTCPeerConnection with one audio sender."""
    return sample(t, has_track=True, enabled=enabled, energy=energy, level=level, **kw)


def run(check, readings):
    return [check.add(r) for r in readings]


# -- judge: one reading and the one before it -----------------------------------------


def test_a_live_track_is_sending_whatever_the_energy():
    verdict, detail = judge(pc(1.0, 0.5), pc(1.25, 0.5))
    assert verdict == SENDING and detail == "the microphone track is still on"
    verdict, detail = judge(pc(1.0, 0.5), pc(1.25, 0.6))
    assert verdict == SENDING and "sound is reaching the call" in detail


def test_an_off_track_with_flat_energy_is_silent():
    for off in ({"enabled": False}, {"muted": True}, {"ended": True}):
        before = sample(1.0, has_track=True, energy=0.5, **{"enabled": True, **off})
        after = sample(1.3, has_track=True, energy=0.5, **{"enabled": True, **off})
        assert judge(before, after) == (SILENT, "the microphone track is off and no audio is being sent"), off


def test_no_audio_sender_is_silent_and_no_media_is_unknown():
    assert judge(None, sample(1.0, has_track=False, level=0.0)) == (SILENT, "no audio track is being sent")
    assert judge(None, sample(1.0, has_track=False)) == (
        SILENT,
        "no audio track is being sent; " + media.UNMEASURED,
    )
    assert judge(None, sample(1.0, media=False)) == (UNKNOWN, "no call media to check")
    assert judge(None, None)[0] == UNKNOWN


def test_growing_energy_is_sending_even_with_the_track_off():
    verdict, detail = judge(pc(1.0, 0.5, enabled=False), pc(1.25, 0.51, enabled=False))
    assert verdict == SENDING and "energy is still growing" in detail


def test_energy_needs_two_readings_and_a_counter_going_back_tells_nothing():
    assert judge(None, pc(1.0, 0.5, enabled=False)) == (UNKNOWN, "measuring the audio energy")
    assert judge(pc(1.0, 0.9, enabled=False), pc(1.2, 0.1, enabled=False))[0] == UNKNOWN
    assert judge(pc(1.0, 0.5, enabled=False), pc(1.0, 0.6, enabled=False))[0] == UNKNOWN


def test_without_statistics_the_level_and_the_track_decide():
    # A bare track or stream: no energy; its level, where known, still counts.
    off = {"has_track": True, "enabled": False}
    assert judge(None, sample(1.0, **off))[0] == SILENT
    assert judge(None, sample(1.0, level=0.3, **off))[0] == SENDING
    assert judge(None, sample(1.0, level=0.001, **off))[0] == SILENT


def test_firefox_without_audio_numbers_falls_back_to_the_track_and_says_so():
    # Firefox 153 reports a sending peer connection's `media-source` with kind and
    # trackIdentifier only (no totalAudioEnergy, no audioLevel): the shim reads energy
    # and level as None. The track's state decides; the detail says what is not seen.
    live = sample(1.0, has_track=True, enabled=True)
    assert judge(None, live) == (SENDING, "the microphone track is still on")
    verdict, detail = judge(live, sample(1.25, has_track=True, enabled=False))
    assert verdict == SILENT and detail == "the microphone track is off; " + media.UNMEASURED
    assert "not measured" in detail and "no audio statistics" in detail
    # Over a muted stretch: verified from the track at the first reading, flagged if it is
    # turned back on for the grace period.
    check = MediaCheck()
    check.start()
    assert check.add(sample(0.0, has_track=True, enabled=False)) == "silent"
    assert media.UNMEASURED in check.detail
    for t in (0.25, 1.0, 1.8):
        check.add(sample(t, has_track=True, enabled=True))
    assert check.state == "sending" and "the microphone track is still on" in check.detail


def test_while_the_meter_decays_an_off_track_is_silent_whatever_it_measures():
    off = {"enabled": False}
    # The track was seen off at 1.0 s: until 2.0 s, energy or level is the meter's decay.
    assert judge(None, pc(1.0, 0.5, **off), decay_until=2.0) == (SILENT, "the microphone track is off")
    assert judge(pc(1.0, 0.5, **off), pc(1.25, 0.6, **off), decay_until=2.0)[0] == SILENT
    assert judge(pc(1.9, 0.5, **off), pc(2.15, 0.6, **off), decay_until=2.0)[0] == SILENT, "grown since 1.9 s"
    verdict, detail = judge(pc(2.0, 0.5, **off), pc(2.25, 0.6, **off), decay_until=2.0)
    assert verdict == SENDING and "energy is still growing" in detail, "grown since the decay ended"
    assert judge(pc(2.0, 0.5, **off), pc(2.25, 0.5, **off), decay_until=2.0) == (
        SILENT,
        "the microphone track is off and no audio is being sent",
    )
    # A level without energy is one instant: read before the end, or after it.
    loud = {"has_track": True, "enabled": False, "level": 0.3}
    assert judge(None, sample(1.5, **loud), decay_until=2.0)[0] == SILENT
    assert judge(None, sample(2.0, **loud), decay_until=2.0)[0] == SENDING
    # A live track is sent whatever the meter does.
    assert judge(None, pc(1.0, 0.5), decay_until=2.0)[0] == SENDING


def test_the_threshold_is_a_rate_per_second():
    quiet = media.ENERGY_PER_SECOND * 0.5
    loud = media.ENERGY_PER_SECOND * 2
    assert judge(pc(1.0, 0.2, enabled=False), pc(3.0, 0.2 + 2 * quiet, enabled=False))[0] == SILENT
    assert judge(pc(1.0, 0.2, enabled=False), pc(3.0, 0.2 + 2 * loud, enabled=False))[0] == SENDING


def test_readings_are_sanitised():
    r = sample(1, has_track=1, enabled=None, energy="0.5", level=float("nan"))
    assert r == {
        "t": 1.0,
        "media": True,
        "has_track": True,
        "enabled": False,
        "muted": False,
        "ended": False,
        "energy": None,
        "level": None,
    }
    assert sample(1, energy=True)["energy"] is None and sample(1, energy=-1)["energy"] is None


# -- MediaCheck: the verdict over a muted stretch ----------------------------------


def test_a_real_mute_is_verified_at_its_first_reading_and_the_meters_decay_never_reopens_it():
    check = MediaCheck()
    check.start()
    states = run(check, [pc(t, e, lv, enabled=False) for t, e, lv in DISABLED_TAIL])
    assert states == ["silent"] * len(DISABLED_TAIL)
    assert check.detail == "the microphone track is off"
    # Once a second after that (the verifier's pace once verified), the energy is flat.
    t, energy, _ = DISABLED_TAIL[-1]
    assert run(check, [pc(t + 1, energy, enabled=False), pc(t + 2, energy, enabled=False)]) == ["silent"] * 2
    assert check.detail == "the microphone track is off and no audio is being sent"


def test_energy_still_growing_once_the_meter_has_decayed_is_flagged():
    # The track is off, yet the call's audio source keeps adding energy (ten times the
    # threshold): the track's state decides for DECAY seconds, then the energy counts.
    check = MediaCheck(grace=1.0)
    check.start()
    times = [i * media.FAST for i in range(13)]
    states = run(check, [pc(t, 0.2 + t * 10 * media.ENERGY_PER_SECOND, enabled=False) for t in times])
    decayed = times.index(media.DECAY) + 1  # the first reading whose interval starts after it
    assert states[:decayed] == ["silent"] * decayed
    flagged = states.index("sending")
    assert set(states[decayed:flagged]) == {"checking"}
    assert times[flagged] - times[decayed] == 1.0 and set(states[flagged:]) == {"sending"}
    assert check.detail == "seen for 1.0 s: the track is off but audio energy is still growing on the call"


def test_the_meters_decay_is_timed_from_when_the_track_is_seen_off_again():
    check = MediaCheck(grace=1.0)
    check.start()
    assert check.add(pc(0.0, 0.1, enabled=False)) == "silent"
    assert check.add(pc(0.25, 0.2)) == "checking"  # on again behind the widget's back
    # Off again at 2.0 s: the energy it still grows by is the decay from then, not from 0.0 s.
    assert run(check, [pc(2.0, 0.3, enabled=False), pc(2.5, 0.4, enabled=False)]) == ["silent"] * 2


def test_a_lying_softphone_is_flagged_after_the_grace_period_and_cleared_once_off():
    check = MediaCheck(grace=1.0)
    check.start()
    states = run(check, [pc(t, e, lv) for t, e, lv in LIVE_BEEPS])
    flagged_at = LIVE_BEEPS[states.index("sending")][0]
    assert 1.0 <= flagged_at - LIVE_BEEPS[0][0] < 1.2
    assert set(states[: states.index("sending")]) == {"checking"}
    assert check.detail == "seen for 1.0 s: the microphone track is still on and sound is reaching the call"
    # The agent mutes from the softphone itself: the track goes off, the flag clears.
    states = run(check, [pc(t + 2, e + 0.5, lv, enabled=False) for t, e, lv in DISABLED_TAIL])
    assert states[-1] == "silent"


def test_sound_after_verification_reopens_then_flags():
    check = MediaCheck(grace=1.0)
    check.start()
    assert run(check, [pc(0.0, 0.1, enabled=False), pc(1.0, 0.1, enabled=False)]) == ["silent", "silent"]
    assert check.add(pc(2.0, 0.1)) == "checking"  # the track came back on behind the widget's back
    assert check.add(pc(2.5, 0.2)) == "checking"
    assert check.add(pc(3.0, 0.3)) == "sending"


def test_unknown_never_flags_and_stop_forgets_everything():
    check = MediaCheck(grace=0.5)
    assert check.add(pc(0.0, 0.1)) == "off", "readings before start are ignored"
    check.start()
    assert run(check, [sample(t, media=False) for t in (0.0, 1.0, 2.0, 3.0)]) == ["checking"] * 4
    check.add(pc(4.0, 0.1))
    check.add(pc(5.0, 0.2))
    assert check.state == "sending"
    check.stop()
    assert (check.state, check.detail, check.active) == ("off", "", False)
    check.start()
    assert check.add(pc(6.0, 0.2, enabled=False)) == "silent", "the track decides while the meter decays"
    check.stop()
    check.start()
    readings = [pc(9.0, 0.3, enabled=False), pc(9.5, 0.4, enabled=False)]
    assert run(check, readings) == ["silent"] * 2, "the decay is timed afresh"


def test_quick_readings_while_open_then_one_a_second():
    check = MediaCheck(grace=1.0)
    check.start()
    assert check.delay() == media.FAST
    check.add(sample(0.0, media=False))
    check.add(sample(1.9, media=False))
    assert check.delay() == media.FAST
    check.add(sample(2.1, media=False))
    assert check.state == "checking" and check.delay() == media.SLOW, "no media for long: slow down"
    check.start()
    check.add(pc(0.0, 0.0, enabled=False))
    check.add(pc(0.3, 0.0, enabled=False))
    assert check.state == "silent" and check.delay() == media.SLOW


# -- properties -------------------------------------------------------------------------

steps = st.lists(st.floats(min_value=0.01, max_value=2.0), min_size=1, max_size=30)


@given(steps, st.lists(st.floats(min_value=0, max_value=media.ENERGY_PER_SECOND * 0.9), max_size=30))
def test_an_off_track_with_no_energy_growth_is_never_flagged(gaps, growths):
    check = MediaCheck()
    check.start()
    t, energy = 0.0, 0.3
    for i, gap in enumerate(gaps):
        t += gap
        energy += (growths[i] if i < len(growths) else 0.0) * gap
        assert check.add(pc(t, energy, enabled=False)) != "sending"
    if len(gaps) > 1:
        assert check.state == "silent"


@given(steps, st.lists(st.floats(min_value=0, max_value=1.0), max_size=30))
def test_an_off_track_is_silent_at_every_reading_if_its_energy_stops_growing_within_the_decay(gaps, growths):
    check = MediaCheck()
    check.start()
    t, energy = 0.0, 0.3
    for i, gap in enumerate(gaps):
        if t < media.DECAY and i < len(growths):
            energy += growths[i]  # however loud the meter's tail, from a reading before the end
        t += gap
        assert check.add(pc(t, energy, enabled=False)) == "silent"


@given(steps)
def test_a_live_track_is_flagged_exactly_once_the_grace_period_has_passed(gaps):
    check = MediaCheck()
    check.start()
    t, first = 0.0, None
    for gap in gaps:
        t += gap
        first = t if first is None else first
        state = check.add(pc(t, 0.0))
        assert state == ("sending" if t - first >= media.GRACE else "checking")


# -- the verifier's wiring, with the browser replaced by a fake -------------------------

from widget import bridge, verify  # noqa: E402
from widget.adapters.base import Adapter  # noqa: E402


class FakeResources:
    """Timers and readings the test runs by hand."""

    def __init__(self):
        self.timers = {}
        self.next_id = 0

    def set_timeout(self, fn, seconds):
        self.next_id += 1
        self.timers[self.next_id] = (fn, seconds)
        return self.next_id

    def clear_timeout(self, timer_id):
        self.timers.pop(timer_id, None)

    def fire(self):
        (timer_id, (fn, seconds)), *_ = self.timers.items()
        del self.timers[timer_id]
        fn()
        return seconds


def reading(t, enabled, energy=None, source="pc"):
    return {
        "source": source,
        "t": t,
        "has_track": True,
        "enabled": enabled,
        "muted": False,
        "ended": False,
        "energy": energy,
        "level": None,
    }


def make_verifier(monkeypatch):
    pending, reports, warnings = [], [], []
    monkeypatch.setattr(verify.audio, "send_state", lambda res, src, ok, err: pending.append((src, ok, err)))
    monkeypatch.setattr(bridge, "warn", warnings.append)
    resources = FakeResources()
    verifier = verify.MediaVerifier(resources, "the-pc", lambda state, detail: reports.append(state))
    follow = verifier.follow

    def following(muted):
        """follow() returns the change it makes; the button adopts it as a report."""
        change = follow(muted)
        if change is not None:
            reports.append(change[0])

    verifier.follow = following
    return verifier, resources, pending, reports, warnings


def test_the_verifier_reads_at_once_then_on_a_timer_and_reports_state_changes_only(monkeypatch):
    verifier, resources, pending, reports, _ = make_verifier(monkeypatch)
    verifier.follow(False)
    assert pending == [] and reports == [], "nothing to stop"
    verifier.follow(True)
    verifier.follow(True)  # idempotent
    assert reports == ["checking"] and len(pending) == 1 and pending[0][0] == "the-pc"
    delays, t = [], 0.0
    for _ in range(8):  # the lie: a live track, its energy growing, for 2 s
        pending.pop()[1](reading(t, True, energy=t))
        delays.append(resources.fire())
        t += media.FAST
    assert reports == ["checking", "sending"] and verifier.state == "sending"
    assert delays == [media.FAST] * 6 + [media.SLOW] * 2, "quick until flagged, then once a second"
    # Muted for real: the energy stops growing, and the flag clears.
    pending.pop()[1](reading(t, False, energy=t))
    resources.fire()
    pending.pop()[1](reading(t + 1, False, energy=t))
    assert reports == ["checking", "sending", "silent"]


def test_a_real_mute_is_reported_silent_at_the_first_reading_then_read_once_a_second(monkeypatch):
    verifier, resources, pending, reports, _ = make_verifier(monkeypatch)
    verifier.follow(True)
    pending.pop()[1](reading(0.0, False, energy=0.5))
    assert reports == ["checking", "silent"] and resources.fire() == media.SLOW
    pending.pop()[1](reading(1.0, False, energy=0.6))  # the meter's decay since 0.0 s
    assert reports == ["checking", "silent"] and resources.fire() == media.SLOW


def test_a_stopped_verifier_drops_late_readings_and_its_timer(monkeypatch):
    verifier, resources, pending, reports, _ = make_verifier(monkeypatch)
    verifier.follow(True)
    late = pending.pop()
    verifier.follow(False)
    late[1](reading(0.0, True, energy=0.0))
    assert reports == ["checking", "off"] and resources.timers == {}
    verifier.follow(True)
    pending.pop()[1](reading(1.0, False, energy=0.0))
    resources.fire()
    pending.pop()[1](reading(1.3, False, energy=0.0))
    assert reports == ["checking", "off", "checking", "silent"]
    verifier.follow(False)
    assert resources.timers == {} and reports[-1] == "off"


def test_a_source_that_fails_is_warned_about_once_and_read_slowly(monkeypatch):
    verifier, resources, pending, reports, warnings = make_verifier(monkeypatch)
    verifier.follow(True)
    for _ in range(3):
        pending.pop()[2]("getStats is not a function")
        assert resources.fire() == media.SLOW
    assert warnings == ["verify_media: cannot read the call's audio: getStats is not a function"]
    assert reports == ["checking"], "a failure to read is no verdict"


def test_which_source_the_button_reads():
    class Hooked(Adapter):
        def media_source(self):
            return "its pc"

    hooked, plain = Hooked(), Adapter()
    assert verify.media_source(None, hooked)() == "its pc"
    assert verify.media_source(None, plain) is None, "an adapter without the hook: no checks"
    assert verify.media_source(False, hooked) is None, "False turns the hook off"

    def mine():
        return "my pc"

    assert verify.media_source(mine, hooked) is mine, "the page's source wins over the hook"
    for wrong in (42, "pc", {"pc": 1}):
        try:
            verify.media_source(wrong, plain)
        except TypeError as exc:
            assert "verify_media must be an RTCPeerConnection" in str(exc)
        else:
            raise AssertionError(f"{wrong!r} was accepted")

"""MuteModel: every rule of what the button shows, plus a random-sequence state machine.

The expected attribute values come from the contract's "The button (DOM)" section.
"""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from widget import errors
from widget.model import CALL_STATES, MIC_STATES, STATUSES, MuteModel

NOT_CONNECTED_STATES = ("none", "ringing", "held", "ended", "unknown")
# A word the not-connected reason and the tooltip must contain for each call state.
CALL_WORDS = {
    "none": "no call",
    "ringing": "ringing",
    "held": "hold",
    "ended": "ended",
    "unknown": "unknown",
}
ATTRIBUTES = {
    "disabled",
    "aria-pressed",
    "aria-busy",
    "data-call",
    "data-mic",
    "data-status",
    "data-confirmed",
    "data-error",
    "title",
}


def connected(muted=None, confirmed=True) -> MuteModel:
    """A model on a connected call, with the mic reported when ``muted`` is a bool."""
    model = MuteModel()
    model.call_changed("connected")
    if muted is not None:
        model.mic_changed(muted, confirmed)
    return model


# -- initial state ----------------------------------------------------------------------


def test_initial_state():
    model = MuteModel()
    assert model.call == "unknown"
    assert model.mic == "unknown"
    assert model.confirmed is False
    assert model.pending is None
    assert model.error is None
    assert model.status == "unavailable"


def test_initial_attributes():
    attrs = MuteModel().attributes()
    assert set(attrs) == ATTRIBUTES
    assert attrs["disabled"] is True
    assert attrs["aria-pressed"] == "false"
    assert attrs["aria-busy"] is None
    assert attrs["data-call"] == "unknown"
    assert attrs["data-mic"] == "unknown"
    assert attrs["data-status"] == "unavailable"
    assert attrs["data-confirmed"] == "false"
    assert attrs["data-error"] is None
    assert isinstance(attrs["title"], str)
    assert "unknown" in attrs["title"]


# -- call_changed ---------------------------------------------------------------------


@pytest.mark.parametrize("call", CALL_STATES)
def test_call_changed_takes_every_call_state(call):
    model = MuteModel()
    model.call_changed("ringing" if call == "unknown" else "unknown")
    model.call_changed(call)
    assert model.call == call
    assert model.attributes()["data-call"] == call


@pytest.mark.parametrize("junk", ["", "CONNECTED", "Connected", "talking", "idle", " connected", "null"])
def test_call_changed_unknown_value_becomes_unknown(junk):
    model = connected(muted=False)
    model.call_changed(junk)
    assert model.call == "unknown"
    assert model.attributes()["data-call"] == "unknown"
    assert model.attributes()["disabled"] is True


def test_call_changed_to_a_new_state_clears_the_error():
    model = MuteModel()
    model.call_changed("ringing")
    assert model.request() is None
    assert model.error is not None
    model.call_changed("connected")
    assert model.error is None
    assert model.status == "ready"


# -- enabled only when connected and nothing pending ---------------------------------------


@pytest.mark.parametrize("call", NOT_CONNECTED_STATES)
@pytest.mark.parametrize("muted", [None, True, False])
def test_disabled_when_not_connected(call, muted):
    model = MuteModel()
    if muted is not None:
        model.mic_changed(muted)
    model.call_changed(call)
    attrs = model.attributes()
    assert attrs["disabled"] is True
    assert attrs["data-status"] == "unavailable"
    assert CALL_WORDS[call] in attrs["title"]
    assert "Mute" in attrs["title"]


@pytest.mark.parametrize("muted", [None, True, False])
def test_enabled_when_connected_and_nothing_pending(muted):
    attrs = connected(muted).attributes()
    assert attrs["disabled"] is None
    assert attrs["aria-busy"] is None
    assert attrs["data-status"] == "ready"
    assert attrs["title"] is None


def test_disabled_while_pending():
    model = connected(muted=False)
    assert model.request() is True
    attrs = model.attributes()
    assert attrs["disabled"] is True
    assert attrs["aria-busy"] == "true"
    assert attrs["data-status"] == "pending"
    assert "confirm" in attrs["title"]


# -- request() -----------------------------------------------------------------------------


@pytest.mark.parametrize(("muted", "asked"), [(False, True), (True, False), (None, True)])
def test_request_asks_for_the_opposite_of_the_mic(muted, asked):
    model = connected(muted)
    before = model.request_id
    assert model.request() is asked
    assert model.pending is asked
    assert model.request_id == before + 1
    assert model.error is None


def test_request_never_changes_what_is_shown():
    model = connected(muted=False)
    model.request()
    attrs = model.attributes()
    assert attrs["data-mic"] == "unmuted"
    assert attrs["aria-pressed"] == "false"
    assert attrs["data-confirmed"] == "true"


def test_request_while_pending_returns_none():
    model = connected(muted=False)
    assert model.request() is True
    request_id = model.request_id
    assert model.request() is None
    assert model.request_id == request_id
    assert model.pending is True
    assert model.error is None


@pytest.mark.parametrize("call", NOT_CONNECTED_STATES)
def test_request_when_not_connected_says_why(call):
    model = MuteModel()
    model.call_changed("connected")
    model.mic_changed(False)
    model.call_changed(call)
    request_id = model.request_id
    assert model.request() is None
    assert model.request_id == request_id
    assert model.pending is None
    code, reason = model.error
    assert code == errors.NOT_CONNECTED
    assert reason.startswith(errors.reason(errors.NOT_CONNECTED))
    assert CALL_WORDS[call] in reason
    attrs = model.attributes()
    assert attrs["data-error"] == "not-connected"
    assert attrs["data-status"] == "error"
    assert attrs["disabled"] is True


# -- confirmation --------------------------------------------------------------------------


@pytest.mark.parametrize("start", [False, True])
def test_mic_report_equal_to_request_confirms(start):
    model = connected(muted=start)
    asked = model.request()
    model.mic_changed(asked)
    assert model.pending is None
    assert model.mic == ("muted" if asked else "unmuted")
    assert model.confirmed is True
    assert model.error is None
    attrs = model.attributes()
    assert attrs["disabled"] is None
    assert attrs["aria-busy"] is None
    assert attrs["aria-pressed"] == ("true" if asked else "false")
    assert attrs["data-status"] == "ready"
    assert attrs["data-confirmed"] == "true"


def test_mic_report_opposite_to_request_keeps_pending_and_updates_mic():
    model = connected(muted=True)
    assert model.request() is False  # asks to unmute
    model.mic_changed(True)  # the softphone still says muted
    assert model.pending is False
    assert model.mic == "muted"
    assert model.attributes()["data-status"] == "pending"

    model = connected()  # mic unknown: the request is to mute
    assert model.request() is True
    model.mic_changed(False)
    assert model.pending is True
    assert model.mic == "unmuted"
    attrs = model.attributes()
    assert attrs["data-mic"] == "unmuted"
    assert attrs["aria-pressed"] == "false"
    assert attrs["disabled"] is True


def test_unasked_mic_report_is_adopted():
    model = connected(muted=False)
    model.mic_changed(True)
    assert model.mic == "muted"
    assert model.attributes()["aria-pressed"] == "true"
    model.mic_changed(False)
    assert model.mic == "unmuted"
    assert model.attributes()["aria-pressed"] == "false"


# -- request_failed ------------------------------------------------------------------------


@pytest.mark.parametrize("code", [errors.REJECTED, errors.TIMEOUT, errors.FORBIDDEN])
def test_request_failed_rolls_back(code):
    model = connected(muted=False)
    model.request()
    model.request_failed(model.request_id, code, "why " + code)
    assert model.pending is None
    assert model.mic == "unmuted"
    assert model.confirmed is True
    assert model.error == (code, "why " + code)
    attrs = model.attributes()
    assert attrs["data-error"] == code
    assert attrs["data-status"] == "error"
    assert attrs["data-mic"] == "unmuted"
    assert attrs["aria-pressed"] == "false"
    assert attrs["aria-busy"] is None
    assert attrs["disabled"] is None  # the user may try again


def test_request_failed_ignores_a_stale_id():
    model = connected(muted=False)
    model.request()
    first = model.request_id
    model.mic_changed(True)
    assert model.request() is False
    model.request_failed(first, errors.TIMEOUT, "late")
    assert model.pending is False
    assert model.error is None
    assert model.attributes()["data-status"] == "pending"


def test_request_failed_after_confirmation_is_ignored():
    model = connected(muted=False)
    model.request()
    model.mic_changed(True)
    model.request_failed(model.request_id, errors.TIMEOUT, "late")
    assert model.error is None
    assert model.mic == "muted"
    assert model.status == "ready"


def test_mic_report_after_failure_is_adopted():
    model = connected(muted=False)
    model.request()
    model.request_failed(model.request_id, errors.TIMEOUT, "no answer")
    model.mic_changed(True)
    assert model.mic == "muted"
    assert model.confirmed is True
    assert model.error is None
    assert model.attributes()["aria-pressed"] == "true"


# -- request_assumed -----------------------------------------------------------------------


def test_request_assumed_shows_the_request_unconfirmed():
    model = connected(muted=False)
    model.request()
    model.request_assumed(model.request_id)
    assert model.pending is None
    assert model.mic == "muted"
    assert model.confirmed is False
    attrs = model.attributes()
    assert attrs["aria-pressed"] == "true"
    assert attrs["data-confirmed"] == "false"
    assert attrs["data-mic"] == "muted"
    assert attrs["data-status"] == "ready"
    assert attrs["disabled"] is None

    assert model.request() is False
    model.request_assumed(model.request_id)
    attrs = model.attributes()
    assert attrs["aria-pressed"] == "false"
    assert attrs["data-mic"] == "unmuted"
    assert attrs["data-confirmed"] == "false"


def test_request_assumed_ignores_a_stale_id():
    model = connected(muted=False)
    model.request()
    stale = model.request_id
    model.request_failed(stale, errors.REJECTED, "no")
    model.request()
    model.request_assumed(stale)
    assert model.pending is True
    assert model.mic == "unmuted"
    assert model.confirmed is True


def test_request_assumed_without_a_request_is_ignored():
    model = connected(muted=False)
    model.request_assumed(model.request_id)
    assert model.mic == "unmuted"
    assert model.confirmed is True


# -- leaving connected ---------------------------------------------------------------------


@pytest.mark.parametrize("call", NOT_CONNECTED_STATES)
def test_leaving_connected_clears_pending(call):
    model = connected(muted=False)
    model.request()
    model.call_changed(call)
    assert model.pending is None
    attrs = model.attributes()
    assert attrs["aria-busy"] is None
    assert attrs["data-status"] == "unavailable"
    assert attrs["disabled"] is True
    assert attrs["data-mic"] == ("unknown" if call in ("none", "ended") else "unmuted")


def test_a_muted_call_that_ends_leaves_the_next_call_unconfirmed():
    model = connected(muted=True)
    assert model.attributes()["aria-pressed"] == "true"
    model.call_changed("ended")
    model.call_changed("ringing")
    model.call_changed("connected")
    attrs = model.attributes()
    assert attrs["aria-pressed"] == "false"
    assert attrs["data-mic"] == "unknown" and attrs["data-confirmed"] == "false"
    assert model.request() is True


def test_late_outcome_after_leaving_connected_is_ignored():
    model = connected(muted=False)
    model.request()
    request_id = model.request_id
    model.call_changed("ended")
    model.request_failed(request_id, errors.TIMEOUT, "late")
    model.request_assumed(request_id)
    assert model.error is None
    assert model.mic == "unknown"
    assert model.status == "unavailable"


# -- fail() --------------------------------------------------------------------------------


def test_fail_sets_an_error_outside_any_request():
    model = connected(muted=True)
    model.fail(errors.MEDIA_NOT_MUTED, "audio still sent")
    assert model.error == (errors.MEDIA_NOT_MUTED, "audio still sent")
    attrs = model.attributes()
    assert attrs["data-error"] == "media-not-muted"
    assert attrs["data-status"] == "error"
    assert attrs["data-mic"] == "muted"


def test_pending_shows_over_an_error():
    model = connected(muted=False)
    model.request()
    model.fail(errors.MEDIA_NOT_MUTED, "audio")
    assert model.attributes()["data-status"] == "pending"


# -- unconfirmed reports -------------------------------------------------------------------


def test_unconfirmed_mic_report_is_flagged():
    model = connected(muted=True, confirmed=False)
    attrs = model.attributes()
    assert attrs["aria-pressed"] == "true"
    assert attrs["data-confirmed"] == "false"
    model.mic_changed(True)
    assert model.attributes()["data-confirmed"] == "true"


# -- random histories ------------------------------------------------------------------------
#
# A softphone and the button's wiring around the model (what widget/button.py does),
# through long random histories: SDK events in any order, duplicated and late; clicks;
# confirmations, refusals and promise outcomes for any request ever sent, in any order,
# even after the call ended; timeouts followed by the re-sync the button does. The
# invariants are checked after every step.

JUNK_CALLS = st.sampled_from(["", "CONNECTED", "talking", "idle", "null", " held"]) | st.text(max_size=8)
#: How many histories and steps ran in this process (the README's "Reliability" figures).
RUNS = {"histories": 0, "steps": 0}


class SoftphoneHistory(RuleBasedStateMachine):
    """The model under a random softphone; the contract's invariants hold after each step."""

    def __init__(self):
        super().__init__()
        RUNS["histories"] += 1
        self.model = MuteModel()
        self.confirms = True  # the adapter's `confirms`: False = a sent request is assumed
        self.getter = True  # the SDK's mic can be read again (a re-sync after a timeout)
        self.sdk_call = "unknown"  # the softphone's truth
        self.sdk_muted = False
        self.sent = []  # every request the SDK ever received: (request_id, wanted)
        self.waiting = {}  # request_id -> wanted: the requests the button still waits for
        self.timed_out = None  # the request that timed out last, while the SDK still owes it
        self.shown_by = None  # what set the shown mic: ("report", muted, confirmed) | ("assumed", muted)
        self.delivered = []  # every SDK event delivered, for late and duplicated replays

    @initialize(confirms=st.booleans(), getter=st.booleans())
    def softphone(self, confirms, getter):
        self.confirms, self.getter = confirms, getter

    # -- delivering to the model, as widget/button.py does ---------------------------------
    def _step(self):
        RUNS["steps"] += 1

    def _report_call(self, call):
        model = self.model
        before = model.call
        model.call_changed(call)
        shown = call if call in CALL_STATES else "unknown"
        assert model.call == shown
        if shown != before:
            assert model.error is None
            if shown != "connected":
                self.waiting.clear()  # leaving connected cancels the request
            if shown in ("none", "ended"):
                self.shown_by = None  # a mute belongs to its call

    def _report_mic(self, muted, confirmed=True):
        model = self.model
        model.mic_changed(muted, confirmed)
        # The softphone's report is the truth, asked for or not, late or not.
        assert model.mic == ("muted" if muted else "unmuted")
        assert model.confirmed is confirmed
        self.shown_by = ("report", muted, confirmed)
        for request_id, wanted in list(self.waiting.items()):
            if wanted == muted:
                del self.waiting[request_id]  # the confirmation
                assert model.error is None

    def _outcome(self, request_id, ok):
        """The SDK's promise for request_id settles (resolves or rejects)."""
        model = self.model
        before = (model.pending, model.mic, model.confirmed, model.error)
        current = request_id in self.waiting
        if not ok:
            model.request_failed(request_id, errors.REJECTED, "refused")
            if current:
                del self.waiting[request_id]
                assert model.error == (errors.REJECTED, "refused") and model.pending is None
        elif not self.confirms:
            model.request_assumed(request_id)
            if current:
                wanted = self.waiting.pop(request_id)
                self.shown_by = ("assumed", wanted)
                assert model.mic == ("muted" if wanted else "unmuted") and model.confirmed is False
        if not current or (ok and self.confirms):
            # A late, stale or duplicated outcome changes nothing.
            assert (model.pending, model.mic, model.confirmed, model.error) == before

    # -- the softphone ----------------------------------------------------------------------
    @rule(call=st.sampled_from(CALL_STATES))
    def call_changes(self, call):
        self._step()
        self.sdk_call = call
        if call in ("none", "ended"):
            self.sdk_muted = False  # a call's media ends unmuted
        self.delivered.append(("call", call))
        self._report_call(call)

    @rule()
    def call_connects(self):
        """The state everything interesting happens in, drawn more often than by chance."""
        self.call_changes("connected")

    @rule(call=JUNK_CALLS)
    def junk_call_event(self, call):
        self._step()
        self._report_call(call)

    @rule(muted=st.booleans(), confirmed=st.booleans())
    def mic_changes_elsewhere(self, muted, confirmed):
        """A headset, the softphone's own UI, another tab: reported, asked for or not."""
        self._step()
        self.sdk_muted = muted
        self.delivered.append(("mic", muted, confirmed))
        self._report_mic(muted, confirmed)

    @rule(data=st.data())
    def sdk_confirms(self, data):
        """The SDK carries out any request it ever received (in any order, late) and says so."""
        self._step()
        if not self.sent:
            return
        _, wanted = data.draw(st.sampled_from(self.sent))
        self.sdk_muted = wanted
        if self.confirms:
            self.delivered.append(("mic", wanted, True))
            self._report_mic(wanted)

    @rule(data=st.data(), ok=st.booleans())
    def sdk_settles(self, data, ok):
        """The promise of any request ever sent resolves or rejects: once, twice, late."""
        self._step()
        if not self.sent:
            return
        request_id, _ = data.draw(st.sampled_from(self.sent))
        self.delivered.append(("outcome", request_id, ok))
        self._outcome(request_id, ok)

    @rule(data=st.data())
    def replay(self, data):
        """An event delivered before arrives again (duplicated or late)."""
        self._step()
        if not self.delivered:
            return
        event = data.draw(st.sampled_from(self.delivered))
        if event[0] == "call":
            self._report_call(event[1])
        elif event[0] == "mic":
            self._report_mic(event[1], event[2])
        else:
            self._outcome(event[1], event[2])

    # -- the user ------------------------------------------------------------------------------
    @rule()
    def click(self):
        self._step()
        model = self.model
        pending, request_id, mic = model.pending, model.request_id, model.mic
        asked = model.request()
        if pending is not None:
            assert asked is None and model.request_id == request_id and model.pending == pending
        elif model.call != "connected":
            assert asked is None and model.request_id == request_id
            assert model.error[0] == errors.NOT_CONNECTED
        else:
            # At most one request in flight: a new one only when the button waits for none.
            assert not self.waiting
            assert asked is (mic != "muted")
            assert model.request_id == request_id + 1 and model.error is None
            self.waiting[model.request_id] = asked
            self.sent.append((model.request_id, asked))
        assert model.mic == mic  # a click never changes what is shown

    @rule()
    def timeout(self):
        """The confirm timeout of the request in flight fires, then the button re-syncs."""
        self._step()
        model = self.model
        if model.pending is None:
            return
        request_id = model.request_id
        model.request_failed(request_id, errors.TIMEOUT, "no answer")
        assert model.pending is None and model.error == (errors.TIMEOUT, "no answer")
        self.waiting.pop(request_id)
        self.timed_out = request_id
        # adapter.resync(): the call state, and the mic where the SDK can be read.
        self._report_call(self.sdk_call)
        if self.getter and self.confirms:
            self._report_mic(self.sdk_muted)

    @rule()
    def late_truth_after_a_timeout(self):
        """The SDK answers the request that timed out: its report is adopted as the truth."""
        self._step()
        if self.timed_out is None or not self.confirms:
            return
        self.timed_out = None
        self.delivered.append(("mic", self.sdk_muted, True))
        self._report_mic(self.sdk_muted)
        assert self.model.mic == ("muted" if self.sdk_muted else "unmuted") and self.model.confirmed

    @rule(code=st.sampled_from(errors.CODES))
    def problem_found(self, code):
        """A problem found outside any request (media still sent, a 403 from a refresh)."""
        self._step()
        self.model.fail(code, "found " + code)
        assert self.model.error == (code, "found " + code)

    # -- after every step ------------------------------------------------------------------------
    @invariant()
    def invariants(self):
        model = self.model
        attrs = model.attributes()
        assert set(attrs) == ATTRIBUTES
        assert model.call in CALL_STATES and model.mic in MIC_STATES
        assert attrs["data-call"] == model.call and attrs["data-mic"] == model.mic
        # Never enabled unless connected, with nothing pending.
        enabled = model.call == "connected" and model.pending is None
        assert attrs["disabled"] is (None if enabled else True)
        assert (attrs["title"] is None) is enabled
        # Pressed only for a mute the SDK reported (confirmed), or one assumed and flagged.
        assert attrs["aria-pressed"] == ("true" if model.mic == "muted" else "false")
        assert attrs["data-confirmed"] == ("true" if model.confirmed else "false")
        if model.mic == "unknown":
            assert self.shown_by is None or model.call in ("none", "ended")
        else:
            muted = model.mic == "muted"
            if model.confirmed:
                assert self.shown_by == ("report", muted, True)
            else:
                assert self.shown_by in (("report", muted, False), ("assumed", muted))
                assert self.shown_by[0] == "report" or not self.confirms
        # At most one request in flight, and it is the one the model waits for.
        assert len(self.waiting) <= 1
        if model.pending is None:
            assert not self.waiting
        else:
            assert self.waiting == {model.request_id: model.pending}
        assert attrs["aria-busy"] == ("true" if model.pending is not None else None)
        assert (attrs["data-status"] == "pending") is (model.pending is not None)
        # After the call leaves connected nothing is pending; after it ends its mute is gone.
        if model.call != "connected":
            assert model.pending is None
        if model.call in ("none", "ended"):
            assert model.mic == "unknown" or self.shown_by is not None
        assert attrs["data-status"] in STATUSES
        assert attrs["data-error"] is None or attrs["data-error"] in errors.CODES
        assert (attrs["data-error"] is not None) is (model.error is not None)


SoftphoneHistory.TestCase.settings = settings(max_examples=200, stateful_step_count=100, deadline=None)
test_softphone_histories = SoftphoneHistory.TestCase

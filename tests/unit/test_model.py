"""MuteModel: every rule of what the button shows (tests/unit/test_button.py runs the
real button under random histories).

The expected attribute values come from the contract's "The button (DOM)" section.
"""

import pytest

from widget import errors
from widget.model import CALL_STATES, MuteModel
from widget.present import attributes

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
    "data-forced",
    "title",
    "data-talking",
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
    attrs = attributes(MuteModel())
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
    assert attributes(model)["data-call"] == call


@pytest.mark.parametrize("junk", ["", "CONNECTED", "Connected", "talking", "idle", " connected", "null"])
def test_call_changed_unknown_value_becomes_unknown(junk):
    model = connected(muted=False)
    model.call_changed(junk)
    assert model.call == "unknown"
    assert attributes(model)["data-call"] == "unknown"
    assert attributes(model)["disabled"] is True


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
    attrs = attributes(model)
    assert attrs["disabled"] is True
    assert attrs["data-status"] == "unavailable"
    assert CALL_WORDS[call] in attrs["title"]
    assert "Mute" in attrs["title"]


@pytest.mark.parametrize("muted", [None, True, False])
def test_enabled_when_connected_and_nothing_pending(muted):
    attrs = attributes(connected(muted))
    assert attrs["disabled"] is None
    assert attrs["aria-busy"] is None
    assert attrs["data-status"] == "ready"
    if muted is None:  # an unknown microphone: the tooltip says what a press does
        assert "next press asks it to unmute" in attrs["title"]
    else:
        assert attrs["title"] is None


def test_disabled_while_pending():
    model = connected(muted=False)
    assert model.request() is True
    attrs = attributes(model)
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
    attrs = attributes(model)
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
    attrs = attributes(model)
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
    attrs = attributes(model)
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
    assert attributes(model)["data-status"] == "pending"

    model = connected()  # mic unknown: the request is to mute
    assert model.request() is True
    model.mic_changed(False)
    assert model.pending is True
    assert model.mic == "unmuted"
    attrs = attributes(model)
    assert attrs["data-mic"] == "unmuted"
    assert attrs["aria-pressed"] == "false"
    assert attrs["disabled"] is True


def test_unasked_mic_report_is_adopted():
    model = connected(muted=False)
    model.mic_changed(True)
    assert model.mic == "muted"
    assert attributes(model)["aria-pressed"] == "true"
    model.mic_changed(False)
    assert model.mic == "unmuted"
    assert attributes(model)["aria-pressed"] == "false"


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
    attrs = attributes(model)
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
    assert attributes(model)["data-status"] == "pending"


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
    assert attributes(model)["aria-pressed"] == "true"


# -- request_assumed -----------------------------------------------------------------------


def test_request_assumed_shows_the_request_unconfirmed():
    model = connected(muted=False)
    model.request()
    model.request_assumed(model.request_id)
    assert model.pending is None
    assert model.mic == "muted"
    assert model.confirmed is False
    attrs = attributes(model)
    assert attrs["aria-pressed"] == "true"
    assert attrs["data-confirmed"] == "false"
    assert attrs["data-mic"] == "muted"
    assert attrs["data-status"] == "ready"
    assert attrs["disabled"] is None

    assert model.request() is False
    model.request_assumed(model.request_id)
    attrs = attributes(model)
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
    attrs = attributes(model)
    assert attrs["aria-busy"] is None
    assert attrs["data-status"] == "unavailable"
    assert attrs["disabled"] is True
    assert attrs["data-mic"] == ("unknown" if call in ("none", "ended") else "unmuted")


def test_a_muted_call_that_ends_leaves_the_next_call_unconfirmed():
    model = connected(muted=True)
    assert attributes(model)["aria-pressed"] == "true"
    model.call_changed("ended")
    model.call_changed("ringing")
    model.call_changed("connected")
    attrs = attributes(model)
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
    attrs = attributes(model)
    assert attrs["data-error"] == "media-not-muted"
    assert attrs["data-status"] == "error"
    assert attrs["data-mic"] == "muted"


def test_pending_shows_over_an_error():
    model = connected(muted=False)
    model.request()
    model.fail(errors.MEDIA_NOT_MUTED, "audio")
    assert attributes(model)["data-status"] == "pending"


# -- unconfirmed reports -------------------------------------------------------------------


def test_unconfirmed_mic_report_is_flagged():
    model = connected(muted=True, confirmed=False)
    attrs = attributes(model)
    assert attrs["aria-pressed"] == "true"
    assert attrs["data-confirmed"] == "false"
    model.mic_changed(True)
    assert attributes(model)["data-confirmed"] == "true"

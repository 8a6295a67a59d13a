"""The presenter: what each frame paints, and why its cache is sound.

The presenter remembers what each change of the model's snapshot writes, so the
button's attributes must be a function of the snapshot alone, in every reachable state."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from widget import errors
from widget.model import CALL_STATES, MuteModel
from widget.present import Presenter, _snapshot, attributes, talking

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("call"), st.sampled_from(CALL_STATES)),
        st.tuples(st.just("mic"), st.booleans(), st.booleans()),
        st.tuples(st.just("request")),
        st.tuples(st.just("failed"), st.sampled_from((errors.REJECTED, errors.TIMEOUT, errors.FORBIDDEN))),
        st.tuples(st.just("assumed")),
        st.tuples(st.just("fail"), st.sampled_from((errors.MEDIA_NOT_MUTED, errors.UNAVAILABLE))),
        st.tuples(st.just("media"), st.sampled_from(("checking", "silent", "sending", "off"))),
        st.tuples(st.just("talking"), st.booleans()),
    ),
    max_size=40,
)


def apply(model: MuteModel, step: tuple) -> None:
    kind = step[0]
    if kind == "call":
        model.call_changed(step[1])
    elif kind == "mic":
        model.mic_changed(step[1], step[2])
    elif kind == "request":
        model.request()
    elif kind == "failed":
        model.request_failed(model.request_id, step[1], "a reason that says what to fix")
    elif kind == "assumed":
        model.request_assumed(model.request_id)
    elif kind == "fail":
        model.fail(step[1], "another reason")
    elif kind == "talking":
        model.talking = step[1]
    else:
        model.media_changed(step[1], "a detail")


@settings(max_examples=300, deadline=None)
@given(st.lists(STEPS, min_size=1, max_size=4))
def test_equal_snapshots_give_equal_attributes(histories):
    seen = {}
    for steps in histories:
        model = MuteModel()
        for step in [("start",), *steps]:
            if step[0] != "start":
                apply(model, step)
            key = _snapshot(model, talking(model))
            hash(key)
            assert seen.setdefault(key, attributes(model)) == attributes(model), (key, step)


def frames(presenter, model) -> dict:
    frame = presenter.frame(model)
    return {} if frame is None else json.loads(frame)


def test_the_first_frame_writes_every_attribute_and_no_event():
    presenter, model = Presenter(), MuteModel()
    frame = frames(presenter, model)
    assert frame["set"]["disabled"] == "" and frame["set"]["data-call"] == "unknown"
    assert "aria-busy" in frame["set"] and frame["set"]["aria-busy"] is None
    assert frame["hint"] == " (available during a connected call)"
    assert not {"change", "error", "announce"} & set(frame)
    assert presenter.frame(model) is None, "nothing changed: nothing to paint"


def test_a_confirmed_change_is_announced_and_dispatched_once_live():
    presenter, model = Presenter(), MuteModel()
    model.call_changed("connected")
    frames(presenter, model)
    presenter.live = True
    model.mic_changed(True)
    frame = frames(presenter, model)
    assert frame["set"] == {
        "aria-pressed": "true",
        "data-mic": "muted",
        "data-confirmed": "true",
        "title": None,
    }
    assert frame["hint"] == "", "the microphone is known now"
    assert frame["announce"] == "Microphone muted" and frame["change"] == [True, True]
    assert frames(presenter, model) == {}


def test_an_error_is_dispatched_once_with_its_reason():
    presenter, model = Presenter(), MuteModel()
    presenter.live = True
    frames(presenter, model)
    model.request()  # not connected
    frame = frames(presenter, model)
    assert frame["error"][0] == errors.NOT_CONNECTED and frame["reason"] == frame["error"][1]
    assert frames(presenter, model) == {}


def test_a_host_buttons_own_title_is_left_alone():
    presenter, model = Presenter(title=False), MuteModel()
    assert "title" not in frames(presenter, model)["set"]
    model.call_changed("connected")
    assert "title" not in frames(presenter, model)["set"]


def test_an_unknown_microphone_and_a_late_sdk_say_so():
    presenter, model = Presenter(), MuteModel()
    model.waiting = "window.softphone"
    frame = frames(presenter, model)
    assert frame["hint"] == " (waiting for the softphone)" and "window.softphone" in frame["set"]["title"]
    model.waiting = None
    model.call_changed("connected")
    frame = frames(presenter, model)
    assert frame["hint"] == " (microphone state unknown)" and frame["set"]["disabled"] is None


def test_media_states_are_dispatched_on_change_and_sending_is_an_error():
    presenter, model = Presenter(), MuteModel()
    presenter.live = True
    model.call_changed("connected")
    frames(presenter, model)
    model.media_changed("sending", "level 0.3")
    frame = frames(presenter, model)
    assert frame["media"] == ["sending", "level 0.3"] and frame["error"][0] == errors.MEDIA_NOT_MUTED
    model.media_changed("sending", "level 0.4")
    assert "media" not in frames(presenter, model), "a new detail alone is not announced again"
    model.media_changed("silent", "")
    frame = frames(presenter, model)
    assert frame["media"] == ["silent", ""] and frame["set"]["data-error"] is None

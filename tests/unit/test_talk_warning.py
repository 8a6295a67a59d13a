"""The talk warning on CPython's page: the real MuteButton, presenter and view, with the
shim's ``talkListen`` fed levels by the test (``page.talk_listeners()``). What the
browser really hears is tested in tests/browser/test_talk.py."""

import json

import pytest
from doubles import Softphone

from widget import MuteButton
from widget.adapters import EmbeddableClient
from widget.bridge import page
from widget.locales.en import CATALOG as EN
from widget.model import MuteModel
from widget.present import Presenter

TALK_NOTICE = EN["talk_notice"]

LOUD, QUIET = 0.2, 0.0
CALL_AUDIO = {"kind": "the call's RTCPeerConnection"}  # what the hooks hand over
MIC = {"kind": "the microphone track"}


class MediaClient(EmbeddableClient):
    def media_source(self):
        return CALL_AUDIO


class TalkClient(MediaClient):
    def talk_source(self):
        return MIC


def mount(adapter_class=MediaClient, **options):
    page.reset()
    host = page.document.createElement("div")
    host.id = "mute"
    page.document.body.appendChild(host)
    events = []
    for name in ("mute:change", "mute:talking"):
        page.document.addEventListener(name, lambda e: events.append((e.type, dict(e.detail))))
    phone = Softphone("connected")
    page.window.softphone = phone
    widget = MuteButton("#mute", adapter_class("softphone"), **options)
    page.window.flush()
    return widget, phone, page.document.querySelector("button"), events


def mute(phone, muted=True):
    phone.change_mic(muted)
    page.window.flush()


def talk(listener, start, seconds, level):
    for i in range(round(seconds / 0.1)):
        listener["handler"](start + i * 0.1, level)


def notice():
    return page.document.querySelector(".mute-button__notice")


def announced():
    return page.document.querySelector(".mute-button__announcer").textContent


def talking_events(events):
    return [detail["talking"] for kind, detail in events if kind == "mute:talking"]


def test_talking_while_muted_warns_once_and_silence_clears_it():
    _widget, phone, el, events = mount()
    assert page.talk_listeners() == [], "nothing is listened to while the microphone is on"
    assert notice() is not None and notice().textContent == ""
    mute(phone)
    (listener,) = page.talk_listeners()
    assert listener["source"] is CALL_AUDIO and listener["interval_ms"] == 100
    talk(listener, 0.0, 0.5, LOUD)
    assert not el.hasAttribute("data-talking"), "under half a second is not talking"
    listener["handler"](0.5, LOUD)
    assert el.getAttribute("data-talking") == "true"
    assert notice().textContent == TALK_NOTICE == "You are muted: unmute to be heard"
    assert announced() == TALK_NOTICE
    talk(listener, 0.6, 2.0, LOUD)
    assert talking_events(events) == [True], "dispatched and announced once"
    talk(listener, 2.6, 1.0, QUIET)
    assert not el.hasAttribute("data-talking") and notice().textContent == ""
    assert talking_events(events) == [True, False]
    # within the cooldown: no new warning
    talk(listener, 3.6, 3.0, LOUD)
    assert not el.hasAttribute("data-talking") and talking_events(events) == [True, False]
    assert not listener["stopped"]


def test_unmuting_clears_the_warning_and_stops_listening():
    _widget, phone, el, events = mount()
    mute(phone)
    (listener,) = page.talk_listeners()
    talk(listener, 0.0, 1.0, LOUD)
    assert el.getAttribute("data-talking") == "true"
    mute(phone, False)
    assert listener["stopped"]
    assert not el.hasAttribute("data-talking") and notice().textContent == ""
    assert announced() == "Microphone on"
    assert talking_events(events) == [True, False]
    listener["handler"](1.5, LOUD)  # a late reading of the stopped listener
    assert not el.hasAttribute("data-talking")
    # muted again: a new listener on the source as it is now
    mute(phone)
    assert len(page.talk_listeners()) == 2 and not page.talk_listeners()[1]["stopped"]


def test_the_call_ending_stops_listening():
    _widget, phone, el, events = mount()
    mute(phone)
    (listener,) = page.talk_listeners()
    talk(listener, 0.0, 1.0, LOUD)
    phone.change_state("ended")
    page.window.flush()
    assert listener["stopped"] and not el.hasAttribute("data-talking")
    assert talking_events(events) == [True, False]


def test_talk_warning_false_never_listens_and_adds_no_notice():
    _widget, phone, el, events = mount(talk_warning=False)
    mute(phone)
    assert page.talk_listeners() == [] and notice() is None
    assert not el.hasAttribute("data-talking") and talking_events(events) == []


def test_no_source_no_listener_and_no_notice():
    _widget, phone, _el, _events = mount(EmbeddableClient)
    mute(phone)
    assert page.talk_listeners() == [] and notice() is None


def test_the_adapters_talk_source_comes_first():
    _widget, phone, _el, _events = mount(TalkClient)
    mute(phone)
    assert [entry["source"] for entry in page.talk_listeners()] == [MIC]


def test_destroy_stops_listening_and_removes_the_notice():
    widget, phone, _el, events = mount()
    mute(phone)
    (listener,) = page.talk_listeners()
    talk(listener, 0.0, 1.0, LOUD)
    widget.destroy()
    assert listener["stopped"] and notice() is None
    listener["handler"](1.1, QUIET)  # the gate is closed: nothing reaches Python
    assert talking_events(events) == [True]


@pytest.mark.parametrize("value", [1, "yes", None])
def test_talk_warning_must_be_a_boolean(value):
    with pytest.raises(ValueError, match="talk_warning must be True or False"):
        mount(talk_warning=value)
    assert page.document.querySelector("button") is None


def test_the_presenter_shows_talking_only_while_the_button_shows_muted():
    presenter, model = Presenter(), MuteModel()
    model.call_changed("connected")
    model.mic_changed(True)
    presenter.frame(model)
    presenter.live = True
    model.talking = True
    frame = json.loads(presenter.frame(model))
    assert frame == {
        "set": {"data-talking": "true"},
        "notice": TALK_NOTICE,
        "announce": TALK_NOTICE,
        "talking": True,
    }
    model.mic_changed(False)  # the detector has not said so yet: unmuted is enough
    frame = json.loads(presenter.frame(model))
    assert frame["set"]["data-talking"] is None and frame["notice"] == "" and frame["talking"] is False
    assert frame["announce"] == "Microphone on"

"""The Genesys adapters' pure parts on CPython: message parsing, state tables, and which
interaction or conversation the button follows."""

import json

import pytest

from widget.adapters.genesys_framework import Interactions, call_state, origin_of, parse
from widget.adapters.genesys_webrtc import Conversations
from widget.adapters.genesys_webrtc import call_state as webrtc_state


def message(category, interaction, kind="interactionSubscription"):
    return json.dumps({"type": kind, "data": {"category": category, "interaction": interaction}})


def call(iid, state, **fields):
    return {"id": iid, "state": state, **fields}


# -- Embeddable Framework ----------------------------------------------------------
@pytest.mark.parametrize(
    "origin", ["https://apps.mypurecloud.com", "https://apps.usw2.pure.cloud", "http://127.0.0.1:8123"]
)
def test_origin_accepts_an_exact_origin(origin):
    assert origin_of(origin) == origin


@pytest.mark.parametrize(
    "origin",
    [
        "*",
        "https://apps.mypurecloud.com/",
        "https://apps.mypurecloud.com/crm/index.html",
        "apps.mypurecloud.com",
        "https://*.mypurecloud.com",
        "ftp://x",
        "https://",
        "https://a b",
        "https://user@evil.example",
    ],
)
def test_origin_refuses_anything_else(origin):
    with pytest.raises(ValueError, match="never"):
        origin_of(origin)


def test_origin_must_be_a_string():
    with pytest.raises(TypeError):
        origin_of(None)


def test_parse_reads_the_framework_messages():
    assert parse(message("add", call("a", "ALERTING"))) == ("add", call("a", "ALERTING"))
    change = {"old": call("a", "ALERTING"), "new": call("a", "CONNECTED", isConnected=True)}
    assert parse(message("change", change)) == ("change", call("a", "CONNECTED", isConnected=True))
    # a change whose new interaction lacks the id takes the old one's (example.js reads old.id)
    assert parse(message("change", {"old": {"id": "a"}, "new": {"state": "CONNECTED"}}))[1]["id"] == "a"


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"type": "userActionSubscription", "data": {}}),
        json.dumps({"type": "notificationSubscription", "data": {"category": "x", "data": {}}}),
        json.dumps({"type": "updateInteractionState", "data": {"action": "mute", "id": "a"}}),
    ],
)
def test_parse_ignores_other_message_types(text):
    assert parse(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "42",
        "null",
        json.dumps([1]),
        json.dumps({"type": "interactionSubscription"}),
        json.dumps({"type": "interactionSubscription", "data": {"category": "add"}}),
        message(7, call("a", "ALERTING")),
        message("change", {"old": call("a", "ALERTING")}),
        message("add", {"state": "ALERTING"}),
        message("add", call("", "ALERTING")),
    ],
)
def test_parse_refuses_malformed_messages(text):
    with pytest.raises(ValueError):
        parse(text)


@pytest.mark.parametrize(
    ("category", "interaction", "shown"),
    [
        ("add", call("a", "ALERTING"), "ringing"),
        ("change", call("a", "CONNECTED"), "connected"),
        ("change", call("a", "connected"), "connected"),
        ("change", call("a", "HELD"), "held"),
        ("change", call("a", "DISCONNECTED"), "ended"),
        ("change", call("a", "PARKED"), "unknown"),
        ("change", {"id": "a", "isConnected": True}, "connected"),
        ("change", {"id": "a"}, "unknown"),
        ("change", call("a", "CONNECTED", isDisconnected=True), "ended"),
        ("disconnect", call("a", "CONNECTED"), "ended"),
        ("acw", call("a", "CONNECTED"), "ended"),
        ("deallocate", call("a", "CONNECTED"), "ended"),
    ],
)
def test_framework_call_states(category, interaction, shown):
    assert call_state(category, interaction) == shown


def test_follows_a_new_connected_call_and_keeps_what_was_assumed_per_call():
    calls = Interactions()
    assert calls.shown() == ("none", False, False)
    calls.update("add", call("a", "ALERTING"))
    assert calls.current == "a" and calls.shown()[0] == "ringing"
    calls.update("connect", call("a", "CONNECTED"))
    assert calls.shown() == ("connected", False, False)
    calls.assume("a", True)
    calls.update("add", call("b", "ALERTING"))  # a ringing call does not take over
    assert calls.current == "a" and calls.shown() == ("connected", True, False)
    calls.update("connect", call("b", "CONNECTED"))  # a newly connected one does
    assert calls.current == "b" and calls.shown() == ("connected", False, False)
    calls.update("change", call("b", "CONNECTED"))  # a change of the followed call keeps it
    calls.update("change", call("a", "CONNECTED"))  # a change of the other one does not switch
    assert calls.current == "b"
    calls.update("disconnect", call("b", "DISCONNECTED"))  # back to the call still up
    assert calls.current == "a" and calls.shown() == ("connected", True, False)
    calls.update("disconnect", call("a", "DISCONNECTED"))
    assert calls.current == "a" and calls.shown()[0] == "ended"
    calls.update("deallocate", call("a", "DISCONNECTED"))
    assert calls.current is None and calls.shown()[0] == "none"


def test_is_muted_confirms_and_wins_over_assumptions():
    calls = Interactions()
    calls.update("connect", call("a", "CONNECTED", isMuted=False))
    assert calls.shown() == ("connected", False, True)
    calls.assume("a", True)  # ignored: the softphone reports this call's state
    assert calls.shown() == ("connected", False, True)
    calls.update("change", call("a", "CONNECTED", isMuted=True))
    assert calls.shown() == ("connected", True, True)
    calls.update("change", call("a", "CONNECTED", isMuted="yes"))  # not a boolean: kept
    assert calls.shown() == ("connected", True, True)


def test_held_and_resumed_call_keeps_its_mute():
    calls = Interactions()
    calls.update("connect", call("a", "CONNECTED"))
    calls.assume("a", True)
    calls.update("change", call("a", "HELD"))
    calls.update("change", call("a", "CONNECTED"))
    assert calls.shown() == ("connected", True, False)


# -- WebRTC SDK --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("state", "held", "shown"),
    [
        ("alerting", None, "ringing"),
        ("contacting", None, "ringing"),
        ("dialing", None, "ringing"),
        ("connected", False, "connected"),
        ("connected", True, "held"),
        ("hold", None, "held"),
        ("disconnected", None, "ended"),
        ("terminated", None, "ended"),
        ("CONNECTED", None, "connected"),
        ("parked", None, "unknown"),
        (None, None, "unknown"),
        (7, None, "unknown"),
    ],
)
def test_webrtc_call_states(state, held, shown):
    assert webrtc_state(state, held) == shown


def test_follows_the_active_conversation():
    conv = Conversations()
    assert conv.update("c1", {"c1": ("alerting", False, False)}, [])
    assert (conv.current, conv.call, conv.muted) == ("c1", "ringing", False)
    conv.update("c1", {"c1": ("connected", True, False), "c2": ("alerting", False, False)}, [])
    assert (conv.current, conv.call, conv.muted) == ("c1", "connected", True)
    # the followed one is held and another connected: that one (the SDK's active one)
    assert conv.update("c2", {"c1": ("connected", True, True), "c2": ("connected", False, False)}, [])
    assert (conv.current, conv.call, conv.muted) == ("c2", "connected", False)
    # a connected conversation is kept while it is connected, whatever the active id says
    assert not conv.update("c1", {"c1": ("connected", True, False), "c2": ("connected", False, False)}, [])
    assert (conv.current, conv.call) == ("c2", "connected")


def test_several_conversations_connected_then_held_then_ringing():
    conv = Conversations()
    conv.update("c3", {"c1": ("connected", True, True), "c2": ("connected", False, True),
                       "c3": ("connected", False, False), "c4": ("alerting", False, False)}, [])  # fmt: skip
    assert (conv.current, conv.call) == ("c3", "connected")
    # c3 removed, the active id still its own: a held one (the first), not the ringing one
    conv.update("c3", {"c1": ("connected", True, True), "c2": ("connected", False, True),
                       "c4": ("alerting", False, False)}, ["c3"])  # fmt: skip
    assert (conv.current, conv.call, conv.muted) == ("c1", "held", True)
    # among held ones the followed one stays, though the SDK's active id is another
    conv.update("c2", {"c1": ("connected", True, True), "c2": ("connected", False, True),
                       "c4": ("alerting", False, False)}, [])  # fmt: skip
    assert conv.current == "c1"
    conv.update("c4", {"c4": ("alerting", False, False)}, ["c1"])
    assert (conv.current, conv.call) == ("c4", "ringing")


def test_session_ended_is_over_even_while_the_sdk_still_lists_it():
    conv = Conversations()
    conv.update("c1", {"c1": ("connected", True, False)}, [])
    assert conv.ended("c1") and (conv.current, conv.call) == ("c1", "ended")
    assert not conv.ended("c2")
    # an update still lists c1, connected and active: it is not followed again
    conv.update("c1", {"c1": ("connected", False, False)}, [])
    assert (conv.current, conv.call) == ("c1", "ended")
    conv.update("c1", {}, ["c1"])  # the SDK's own update for the removed conversation
    assert (conv.current, conv.call) == ("c1", "ended")
    conv.update("", {"c2": ("alerting", False, False)}, [])  # the only conversation left
    assert (conv.current, conv.call, conv.muted) == ("c2", "ringing", False)
    # its caller hangs up (cancelPendingSession): ended, with no update at all
    assert conv.ended("c2") and conv.call == "ended"


def test_a_pending_call_answered_elsewhere_no_longer_rings():
    conv = Conversations()
    conv.update("c1", {"c1": ("alerting", False, False)}, [])
    assert not conv.handled("c9")
    assert conv.handled("c1") and (conv.current, conv.call) == ("c1", "none")
    conv.update("c1", {"c1": ("connected", False, False)}, [])  # answered here after all
    assert conv.call == "connected"


def test_a_fixed_conversation_is_the_only_one_followed():
    conv = Conversations("c9")
    conv.update("c1", {"c1": ("connected", False, False)}, [])
    assert (conv.current, conv.call, conv.muted) == ("c9", "none", None)
    conv.update("c1", {"c1": ("connected", False, False), "c9": ("connected", True, False)}, [])
    assert (conv.current, conv.call, conv.muted) == ("c9", "connected", True)
    assert not conv.ended("c1")
    assert conv.ended("c9") and (conv.current, conv.call) == ("c9", "ended")
    conv.update("c1", {"c1": ("connected", False, False)}, [])
    assert conv.call == "ended"

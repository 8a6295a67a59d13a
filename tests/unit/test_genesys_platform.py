"""The pure half of the GenesysPlatform adapter, on CPython: finding the user's leg in a
conversation body, reading call and mic state from REST bodies and notifications, and
turning an error body into a code and a reason that says what to fix."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widget import errors
from widget.adapters.genesys_platform import GenesysPlatform, bodies, client, reasons

ME = "user-me"
OTHER = "user-other"


def rest_participant(pid, user=None, state="connected", muted=False, held=False, purpose="agent"):
    """A CallMediaParticipant as GET /conversations/calls/{id} returns it."""
    entry = {"id": pid, "purpose": purpose, "state": state, "muted": muted, "held": held}
    if user:
        entry["user"] = {"id": user, "selfUri": "/api/v2/users/" + user}
    return entry


def topic_participant(pid, user=None, calls=()):
    """A ConversationEventTopicParticipant (v2.users.{id}.conversations)."""
    entry = {"id": pid, "purpose": "agent", "calls": list(calls)}
    if user:
        entry["userId"] = user
    return entry


def call(state="connected", muted=False, held=False):
    return {"id": "c", "state": state, "muted": muted, "held": held, "direction": "inbound"}


# -- finding the user's own participant ------------------------------------------------
def test_finds_my_leg_in_a_rest_body():
    body = {
        "id": "conv",
        "participants": [
            rest_participant("p-customer", purpose="customer"),
            rest_participant("p-other", OTHER),
            rest_participant("p-me", ME),
        ],
    }
    assert bodies.find_participant(body, ME)["id"] == "p-me"
    assert bodies.find_participant(body, "nobody") is None


def test_finds_my_leg_in_a_notification_body():
    body = {
        "id": "conv",
        "participants": [topic_participant("p-other", OTHER), topic_participant("p-me", ME)],
    }
    assert bodies.find_participant(body, ME)["id"] == "p-me"


def test_prefers_my_live_leg_over_an_ended_one():
    body = {
        "participants": [
            rest_participant("p-old", ME, state="disconnected"),
            rest_participant("p-new", ME, state="connected"),
            rest_participant("p-gone", ME, state="terminated"),
        ]
    }
    assert bodies.find_participant(body, ME)["id"] == "p-new"
    ended = {"participants": [rest_participant("p-a", ME, state="disconnected")]}
    assert bodies.find_participant(ended, ME)["id"] == "p-a"


def test_a_given_participant_id_wins_over_the_user():
    body = {"participants": [rest_participant("p-me", ME), rest_participant("p-x", OTHER)]}
    assert bodies.find_participant(body, ME, "p-x")["id"] == "p-x"
    assert bodies.find_participant(body, ME, "p-missing") is None


@pytest.mark.parametrize("body", [None, {}, {"participants": None}, {"participants": ["x", 3]}, "text"])
def test_malformed_bodies_find_nothing(body):
    assert bodies.find_participant(body, ME) is None


# -- call and mic state ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("state", "held", "shown"),
    [
        ("alerting", False, "ringing"),
        ("offering", False, "ringing"),
        ("contacting", False, "ringing"),
        ("dialing", False, "ringing"),
        ("connected", False, "connected"),
        ("CONNECTED", False, "connected"),
        ("connected", True, "held"),
        ("hold", False, "held"),
        ("disconnected", False, "ended"),
        ("terminated", False, "ended"),
        ("none", False, "none"),
        ("parked", False, "unknown"),
    ],
)
def test_call_states(state, held, shown):
    assert bodies.call_state(state, held) == shown


def test_state_from_the_conversations_topic_uses_the_live_call():
    person = topic_participant(
        "p", ME, calls=[call("disconnected", muted=False), call("connected", muted=True, held=False)]
    )
    assert bodies.leg_state(person) == ("connected", True)
    held = topic_participant("p", ME, calls=[call("connected", muted=False, held=True)])
    assert bodies.leg_state(held) == ("held", False)


def test_state_from_the_flatter_shape():
    assert bodies.leg_state(rest_participant("p", ME, "alerting", muted=False)) == ("ringing", False)
    flat = {"id": "p", "user": {"id": ME}, "state": "connected", "muted": True, "held": False}
    assert bodies.leg_state(flat) == ("connected", True)


def test_missing_fields_are_not_guessed():
    assert bodies.leg_state({"id": "p", "state": "connected"}) == ("connected", None)
    assert bodies.leg_state({"id": "p", "state": 3, "muted": "yes"}) == (None, None)
    assert bodies.leg_state(None) == (None, None)


def test_notifications_parse():
    beat = json.dumps({"topicName": "channel.metadata", "eventBody": {"message": "WebSocket Heartbeat"}})
    assert bodies.parse_notification(beat) == ("channel.metadata", {"message": "WebSocket Heartbeat"})
    body = {"id": "conv", "participants": [topic_participant("p", ME, [call(muted=True)])]}
    topic = bodies.conversation_topic(ME)
    assert topic == "v2.users." + ME + ".conversations"
    text = json.dumps({"topicName": topic, "eventBody": body, "metadata": {"CorrelationId": "x"}})
    name, parsed = bodies.parse_notification(text)
    assert name == topic
    assert bodies.leg_state(bodies.find_participant(parsed, ME)) == ("connected", True)
    for bad in ("not json", "[]", json.dumps({"eventBody": {}}), None):
        assert bodies.parse_notification(bad) == ("", None)


def test_quote_keeps_ids_and_escapes_the_rest():
    assert bodies.quote("5d0c1f0e-8a3b_4c71.x~") == "5d0c1f0e-8a3b_4c71.x~"
    assert bodies.quote("a/b c?é") == "a%2Fb%20c%3F%C3%A9"


# -- 403: a missing scope or a missing permission ------------------------------------------
PERMISSION_BODY = {
    "message": "Unable to perform the requested action. You must have at least one of the following "
    "permissions assigned: [conversation:participant:wrapup, conversation:call:record]",
    "code": "missing.any.permissions",
    "status": 403,
    "messageWithParams": "... {permissions}",
    "messageParams": {"permissions": "[conversation:participant:wrapup, conversation:call:record]"},
}
SCOPE_BODY = {"message": "This request requires a scope the token was not granted.", "code": "not.authorized"}


def test_forbidden_names_the_missing_scope():
    text = reasons.forbidden_reason(
        SCOPE_BODY, "mute", client.MUTE_SCOPES, ["conversations:readonly", "notifications"]
    )
    assert "OAuth scope 'conversations'" in text
    assert "conversations:readonly, notifications" in text  # what the token has
    assert "sign in again" in text and "permission" not in text


def test_forbidden_names_the_missing_permission():
    text = reasons.forbidden_reason(
        PERMISSION_BODY, "mute", client.MUTE_SCOPES, ["conversations", "notifications"]
    )
    assert "your role lacks the permission" in text
    assert "conversation:participant:wrapup or conversation:call:record" in text
    assert "OAuth scopes are fine" in text and "administrator" in text


def test_forbidden_permission_from_the_message_alone():
    body = {"message": PERMISSION_BODY["message"], "code": "missing.any.permissions"}
    assert reasons.missing_permissions(body) == [
        "conversation:participant:wrapup",
        "conversation:call:record",
    ]
    text = reasons.forbidden_reason(body, "mute", client.MUTE_SCOPES, None)
    assert "conversation:call:record" in text and "scopes are fine" not in text


def test_forbidden_without_clues_gives_the_apis_words_and_both_checks():
    text = reasons.forbidden_reason(SCOPE_BODY, "mute", client.MUTE_SCOPES, None)
    assert "403: This request requires a scope" in text
    assert "'conversations'" in text and "role" in text


def test_scope_rules():
    assert reasons.has_scope(["conversations"], client.READ_SCOPES) is True
    assert reasons.has_scope(["conversations:readonly"], client.MUTE_SCOPES) is False
    assert reasons.has_scope(["conversations:readonly"], client.READ_SCOPES) is True
    assert reasons.has_scope([], client.MUTE_SCOPES) is None
    assert reasons.has_scope(None, client.MUTE_SCOPES) is None


# -- the other statuses ----------------------------------------------------------------------
IDS = {"conversation": "conv-1", "participant": "part-9"}


def test_not_found_names_the_wrong_id():
    participant = reasons.not_found_reason({"entityId": "part-9", "entityName": "participant"}, IDS)
    assert participant.startswith("Participant part-9 is not on conversation conv-1")
    conversation = reasons.not_found_reason({"entityId": "conv-1"}, IDS)
    assert conversation.startswith("Conversation conv-1 was not found")
    by_message = reasons.not_found_reason({"message": "The conversation does not exist."}, IDS)
    assert by_message.startswith("Conversation conv-1")
    only = reasons.not_found_reason(None, {"conversation": "conv-1"})
    assert "conv-1" in only
    neither = reasons.not_found_reason({"message": "Gone."}, IDS)
    assert "conv-1" in neither and "part-9" in neither


def test_each_status_has_a_reason_that_says_what_to_do():
    bad = reasons.error_reason(400, {"message": "Invalid value for muted."}, "mute", IDS)
    assert "400: Invalid value for muted." in bad
    assert "Sign in again" in reasons.error_reason(401, None, "mute", IDS)
    assert "token_provider" in reasons.error_reason(401, None, "mute", IDS)
    assert "refused too" in reasons.error_reason(401, None, "mute", IDS, has_provider=True)
    assert "Wait about 2 s" in reasons.error_reason(429, None, "mute", IDS, retry_after=1.2)
    assert "Check the network" in reasons.error_reason(0, "Failed to fetch", "mute", IDS)
    assert "(Failed to fetch)" in reasons.error_reason(0, "Failed to fetch", "mute", IDS)
    assert "HTTP 503: The service is currently unavailable." in reasons.error_reason(
        503, {"message": "The service is currently unavailable."}, "mute", IDS
    )
    for status in (400, 401, 404, 429, 0, 500, 503):
        assert errors.code_for_status(status) in errors.CODES


def test_long_api_messages_are_cut_and_text_only():
    text = reasons.error_reason(400, {"message": "x" * 1000 + "\n<b>"}, "mute", IDS)
    assert len(text) < 600 and "\n" not in text


def test_not_on_call_reason_explains_the_supervisor_case():
    text = reasons.not_on_call_reason("conv-1")
    assert "not a participant" in text and "supervisor" in text and "conv-1" in text


# -- construction -------------------------------------------------------------------------------
def test_options_are_checked():
    with pytest.raises(ValueError, match="conversation_id"):
        GenesysPlatform("", token="t")
    with pytest.raises(ValueError, match="token"):
        GenesysPlatform("conv")
    with pytest.raises(ValueError, match="region"):
        GenesysPlatform("conv", token="t", region="https://evil.example/")
    with pytest.raises(ValueError, match="api_base"):
        GenesysPlatform("conv", token="t", api_base="ftp://x")
    assert (
        GenesysPlatform("conv", token="t", region="mypurecloud.ie").api_base == "https://api.mypurecloud.ie"
    )
    assert GenesysPlatform("conv", token="t", api_base="http://127.0.0.1:8001/").api_base == (
        "http://127.0.0.1:8001"
    )


def test_the_token_is_never_in_its_repr():
    adapter = GenesysPlatform("conv", token="secret-token-123")
    assert "secret-token-123" not in repr(adapter)
    assert "secret-token-123" not in str(adapter)


# Any JSON at all, with the vocabulary of Genesys bodies as keys and values often enough
# that random documents reach deep into the participant and call readers.
GENESYS_WORDS = st.sampled_from(
    ["id", "participants", "calls", "state", "muted", "held", "userId", "user", "purpose",
     "connected", "disconnected", "terminated", "alerting", ME, "conv", "__proto__", "constructor"]
)  # fmt: skip
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | GENESYS_WORDS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(GENESYS_WORDS | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(body=ANY_JSON, user=st.sampled_from([ME, None]), pid=st.sampled_from(["p", None]))
def test_any_notification_is_read_without_raising(body, user, pid):
    """Whatever a socket sends, reading it gives a topic, and a leg state that is either
    unknown (None) or well-typed."""
    for text in (
        json.dumps(body),
        json.dumps({"topicName": bodies.conversation_topic(ME), "eventBody": body}),
    ):
        topic, parsed = bodies.parse_notification(text)
        assert isinstance(topic, str) and (parsed is None or isinstance(parsed, dict))
        state, muted = bodies.leg_state(bodies.find_participant(parsed, user, pid))
        assert state is None or state in set(bodies.CALL_STATES.values()) | {"held", "unknown"}
        assert muted is None or isinstance(muted, bool)


HOSTILE_TEXTS = {
    "deep arrays": "[" * 100_000,
    "deep objects": '{"a":' * 100_000,
    "lone surrogate": "\ud800",
    "infinite topic": '{"topicName": 1e999}',
    "NaN": "NaN",
    "latin-1": b"\xff".decode("latin-1"),
    "empty": "",
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_hostile_notification_texts_are_ignored(text):
    assert bodies.parse_notification(text) == ("", None)

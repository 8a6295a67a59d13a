"""Pure readers of Genesys Cloud bodies: REST answers and notification messages.

Every reader takes whatever JSON arrived (any shape, any types) and answers None, "",
or an empty list rather than raising; nothing here does I/O.
"""

import json

HEARTBEAT_TOPIC = "channel.metadata"
_MAX_TEXT = 300

CALL_STATES = {
    "alerting": "ringing",
    "offering": "ringing",
    "contacting": "ringing",
    "dialing": "ringing",
    "connected": "connected",
    "hold": "held",
    "held": "held",
    "disconnected": "ended",
    "terminated": "ended",
    "none": "none",
}
_ENDED = ("disconnected", "terminated")


def _get(obj, *names):
    """obj[names[0]][names[1]]... for dicts; None when any step is missing."""
    for name in names:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(name)
    return obj


def _text(value, limit: int = _MAX_TEXT) -> str:
    text = value if isinstance(value, str) else ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def participant_user(participant) -> "str | None":
    """The user id of a participant in any of the three shapes (REST, both topics)."""
    user = _get(participant, "userId") or _get(participant, "user", "id")
    return user if isinstance(user, str) else None


def _participants(conversation) -> list:
    found = _get(conversation, "participants")
    return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []


def find_participant(conversation, user_id=None, participant_id=None) -> "dict | None":
    """The participant with ``participant_id``, or the user's own most recent live leg.

    A user may have several legs in one conversation (a transfer back, a consult);
    the last one that has not ended wins, else the last one.
    """
    people = _participants(conversation)
    if participant_id is not None:
        for person in people:
            if person.get("id") == participant_id:
                return person
        return None
    mine = [p for p in people if user_id is not None and participant_user(p) == user_id]
    live = [p for p in mine if _raw_state(p) not in _ENDED]
    return (live or mine or [None])[-1]


def _raw_state(participant) -> str:
    leg = _leg(participant)
    state = leg.get("state") if leg else None
    return state.strip().lower() if isinstance(state, str) else ""


def _leg(participant) -> "dict | None":
    """Where a participant's call fields live: its last live ``calls[]`` entry, or itself."""
    calls = _get(participant, "calls")
    if isinstance(calls, list):
        legs = [c for c in calls if isinstance(c, dict)]
        if legs:
            live = [c for c in legs if str(c.get("state", "")).lower() not in _ENDED]
            return (live or legs)[-1]
    return participant if isinstance(participant, dict) else None


def call_state(state, held=None) -> "str | None":
    """The widget's call state for a Genesys communication state; None when not a string."""
    if not isinstance(state, str):
        return None
    shown = CALL_STATES.get(state.strip().lower(), "unknown")
    if shown == "connected" and held is True:
        return "held"
    return shown


def leg_state(participant) -> "tuple[str | None, bool | None]":
    """(call state, muted) of a participant: from ``calls[]`` (the conversations topic)
    or from the participant itself (REST body, the flatter ``.calls`` topic)."""
    leg = _leg(participant)
    if leg is None:
        return None, None
    muted = leg.get("muted")
    return call_state(leg.get("state"), leg.get("held")), muted if isinstance(muted, bool) else None


def parse_notification(text) -> "tuple[str, dict | None]":
    """(topicName, eventBody) of a notification message; ("", None) when malformed."""
    try:
        message = json.loads(text)
    except (TypeError, ValueError, RuntimeError, MemoryError):  # RuntimeError: nested too deep
        return "", None
    topic = _get(message, "topicName")
    body = _get(message, "eventBody")
    if not isinstance(topic, str):
        return "", None
    return topic, body if isinstance(body, dict) else None


def conversation_topic(user_id: str) -> str:
    return "v2.users." + user_id + ".conversations"


def quote(value: str) -> str:
    """Percent-encode a path segment (MicroPython has no urllib)."""
    safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
    out = []
    for ch in value:
        if ch in safe:
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append("%" + "0123456789ABCDEF"[byte >> 4] + "0123456789ABCDEF"[byte & 15])
    return "".join(out)

"""Genesys Cloud Platform API (REST): mute the signed-in user's own leg of a call.

    GenesysPlatform(conversation_id, token=..., token_provider=..., region="mypurecloud.com")

What it does, in the names of the real API (npm ``purecloud-platform-client-v2``):

- finds the user's own participant: ``GET /api/v2/users/me`` (``UsersApi.getUsersMe``)
  and ``GET /api/v2/conversations/calls/{conversationId}``
  (``ConversationsApi.getConversationsCall``), unless ``participant_id`` is given; a
  user who is not on the call (a supervisor) is refused with the reason, because the
  API mutes only a participant's own leg;
- mutes with ``PATCH /api/v2/conversations/calls/{conversationId}/participants/{participantId}``
  and ``{"muted": true|false}`` (``patchConversationsCallParticipant``, body
  ``MediaParticipantRequest``), answered ``202 Accepted`` with no body: that only
  says the request was taken, so the button waits for the confirmation;
- confirms through the notification channel: ``POST /api/v2/notifications/channels``
  (``Channel.id``, ``Channel.connectUri``), a WebSocket to ``connectUri``, and
  ``PUT .../channels/{id}/subscriptions`` with ``v2.users.{userId}.conversations``;
  heartbeats (``channel.metadata``) keep a watchdog quiet; a dropped socket is
  reopened with backoff while the conversation is polled with backoff, and every
  (re)subscription re-reads the conversation, so nothing is lost;
- explains every failure: 401 asks ``token_provider`` once for a new token and
  retries; 403 reads ``GET /api/v2/tokens/me`` (``TokenInfo.authorizedScope``) to
  tell a missing OAuth scope from a missing role permission; 404 names the id that
  was wrong; 429 waits ``Retry-After`` once; 5xx and network failures say so.

The token is sent in the Authorization header and nowhere else: it is never logged,
stored, shown, put in a URL or in an error message.

``token_provider`` is a JavaScript function (or a dotted path to one on ``window``)
returning the token or a Promise of it, or a Python callable returning the token
string (synchronously). It is asked when a request is answered 401, and at start when
no ``token`` is given.

The module's top half is pure (CPython unit tests cover it); the class below it does
the I/O through ``bridge``.
"""

import json

from .. import bridge, errors
from ..bridge import network
from .base import Adapter

API_PREFIX = "/api/v2"
#: OAuth scopes that allow each kind of request (a scope "x" includes "x:readonly").
MUTE_SCOPES = ("conversations",)
READ_SCOPES = ("conversations", "conversations:readonly")
NOTIFY_SCOPES = ("notifications",)
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


# -- pure: reading Genesys bodies ---------------------------------------------------
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


# -- pure: error body -> code and a reason that says what to fix --------------------
def api_message(body) -> str:
    """The API's own words from an ErrorBody (message, else messageWithParams), or ""."""
    if isinstance(body, str):
        return _text(body)
    return _text(_get(body, "message") or _get(body, "messageWithParams"))


def missing_permissions(body) -> list:
    """Permission names (domain:entity:action) an ErrorBody says are missing."""
    words = []
    params = _get(body, "messageParams")
    if isinstance(params, dict):
        for value in params.values():
            if isinstance(value, str):
                words.append(value)
    words.append(api_message(body))
    found = []
    for chunk in words:
        for word in chunk.replace(",", " ").replace("[", " ").replace("]", " ").split():
            word = word.strip(".;:'\"()")
            if word.count(":") >= 2 and " " not in word and word not in found:
                found.append(word)
    return found


def has_scope(authorized, needed: "tuple[str, ...]") -> "bool | None":
    """Whether ``authorizedScope`` grants one of ``needed``; None when it says nothing."""
    if not isinstance(authorized, list) or not authorized:
        return None
    granted = [s for s in authorized if isinstance(s, str)]
    for scope in needed:
        base = scope.split(":")[0]
        if scope in granted or (scope.endswith(":readonly") and base in granted):
            return True
    return False


def forbidden_reason(body, what: str, needed: "tuple[str, ...]", authorized) -> str:
    """The reason for a 403: a missing OAuth scope, a missing role permission, or the API's words.

    ``authorized`` is ``TokenInfo.authorizedScope`` (None when it could not be read).
    """
    scope_ok = has_scope(authorized, needed) if needed else None
    if scope_ok is False:
        have = ", ".join(s for s in authorized if isinstance(s, str))
        return (
            "Genesys Cloud refused to "
            + what
            + ": your token lacks the OAuth scope '"
            + "' or '".join(needed)
            + "' (it has: "
            + have
            + "). Add the scope to the OAuth "
            "client in Genesys Cloud Admin > Integrations > OAuth, then sign in again: a token "
            "keeps the scopes it was issued with."
        )
    permissions = missing_permissions(body)
    if permissions:
        return (
            "Genesys Cloud refused to "
            + what
            + ": your role lacks the permission "
            + " or ".join(permissions)
            + ". Ask a Genesys Cloud administrator to add it to your role"
            + (" (the token's OAuth scopes are fine)." if scope_ok else ".")
        )
    said = api_message(body)
    return (
        "Genesys Cloud refused to "
        + what
        + " (403"
        + (": " + said if said else "")
        + "). Check that the token has the OAuth scope '"
        + "' or '".join(needed or ("conversations",))
        + "' and that your role may change this call."
    )


def not_found_reason(body, ids: dict) -> str:
    """The reason for a 404, naming the id that was not found.

    ``ids`` maps a kind ("conversation", "participant", "user") to the id sent; the
    ErrorBody's entityId / entityName / message tell which of them was wrong.
    """
    entity_id = _get(body, "entityId")
    entity_name = str(_get(body, "entityName") or "").lower()
    said = api_message(body)
    kind = None
    for name, value in ids.items():
        if entity_id is not None and entity_id == value:
            kind = name
    if kind is None:
        for name in ids:
            if name in entity_name or name in said.lower():
                kind = name
                break
    if kind is None and len(ids) == 1:
        kind = next(iter(ids))
    if kind == "participant":
        return (
            "Participant "
            + ids["participant"]
            + " is not on conversation "
            + ids.get("conversation", "?")
            + " in Genesys Cloud (404). The call may have moved "
            "(a transfer gives a new participant id); reload the page, or pass the participant id "
            "of your own leg."
        )
    if kind == "conversation":
        return (
            "Conversation " + ids["conversation"] + " was not found in Genesys Cloud (404). The "
            "call may have ended, or the conversation id is wrong: pass the id of the current call."
        )
    named = ", ".join(k + " " + v for k, v in ids.items())
    return "Genesys Cloud found no such " + named + " (404" + (": " + said if said else "") + ")."


def error_reason(status: int, body, what: str, ids: dict, retry_after=None, has_provider=False) -> str:
    """The reason for every failure but 403 (see forbidden_reason)."""
    said = api_message(body)
    if status == 401:
        return (
            "Genesys Cloud refused the sign-in token (401: it expired or was revoked), so the widget "
            "could not "
            + what
            + ". Sign in again"
            + (
                "; the token_provider's new token was refused too."
                if has_provider
                else ", or give the widget a token_provider that returns a fresh token."
            )
        )
    if status == 404:
        return not_found_reason(body, ids)
    if status == 400:
        return (
            "Genesys Cloud did not accept the request to "
            + what
            + " (400"
            + (": " + said if said else "")
            + "). Check that the conversation is a voice call "
            "and that the ids are the call's own."
        )
    if status == 429:
        wait = ""
        if isinstance(retry_after, (int, float)):
            wait = " about " + str(int(retry_after + 0.999)) + " s"
        return (
            "Genesys Cloud is rate-limiting this token (429 Too Many Requests), so the widget could "
            "not " + what + ". Wait" + wait + " and try again; other apps using the same OAuth "
            "client share the limit."
        )
    if status == 0:
        return (
            "Genesys Cloud could not be reached to "
            + what
            + " ("
            + (said or "network error")
            + "). Check the network connection and the region or api_base, then try again."
        )
    if status >= 500:
        return (
            "Genesys Cloud had a problem and could not "
            + what
            + " (HTTP "
            + str(status)
            + (": " + said if said else "")
            + "). Try again in a moment; if it persists, check "
            "the Genesys Cloud status page."
        )
    return (
        "Genesys Cloud answered HTTP "
        + str(status)
        + " to the request to "
        + what
        + (": " + said if said else ".")
    )


def not_on_call_reason(conversation_id: str) -> str:
    return (
        "You are not a participant on this call (conversation " + conversation_id + "): Genesys "
        "Cloud mutes only a participant's own line, so a supervisor cannot mute an agent from here. "
        "Ask the agent to mute, or monitor, coach or barge in through Genesys Cloud."
    )


# -- the adapter: I/O through bridge --------------------------------------------------
class GenesysPlatform(Adapter):
    """Mute the signed-in user's own leg of a Genesys Cloud call through the Platform API.

    ``conversation_id``: the call. ``token``: an OAuth access token (never shown or
    logged). ``token_provider``: a JS function (or dotted path on ``window``) or a
    Python callable that returns a fresh token, asked once when a request gets 401.
    ``region``: the Genesys Cloud region's domain (``mypurecloud.ie``, ``usw2.pure.cloud``,
    ...), or ``api_base`` to give the API's URL itself. ``participant_id``: the user's
    own leg, when the page knows it (skips the lookup). ``heartbeat_timeout``: seconds
    without any message on the notification socket before it is reopened.
    """

    name = "GenesysPlatform"
    confirms = True
    POLL_FIRST = 0.5  # seconds: the first poll after a mute while the socket is down
    POLL_START = 1.0
    POLL_MAX = 15.0
    RECONNECT_START = 1.0
    RECONNECT_MAX = 30.0
    RATE_WAIT_MAX = 30.0  # seconds: the longest Retry-After honoured
    REQUEST_TIMEOUT = 15.0

    def __init__(
        self,
        conversation_id: str,
        *,
        token: "str | None" = None,
        token_provider=None,
        region: str = "mypurecloud.com",
        api_base: "str | None" = None,
        participant_id: "str | None" = None,
        heartbeat_timeout: float = 75.0,
    ) -> None:
        if not isinstance(conversation_id, str) or not conversation_id.strip():
            raise ValueError("GenesysPlatform: conversation_id must be the call's conversation id")
        if token is not None and (not isinstance(token, str) or not token.strip()):
            raise ValueError(
                "GenesysPlatform: token must be a non-empty string (or None with token_provider)"
            )
        if token is None and token_provider is None:
            raise ValueError("GenesysPlatform: give a token, a token_provider, or both")
        if participant_id is not None and (not isinstance(participant_id, str) or not participant_id):
            raise ValueError("GenesysPlatform: participant_id must be a non-empty string or None")
        if api_base is None:
            if not isinstance(region, str) or not region or "/" in region or ":" in region:
                raise ValueError("GenesysPlatform: region must be a domain such as 'mypurecloud.ie'")
            api_base = "https://api." + region
        if not isinstance(api_base, str) or not (
            api_base.startswith("https://") or api_base.startswith("http://")
        ):
            raise ValueError("GenesysPlatform: api_base must be an http(s) URL")
        self.conversation_id = conversation_id.strip()
        self.api_base = api_base.rstrip("/")
        self._token = token
        self._provider = token_provider
        self._pid = participant_id
        self._given_pid = participant_id is not None
        self._heartbeat_timeout = float(heartbeat_timeout)
        self._user = None
        self._sink = None
        self._resources = None
        self._halted = False
        self._live = False  # socket open and subscribed
        self._socket_close = None
        self._channel = None
        self._reconnect_delay = self.RECONNECT_START
        self._reconnect_timer = None
        self._poll_delay = self.POLL_START
        self._poll_timer = None
        self._watchdog = None
        self._updates = 0  # state updates applied from notifications
        self._request_seq = 0
        self._refresh_waiters = None

    def __repr__(self) -> str:  # never the token
        return "GenesysPlatform(" + repr(self.conversation_id) + ", api_base=" + repr(self.api_base) + ")"

    # -- Adapter --------------------------------------------------------------------
    def attach(self, sink, resources: "bridge.Resources") -> None:
        self._sink, self._resources = sink, resources
        if isinstance(self._provider, str):
            provider = bridge.resolve(self._provider)
            if provider is None or bridge.kind(provider) != "function":
                raise ValueError(self.name + ": window." + self._provider + " is not a function")
            self._provider = provider
        elif self._provider is not None and not (bridge.is_js(self._provider) or callable(self._provider)):
            raise TypeError(self.name + ": token_provider must be a function")
        if self._token is None:
            self._refresh(self._find_user, lambda why: self._report(errors.UNAUTHORIZED, why))
        else:
            self._find_user()

    def request_mute(self, muted: bool, on_sent, on_failed) -> None:
        self._request_seq += 1
        seq = self._request_seq
        if self._pid is None:
            self._fail(seq, on_failed, errors.FORBIDDEN, not_on_call_reason(self.conversation_id))
            return

        def sent(body):
            on_sent()
            if not self._live:  # no socket to confirm it: poll soon
                self._poll_delay = self.POLL_FIRST
                self._schedule_poll(self.POLL_FIRST)

        self._send(
            "PATCH",
            self._participant_path(),
            {"muted": bool(muted)},
            sent,
            lambda code, reason: self._fail(seq, on_failed, code, reason),
            "mute" if muted else "unmute",
            MUTE_SCOPES,
        )

    def resync(self) -> None:
        """Read the conversation again and report what it says."""
        if self._pid is None or self._halted:
            return
        self._read_conversation(self._apply_conversation, self._background_error)

    # -- start: who am I, which leg is mine, then the live channel ------------------
    def _find_user(self) -> None:
        def found(body):
            user = _get(body, "id")
            if not isinstance(user, str):
                self._report(errors.UNAVAILABLE, "Genesys Cloud's /users/me answer had no user id.")
                return
            self._user = user
            self._read_conversation(self._first_conversation, self._report)

        self._send("GET", API_PREFIX + "/users/me", None, found, self._report, "read your user", ())

    def _first_conversation(self, body) -> None:
        person = find_participant(body, self._user, self._pid if self._given_pid else None)
        if person is None:
            if self._given_pid:
                self._report(
                    errors.NOT_FOUND,
                    not_found_reason(None, {"participant": self._pid, "conversation": self.conversation_id}),
                )
            else:
                self._report(errors.FORBIDDEN, not_on_call_reason(self.conversation_id))
            return
        self._pid = person.get("id")
        if not isinstance(self._pid, str):
            self._pid = None
            self._report(errors.UNAVAILABLE, "Genesys Cloud's conversation answer had no participant id.")
            return
        self._apply_participant(person)
        self._connect()

    def _read_conversation(self, on_body, on_failure) -> None:
        seen = self._updates

        def got(body):
            if self._updates == seen:  # else a notification newer than this answer won
                on_body(body)

        self._send("GET", self._conversation_path(), None, got, on_failure, "read the call", READ_SCOPES)

    def _apply_conversation(self, body) -> None:
        person = find_participant(body, self._user, self._pid)
        if person is not None:
            self._apply_participant(person)

    def _apply_participant(self, person) -> None:
        state, muted = leg_state(person)
        if state is None:
            bridge.warn("ignored a Genesys participant without a call state")
            return
        self._sink.report_call(state)
        if muted is not None:
            self._sink.report_mic(muted)

    # -- the notification channel -----------------------------------------------------
    def _connect(self) -> None:
        self._reconnect_timer = None
        if self._halted or self._live or self._socket_close is not None:
            return

        def created(body):
            uri, channel = _get(body, "connectUri"), _get(body, "id")
            if not isinstance(uri, str) or not isinstance(channel, str):
                bridge.warn("the notification channel answer had no id or connectUri; polling instead")
                self._socket_down()
                return
            self._channel = channel
            self._socket_close = network.open_socket(self._resources, uri, self._on_socket)

        def refused(code, reason):
            bridge.warn("no live notifications (" + code + "); polling the call instead")
            if code in (errors.UNAUTHORIZED, errors.FORBIDDEN):
                self._reconnect_delay = self.RECONNECT_MAX
            self._socket_down()

        path = API_PREFIX + "/notifications/channels"
        self._send("POST", path, None, created, refused, "open a notification channel", NOTIFY_SCOPES)

    def _on_socket(self, *args) -> None:
        kind = args[0] if args else ""
        if kind == "open":
            self._arm_watchdog()
            self._subscribe()
        elif kind == "message":
            self._arm_watchdog()
            self._on_message(args[1] if len(args) > 1 else "")
        elif kind == "close":
            closer, self._socket_close = self._socket_close, None
            if closer is not None:  # free its proxy once this callback has returned
                self._resources.set_timeout(closer, 0)
            self._socket_down()

    def _subscribe(self) -> None:
        def subscribed(body):
            self._live = True
            self._reconnect_delay = self.RECONNECT_START
            self._stop_poll()
            self.resync()  # whatever changed while the socket was down

        def refused(code, reason):
            bridge.warn("the notification subscription was refused (" + code + "); polling the call instead")
            self._drop_socket()

        path = API_PREFIX + "/notifications/channels/" + quote(self._channel) + "/subscriptions"
        topics = [{"id": conversation_topic(self._user)}]
        self._send("PUT", path, topics, subscribed, refused, "subscribe to call updates", NOTIFY_SCOPES)

    def _on_message(self, text) -> None:
        topic, body = parse_notification(text)
        if topic == HEARTBEAT_TOPIC:
            return
        if body is None:
            bridge.warn("ignored a malformed Genesys notification")
            return
        if topic != conversation_topic(self._user) and not topic.startswith(
            conversation_topic(self._user) + "."
        ):
            return
        if _get(body, "id") != self.conversation_id:
            return
        person = find_participant(body, self._user, self._pid)
        if person is None:
            return
        self._updates += 1
        self._apply_participant(person)

    def _arm_watchdog(self) -> None:
        if self._watchdog is not None:
            self._resources.clear_timeout(self._watchdog)
        self._watchdog = self._resources.set_timeout(self._silent_socket, self._heartbeat_timeout)

    def _silent_socket(self) -> None:
        self._watchdog = None
        bridge.warn("no heartbeat on the Genesys notification socket; reconnecting")
        self._drop_socket()

    def _drop_socket(self) -> None:
        closer, self._socket_close = self._socket_close, None
        if closer is not None:
            closer()
        self._socket_down()

    def _socket_down(self) -> None:
        """The socket is gone (or never came): poll now and then with backoff, reconnect with backoff."""
        self._live = False
        if self._watchdog is not None:
            self._resources.clear_timeout(self._watchdog)
            self._watchdog = None
        if self._halted:
            return
        if self._poll_timer is None:
            self._poll_delay = self.POLL_START
            self._poll()
        if self._reconnect_timer is None:
            delay = self._reconnect_delay
            self._reconnect_delay = min(delay * 2, self.RECONNECT_MAX)
            self._reconnect_timer = self._resources.set_timeout(self._connect, delay)

    # -- polling while the socket is down ---------------------------------------------
    def _poll(self) -> None:
        self._poll_timer = None
        if self._live or self._halted:
            return

        def next_poll(*args):
            if not self._live and not self._halted and self._poll_timer is None:
                delay = self._poll_delay
                self._poll_delay = min(delay * 2, self.POLL_MAX)
                self._poll_timer = self._resources.set_timeout(self._poll, delay)

        def got(body):
            self._apply_conversation(body)
            next_poll()

        def failed(code, reason):
            self._background_error(code, reason)
            next_poll()

        self._poll_timer = -1  # a poll is in flight
        self._read_conversation(got, failed)

    def _schedule_poll(self, delay: float) -> None:
        if self._poll_timer is not None and self._poll_timer != -1:
            self._resources.clear_timeout(self._poll_timer)
            self._poll_timer = self._resources.set_timeout(self._poll, delay)
        elif self._poll_timer is None:
            self._poll_timer = self._resources.set_timeout(self._poll, delay)

    def _stop_poll(self) -> None:
        if self._poll_timer is not None and self._poll_timer != -1:
            self._resources.clear_timeout(self._poll_timer)
        self._poll_timer = None

    # -- requests, errors and the token ---------------------------------------------------
    def _conversation_path(self) -> str:
        return API_PREFIX + "/conversations/calls/" + quote(self.conversation_id)

    def _participant_path(self) -> str:
        return self._conversation_path() + "/participants/" + quote(self._pid)

    def _ids(self, path: str) -> dict:
        ids = {}
        if "/conversations/" in path:
            ids["conversation"] = self.conversation_id
        if "/participants/" in path:
            ids["participant"] = self._pid
        if path.endswith("/users/me"):
            ids["user"] = "me"
        return ids

    def _send(
        self, method, path, body, on_success, on_failure, what, scopes, auth_retry=True, rate_retry=True,
        explain=True,
    ):  # fmt: skip
        """One API request; on_success(body) or on_failure(code, reason), after at most one
        token refresh (401) and one wait for Retry-After (429); a 403 is explained by
        reading the token's scopes (unless ``explain`` is False)."""

        def again(auth=auth_retry, rate=rate_retry):
            self._send(method, path, body, on_success, on_failure, what, scopes, auth, rate, explain)

        def done(status, answer, retry_after):
            if 200 <= status < 300:
                on_success(answer)
            elif status == 401 and auth_retry and self._provider is not None:
                self._refresh(
                    lambda: again(auth=False),
                    lambda why: on_failure(errors.UNAUTHORIZED, why),
                )
            elif status == 429 and rate_retry:
                wait = retry_after if isinstance(retry_after, (int, float)) else 1.0
                self._resources.set_timeout(
                    lambda: again(rate=False), max(0.0, min(float(wait), self.RATE_WAIT_MAX))
                )
            elif status == 403 and explain:
                self._explain_forbidden(answer, what, scopes, on_failure)
            else:
                reason = error_reason(
                    status, answer, what, self._ids(path), retry_after, self._provider is not None
                )
                on_failure(errors.code_for_status(status), reason)

        headers = {"Authorization": "Bearer " + (self._token or ""), "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        network.fetch_json(
            self._resources, self.api_base + path, method, headers, body, done, self.REQUEST_TIMEOUT
        )

    def _explain_forbidden(self, answer, what, scopes, on_failure) -> None:
        def told(info):
            on_failure(
                errors.FORBIDDEN, forbidden_reason(answer, what, scopes, _get(info, "authorizedScope"))
            )

        def unknown(code, reason):
            on_failure(errors.FORBIDDEN, forbidden_reason(answer, what, scopes, None))

        path = API_PREFIX + "/tokens/me"
        self._send("GET", path, None, told, unknown, "read the token's scopes", (), True, False, False)

    def _refresh(self, then, on_fail) -> None:
        """Ask token_provider for a new token (one question for any number of waiters)."""
        if self._provider is None:
            on_fail(error_reason(401, None, "sign in", {}))
            return
        if self._refresh_waiters is not None:
            self._refresh_waiters.append((then, on_fail))
            return
        self._refresh_waiters = [(then, on_fail)]

        def finish(token, why=""):
            waiters, self._refresh_waiters = self._refresh_waiters or [], None
            if isinstance(token, str) and token.strip():
                self._token = token.strip()
                for go, _fail in waiters:
                    go()
                return
            reason = (
                "The token_provider gave no new token (" + (why or "an empty answer") + "), so Genesys "
                "Cloud cannot be asked. Sign in again."
            )
            for _go, fail in waiters:
                fail(reason)

        provider = self._provider
        if bridge.is_js(provider):
            network.call_js(
                self._resources,
                provider,
                lambda value=None: finish(value),
                lambda message="": finish(None, _text(message, 120)),
            )
            return
        try:
            value = provider()
        except Exception as exc:
            finish(None, type(exc).__name__)
            return
        finish(value)

    def _fail(self, seq, on_failed, code, reason) -> None:
        """A mute request failed: roll the button back and show the specific code."""
        if seq == self._request_seq:
            on_failed(code, reason)

    def _report(self, code, reason) -> None:
        """A failure outside a request: show it; a refused token or scope stops the background work."""
        if code in (errors.UNAUTHORIZED, errors.FORBIDDEN):
            self._halt()
        self._sink.report_error(code, reason)

    def _background_error(self, code, reason) -> None:
        """A failed re-read: transient ones are retried quietly, the rest are shown."""
        if code in (errors.UNAVAILABLE, errors.RATE_LIMITED):
            bridge.warn("reading the call failed (" + code + "); will retry")
            return
        self._report(code, reason)

    def _halt(self) -> None:
        self._halted = True
        self._stop_poll()
        if self._reconnect_timer is not None:
            self._resources.clear_timeout(self._reconnect_timer)
            self._reconnect_timer = None

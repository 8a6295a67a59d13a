"""``GenesysPlatform``: the adapter, wiring the REST client and the notification channel.

It finds the user's own participant (``GET /api/v2/users/me`` and
``GET /api/v2/conversations/calls/{conversationId}``, unless ``participant_id`` is
given), mutes with ``PATCH .../participants/{participantId}`` and follows the call
through the notification channel (``channel.py``), re-reading the conversation whenever
the channel (re)subscribes and polling it while the channel is down.
"""

from ... import bridge, errors
from ..base import Adapter
from .bodies import _get, conversation_topic, find_participant, leg_state, quote
from .channel import HALTED, Channel
from .client import API_PREFIX, MUTE_SCOPES, READ_SCOPES, Client, Request
from .reasons import no_id_reason, not_found_reason, not_on_call_reason


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
        self._client = Client(self.name, self.api_base, token, token_provider)
        self._channel = Channel(
            self._client, float(heartbeat_timeout), self._notified, self.resync, self._poll_once
        )
        self._pid = participant_id
        self._given_pid = participant_id is not None
        self._user = None
        self._sink = None
        self._updates = 0  # state updates applied from notifications
        self._request_seq = 0

    def __repr__(self) -> str:  # never the token
        return "GenesysPlatform(" + repr(self.conversation_id) + ", api_base=" + repr(self.api_base) + ")"

    # -- Adapter --------------------------------------------------------------------
    def attach(self, sink, resources: "bridge.Resources") -> None:
        self._sink = sink
        self._channel.attach(resources)
        self._client.attach(resources)
        if not self._client.has_token:
            self._client.refresh(self._find_user, lambda why: self._report(errors.UNAUTHORIZED, why))
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
            self._channel.poll_soon()  # no live socket to confirm it: poll soon

        request = Request(
            "PATCH",
            self._conversation_path() + "/participants/" + quote(self._pid),
            "mute" if muted else "unmute",
            body={"muted": bool(muted)},
            scopes=MUTE_SCOPES,
            ids={"conversation": self.conversation_id, "participant": self._pid},
        )
        self._client.send(request, sent, lambda code, reason: self._fail(seq, on_failed, code, reason))

    def resync(self) -> None:
        """Read the conversation again and report what it says."""
        if self._pid is None or self._channel.state == HALTED:
            return
        self._read_conversation(self._apply_conversation, self._background_error)

    # -- start: who am I, which leg is mine, then the live channel ------------------
    def _find_user(self) -> None:
        def found(body):
            user = _get(body, "id")
            if not isinstance(user, str):
                self._report(errors.UNAVAILABLE, no_id_reason("/users/me", "user id"))
                return
            self._user = user
            self._read_conversation(self._first_conversation, self._report)

        request = Request("GET", API_PREFIX + "/users/me", "read your user", ids={"user": "me"})
        self._client.send(request, found, self._report)

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
            self._report(errors.UNAVAILABLE, no_id_reason("conversation", "participant id"))
            return
        self._apply_participant(person)
        self._channel.start(conversation_topic(self._user))

    # -- the call: read, polled, notified -------------------------------------------
    def _conversation_path(self) -> str:
        return API_PREFIX + "/conversations/calls/" + quote(self.conversation_id)

    def _read_conversation(self, on_body, on_failure, on_stale=None) -> None:
        """GET the call: on_body(body), or on_stale() when a notification newer than
        the answer was applied meanwhile, or on_failure(code, reason)."""
        seen = self._updates

        def got(body):
            if self._updates == seen:
                on_body(body)
            elif on_stale is not None:
                on_stale()

        request = Request(
            "GET",
            self._conversation_path(),
            "read the call",
            scopes=READ_SCOPES,
            ids={"conversation": self.conversation_id},
        )
        self._client.send(request, got, on_failure)

    def _poll_once(self, then) -> None:
        """The channel's poll while it is down: read the call, show it, then ``then()``."""

        def got(body):
            self._apply_conversation(body)
            then()

        def failed(code, reason):
            self._background_error(code, reason)
            then()

        self._read_conversation(got, failed, then)

    def _notified(self, body) -> None:
        """A notification on the user's conversations topic."""
        if _get(body, "id") != self.conversation_id:
            return
        person = find_participant(body, self._user, self._pid)
        if person is None:
            return
        self._updates += 1
        self._apply_participant(person)

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

    # -- failures ---------------------------------------------------------------------
    def _fail(self, seq, on_failed, code, reason) -> None:
        """A mute request failed: roll the button back and show the specific code."""
        if seq == self._request_seq:
            on_failed(code, reason)

    def _report(self, code, reason) -> None:
        """A failure outside a request: show it; a refused token or scope stops the background work."""
        if code in (errors.UNAUTHORIZED, errors.FORBIDDEN):
            self._channel.halt()
        self._sink.report_error(code, reason)

    def _background_error(self, code, reason) -> None:
        """A failed re-read: transient ones are retried quietly, the rest are shown."""
        if code in (errors.UNAVAILABLE, errors.RATE_LIMITED):
            bridge.warn("reading the call failed (" + code + "); will retry")
            return
        self._report(code, reason)

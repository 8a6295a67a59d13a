"""The notification channel that confirms what the API was asked, as a state machine.

``POST /api/v2/notifications/channels`` gives ``Channel.id`` and ``Channel.connectUri``;
a WebSocket to ``connectUri``; ``PUT .../channels/{id}/subscriptions`` with the topic.
Heartbeats (``channel.metadata``) and every other message keep a watchdog quiet; a
socket that drops, goes silent or cannot be opened is reopened with backoff while the
call is polled with backoff.

``state`` is one of:

- ``IDLE``: not started;
- ``OPENING``: the channel is being created, or its socket is opening;
- ``SUBSCRIBING``: the socket is open, the subscription is being made;
- ``LIVE``: subscribed, notifications arrive (and no poll runs);
- ``DOWN``: no socket: a reconnection is scheduled, and the call is polled;
- ``HALTED``: stopped for good (a refused token or scope): no reconnection and no
  poll; a socket still open keeps delivering until it closes.

``poll`` is one of ``NOT_POLLING``, ``POLL_WAITING`` (a poll is scheduled) and
``POLLING`` (a poll is in flight).
"""

from ... import bridge, errors
from ...bridge import network
from .bodies import HEARTBEAT_TOPIC, _get, parse_notification, quote
from .client import API_PREFIX, NOTIFY_SCOPES, Request

IDLE = "idle"
OPENING = "opening"
SUBSCRIBING = "subscribing"
LIVE = "live"
DOWN = "down"
HALTED = "halted"

NOT_POLLING = "not polling"
POLL_WAITING = "poll waiting"
POLLING = "polling"


class Channel:
    """The notification channel of one topic, sent through ``client``.

    ``on_notification(body)``: an ``eventBody`` on the topic (or a subtopic of it);
    ``on_live()``: subscribed (again), so whatever changed meanwhile is to be re-read;
    ``poll(then)``: read the call once, then ``then()``.
    """

    POLL_FIRST = 0.5  # seconds: the first poll after a request while the socket is down
    POLL_START = 1.0
    POLL_MAX = 15.0
    RECONNECT_START = 1.0
    RECONNECT_MAX = 30.0

    def __init__(self, client, heartbeat_timeout: float, on_notification, on_live, poll) -> None:
        self.state = IDLE
        self.poll = NOT_POLLING
        self.resources = None
        self._client = client
        self._heartbeat_timeout = heartbeat_timeout
        self._on_notification = on_notification
        self._on_live = on_live
        self._read = poll
        self._topic = None
        self._channel_id = None
        self._close = None  # closes the socket, while there is one
        self._watchdog = None
        self._reconnect_delay = self.RECONNECT_START
        self._reconnect_timer = None
        self._poll_delay = self.POLL_START
        self._poll_timer = None
        self._poll_seq = 0  # which poll is in flight: an answer to an older one is ignored

    def attach(self, resources: "bridge.Resources") -> None:
        self.resources = resources

    def start(self, topic: str) -> None:
        """Open the channel and subscribe to ``topic``."""
        self._topic = topic
        self._connect()

    def poll_soon(self) -> None:
        """A request was sent: unless the socket is live to confirm it, poll soon."""
        if self.state != LIVE:
            self._poll_delay = self.POLL_FIRST
            self._schedule_poll(self.POLL_FIRST)

    def halt(self) -> None:
        """Stop for good: no more reconnections or polls."""
        self.state = HALTED
        self._stop_poll()
        if self._reconnect_timer is not None:
            self.resources.clear_timeout(self._reconnect_timer)
            self._reconnect_timer = None

    def _enter(self, state: str) -> None:
        if self.state != HALTED:
            self.state = state

    # -- the socket ---------------------------------------------------------------------
    def _connect(self) -> None:
        self._reconnect_timer = None
        if self.state in (HALTED, LIVE) or self._close is not None:
            return
        self._enter(OPENING)

        def created(body):
            uri, channel = _get(body, "connectUri"), _get(body, "id")
            if not isinstance(uri, str) or not isinstance(channel, str):
                bridge.warn("the notification channel answer had no id or connectUri; polling instead")
                self._down()
                return
            self._channel_id = channel
            self._close = network.open_socket(self.resources, uri, self._on_socket)

        def refused(code, reason):
            bridge.warn("no live notifications (" + code + "); polling the call instead")
            if code in (errors.UNAUTHORIZED, errors.FORBIDDEN):
                self._reconnect_delay = self.RECONNECT_MAX
            self._down()

        path = API_PREFIX + "/notifications/channels"
        request = Request("POST", path, "open a notification channel", scopes=NOTIFY_SCOPES)
        self._client.send(request, created, refused)

    def _on_socket(self, *args) -> None:
        kind = args[0] if args else ""
        if kind == "open":
            self._arm_watchdog()
            self._subscribe()
        elif kind == "message":
            self._arm_watchdog()
            self._on_message(args[1] if len(args) > 1 else "")
        elif kind == "close":
            closer, self._close = self._close, None
            if closer is not None:  # free its proxy once this callback has returned
                self.resources.set_timeout(closer, 0)
            self._down()

    def _subscribe(self) -> None:
        self._enter(SUBSCRIBING)
        socket = self._close  # the answer counts only while this socket is still the one

        def subscribed(body):
            if self._close is not socket:
                return
            self._enter(LIVE)
            self._reconnect_delay = self.RECONNECT_START
            self._stop_poll()
            self._on_live()  # whatever changed while the socket was down

        def refused(code, reason):
            if self._close is not socket:
                return
            bridge.warn("the notification subscription was refused (" + code + "); polling the call instead")
            self._drop_socket()

        path = API_PREFIX + "/notifications/channels/" + quote(self._channel_id) + "/subscriptions"
        request = Request(
            "PUT", path, "subscribe to call updates", body=[{"id": self._topic}], scopes=NOTIFY_SCOPES
        )
        self._client.send(request, subscribed, refused)

    def _on_message(self, text) -> None:
        topic, body = parse_notification(text)
        if topic == HEARTBEAT_TOPIC:
            return
        if body is None:
            bridge.warn("ignored a malformed Genesys notification")
            return
        if topic == self._topic or topic.startswith(self._topic + "."):
            self._on_notification(body)

    def _arm_watchdog(self) -> None:
        if self._watchdog is not None:
            self.resources.clear_timeout(self._watchdog)
        self._watchdog = self.resources.set_timeout(self._silent_socket, self._heartbeat_timeout)

    def _silent_socket(self) -> None:
        self._watchdog = None
        bridge.warn("no heartbeat on the Genesys notification socket; reconnecting")
        self._drop_socket()

    def _drop_socket(self) -> None:
        closer, self._close = self._close, None
        if closer is not None:
            closer()
        self._down()

    def _down(self) -> None:
        """The socket is gone (or never came): poll now and then with backoff, reconnect with backoff."""
        self._enter(DOWN)
        if self._watchdog is not None:
            self.resources.clear_timeout(self._watchdog)
            self._watchdog = None
        if self.state == HALTED:
            return
        if self.poll == NOT_POLLING:
            self._poll_delay = self.POLL_START
            self._poll()
        if self._reconnect_timer is None:
            delay = self._reconnect_delay
            self._reconnect_delay = min(delay * 2, self.RECONNECT_MAX)
            self._reconnect_timer = self.resources.set_timeout(self._connect, delay)

    # -- polling while the socket is down -----------------------------------------------
    def _poll(self) -> None:
        self._poll_timer = None
        self.poll = NOT_POLLING
        if self.state in (LIVE, HALTED):
            return
        self.poll = POLLING
        self._poll_seq += 1
        seq = self._poll_seq
        self._read(lambda *args: self._polled(seq))

    def _polled(self, seq: int) -> None:
        """A poll was answered: the next one, later, while the socket is still down."""
        if seq == self._poll_seq and self.poll == POLLING and self.state not in (LIVE, HALTED):
            delay = self._poll_delay
            self._poll_delay = min(delay * 2, self.POLL_MAX)
            self._set_poll_timer(delay)

    def _schedule_poll(self, delay: float) -> None:
        if self.poll == POLL_WAITING:
            self.resources.clear_timeout(self._poll_timer)
            self._set_poll_timer(delay)
        elif self.poll == NOT_POLLING:
            self._set_poll_timer(delay)

    def _set_poll_timer(self, delay: float) -> None:
        self._poll_timer = self.resources.set_timeout(self._poll, delay)
        self.poll = POLL_WAITING

    def _stop_poll(self) -> None:
        if self.poll == POLL_WAITING:
            self.resources.clear_timeout(self._poll_timer)
        self._poll_timer = None
        self.poll = NOT_POLLING

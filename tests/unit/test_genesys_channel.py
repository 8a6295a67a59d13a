"""The GenesysPlatform notification channel's state machine, on CPython, with a client
and timers that the test answers by hand: when it polls, when it reconnects, and which
answers it still takes."""

from types import SimpleNamespace

import pytest

from widget import errors
from widget.adapters.genesys_platform import channel as ch

TOPIC = "v2.users.user-me.conversations"


class Timers:
    """set_timeout/clear_timeout that run only when the test says so."""

    def __init__(self) -> None:
        self.pending = {}
        self.last = 0

    def set_timeout(self, fn, delay):
        self.last += 1
        self.pending[self.last] = (fn, delay)
        return self.last

    def clear_timeout(self, handle) -> None:
        self.pending.pop(handle, None)

    def delays(self, fn_name: str) -> list:
        return [d for fn, d in self.pending.values() if getattr(fn, "__name__", "") == fn_name]

    def fire(self, fn_name: str) -> None:
        (handle,) = [h for h, (fn, _) in self.pending.items() if getattr(fn, "__name__", "") == fn_name]
        fn, _ = self.pending.pop(handle)
        fn()


class Client:
    """Keeps every request; the test answers it."""

    def __init__(self) -> None:
        self.sent = []

    def send(self, request, on_success, on_failure) -> None:
        self.sent.append((request, on_success, on_failure))

    def last(self, method: str):
        return [s for s in self.sent if s[0].method == method][-1]


class Sockets:
    def __init__(self) -> None:
        self.opened = []  # (url, on_event, closer)

    def open(self, resources, url, on_event):
        closed = []

        def closer():
            closed.append(True)

        closer.closed = closed
        self.opened.append((url, on_event, closer))
        return closer


@pytest.fixture
def world(monkeypatch):
    timers, client, sockets = Timers(), Client(), Sockets()
    monkeypatch.setattr(ch.network, "open_socket", sockets.open)
    polls, lives, notes = [], [], []
    channel = ch.Channel(client, 75.0, notes.append, lambda: lives.append(True), polls.append)
    channel.attach(timers)
    return SimpleNamespace(
        channel=channel, timers=timers, client=client, sockets=sockets, polls=polls, lives=lives, notes=notes
    )


def open_live(world):
    """Start, create the channel, open its socket, subscribe: LIVE."""
    channel, client, sockets = world.channel, world.client, world.sockets
    channel.start(TOPIC)
    client.last("POST")[1]({"id": "chan-1", "connectUri": "wss://x/chan-1"})
    sockets.opened[-1][1]("open", "")
    assert channel.state == ch.SUBSCRIBING
    client.last("PUT")[1]([{"id": TOPIC}])
    assert channel.state == ch.LIVE


def test_a_channel_goes_live_and_stops_polling(world):
    assert world.channel.state == ch.IDLE
    open_live(world)
    assert world.lives == [True] and world.channel.poll == ch.NOT_POLLING and world.polls == []


def test_while_down_the_call_is_polled_again_and_again_with_backoff(world):
    world.channel.start(TOPIC)
    world.client.last("POST")[2](errors.UNAVAILABLE, "down")
    assert world.channel.state == ch.DOWN
    assert len(world.polls) == 1 and world.channel.poll == ch.POLLING
    waits = []
    for _ in range(6):
        world.polls[-1]()  # this poll is answered
        assert world.channel.poll == ch.POLL_WAITING
        waits.extend(world.timers.delays("_poll"))
        world.timers.fire("_poll")
    assert waits == [1.0, 2.0, 4.0, 8.0, 15.0, 15.0]
    assert len(world.polls) == 7


def test_a_request_while_down_is_polled_soon_even_after_a_first_poll(world):
    world.channel.start(TOPIC)
    world.client.last("POST")[2](errors.UNAVAILABLE, "down")
    world.polls[-1]()
    world.channel.poll_soon()
    assert world.timers.delays("_poll") == [world.channel.POLL_FIRST]


def test_a_subscription_answered_after_its_socket_closed_is_not_live(world):
    world.channel.start(TOPIC)
    world.client.last("POST")[1]({"id": "chan-1", "connectUri": "wss://x/chan-1"})
    on_event = world.sockets.opened[-1][1]
    on_event("open", "")
    on_event("close", 1006)  # gone while the subscription is on its way
    assert world.channel.state == ch.DOWN
    world.client.last("PUT")[1]([{"id": TOPIC}])
    assert world.channel.state == ch.DOWN and world.lives == []
    world.timers.fire("_connect")  # so the reconnection still happens
    assert world.channel.state == ch.OPENING
    assert len([s for s in world.client.sent if s[0].method == "POST"]) == 2


def test_a_late_refusal_of_an_old_subscription_leaves_the_new_socket_alone(world):
    world.channel.start(TOPIC)
    world.client.last("POST")[1]({"id": "chan-1", "connectUri": "wss://x/chan-1"})
    world.sockets.opened[-1][1]("open", "")
    old_put = world.client.last("PUT")
    world.sockets.opened[-1][1]("close", 1006)
    world.timers.fire("_connect")
    world.client.last("POST")[1]({"id": "chan-2", "connectUri": "wss://x/chan-2"})
    world.sockets.opened[-1][1]("open", "")
    old_put[2](errors.UNAVAILABLE, "late")
    assert world.channel.state == ch.SUBSCRIBING and not world.sockets.opened[-1][2].closed
    world.client.last("PUT")[1]([{"id": TOPIC}])
    assert world.channel.state == ch.LIVE


def test_halted_means_no_reconnection_and_no_poll(world):
    world.channel.start(TOPIC)
    world.client.last("POST")[2](errors.UNAVAILABLE, "down")
    world.channel.halt()
    assert world.channel.state == ch.HALTED and world.timers.pending == {}
    world.polls[-1]()
    assert world.timers.pending == {} and world.channel.poll == ch.NOT_POLLING


def test_notifications_on_the_topic_only_and_heartbeats_keep_the_watchdog_quiet(world):
    open_live(world)
    on_event = world.sockets.opened[-1][1]
    on_event("message", '{"topicName": "channel.metadata", "eventBody": {"message": "WebSocket Heartbeat"}}')
    on_event("message", '{"topicName": "v2.users.other.conversations", "eventBody": {"id": "c"}}')
    on_event("message", '{"topicName": "' + TOPIC + '.calls", "eventBody": {"id": "c"}}')
    assert world.notes == [{"id": "c"}]
    assert world.timers.delays("_silent_socket") == [75.0]
    world.timers.fire("_silent_socket")
    assert world.channel.state == ch.DOWN and world.sockets.opened[-1][2].closed

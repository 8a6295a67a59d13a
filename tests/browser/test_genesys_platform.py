"""The GenesysPlatform adapter in a real Chromium on Pyodide and MicroPython, against the
local Genesys API server (tests/servers/genesys_api.py) on another origin: real HTTP
with CORS, a real notification WebSocket, the real error bodies.

Each test loads one page and walks through many contract points; the server's request
log proves that exactly the expected requests were sent (no retry storm), and the page
is scanned to prove that the token never appears in the console, DOM, storage or URLs.
"""

import json
import os
import random
import re
import time

import pytest
from playwright.sync_api import Page

from tests.servers.genesys_api import AGENT, AGENT_PID, CONVERSATION, MUTE_PERMISSIONS, ServerThread

BUTTON = "#mount button"
CONV_PATH = "/api/v2/conversations/calls/" + CONVERSATION
PATCH_PATH = CONV_PATH + "/participants/" + AGENT_PID
START = [
    ("GET", "/api/v2/users/me", 200),
    ("GET", CONV_PATH, 200),
    ("POST", "/api/v2/notifications/channels", 200),
    ("PUT", "/subscriptions", 200),
    ("GET", CONV_PATH, 200),
]


# Chromium logs every HTTP error answer (and a dropped connection) as a console error
# of its own; the tests that provoke them expect exactly these.
HTTP_ERRORS = re.compile(r"Failed to load resource: (the server responded with a status of \d{3}|net::ERR_)")


@pytest.fixture(scope="module")
def genesys():
    server = ServerThread(heartbeat=1.0).start()
    yield server
    server.stop()


@pytest.fixture
def api(genesys):
    genesys.control("reset", {"agentState": "connected"})
    return genesys


def open_page(page: Page, site: str, interp: str, api: ServerThread, **params) -> Page:
    query = "&".join(f"{k}={v}" for k, v in {"interp": interp, "api": api.url, **params}.items())
    page.goto(f"{site}/genesys-platform.html?{query}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    assert page.evaluate("document.documentElement.dataset.mountError") is None
    return page


def attrs(page: Page) -> dict:
    return page.eval_on_selector(
        BUTTON,
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'aria-busy', 'data-call', 'data-mic',
              'data-status', 'data-confirmed', 'data-error'].map(n => [n, b.getAttribute(n)]))""",
    )


def reason(page: Page) -> str:
    return page.eval_on_selector(
        BUTTON, "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )


def wait_attr(page: Page, name: str, value: str, timeout: int = 6000) -> None:
    page.wait_for_selector(f'{BUTTON}[{name}="{value}"]', state="attached", timeout=timeout)


def log(api: ServerThread, since: int = 0, who: str = "agent") -> list:
    """(method, path, status) of who's API requests (by token label), subscription paths shortened."""
    out = []
    for entry in api.control("log")[since:]:
        if not str(entry["token"]).startswith(who):
            continue
        path = entry["path"]
        if path.endswith("/subscriptions"):
            path = "/subscriptions"
        out.append((entry["method"], path, entry["status"]))
    return out


def wait_until(page: Page, check, timeout: float = 6.0) -> bool:
    """Poll check() until it is true. The wait goes through Playwright, which is what
    lets the page's requests pass the conftest's route() meanwhile (time.sleep would
    hold them)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


def wait_log(page: Page, api: ServerThread, count: int, timeout: float = 6.0) -> list:
    """Wait until the server has seen at least count API requests."""
    wait_until(page, lambda: len(api.control("log")) >= count, timeout)
    return log(api)


def sockets(api: ServerThread) -> int:
    return sum(api.control("state")["sockets"].values())


def click_and_fail(page: Page, api: ServerThread, code: str) -> str:
    """Click Mute, wait for data-error=code; the button rolled back and is usable again."""
    page.click(BUTTON)
    wait_attr(page, "data-error", code)
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] == "unmuted", "a failure must not show muted"
    assert a["aria-busy"] is None and a["disabled"] is None and a["data-status"] == "error"
    events = page.evaluate("widgetEvents.filter(e => e.type === 'mute:error')")
    assert events[-1]["code"] == code and events[-1]["message"] == reason(page)
    return reason(page)


def test_mute_is_confirmed_by_notifications_and_follows_the_call(page, site, interp, api, watch):
    watch.allowed_errors.append(HTTP_ERRORS)  # the one 401 below
    api.control("reset", {"agentState": "alerting"})
    open_page(page, site, interp, api, timeout="1.5", second="supervisor", provider="py")
    wait_attr(page, "data-call", "ringing")
    assert wait_log(page, api, 7)[:5] == START, "the adapter starts with exactly these requests"

    # A supervisor on the same call (second widget) is refused at once, with the reason.
    supervisor = "#mount2 button"
    page.wait_for_selector(supervisor + '[data-error="forbidden"]', state="attached")
    text = page.eval_on_selector(
        supervisor, "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )
    assert text.startswith(f"You are not a participant on this call (conversation {CONVERSATION})")
    assert "supervisor cannot mute an agent" in text
    assert page.eval_on_selector(supervisor, "b => b.disabled")
    page.click(supervisor, force=True)
    assert log(api, who="supervisor") == START[:2], "no PATCH and no channel for a user not on the call"
    a = attrs(page)
    assert a["disabled"] == "" and a["data-mic"] == "unmuted" and a["data-confirmed"] == "true"

    # The agent answers on the phone: the notification enables the button.
    api.control("call", {"state": "connected"})
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["disabled"] is None and attrs(page)["data-status"] == "ready"

    # A click asks; the button shows only what the notification confirms.
    api.control("confirm", {"mode": "normal", "delay": 0.6})
    page.click(BUTTON)
    a = attrs(page)
    assert a["aria-busy"] == "true" and a["aria-pressed"] == "false" and a["disabled"] == ""
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-mic"] == "muted" and attrs(page)["aria-busy"] is None
    entries = [e for e in api.control("log") if e["token"].startswith("agent")]
    assert [(e["method"], e["path"], e["status"], e.get("body")) for e in entries[5:]] == [
        ("PATCH", PATCH_PATH, 202, {"muted": True})
    ]

    # Changes made elsewhere are followed: the phone unmutes, holds, resumes.
    api.control("call", {"muted": False})
    wait_attr(page, "aria-pressed", "false")
    api.control("call", {"held": True})
    wait_attr(page, "data-call", "held")
    assert attrs(page)["disabled"] == ""
    api.control("call", {"held": False})
    wait_attr(page, "data-call", "connected")

    # No confirmation at all: the button gives up after confirm_timeout and re-reads the call.
    api.control("confirm", {"mode": "never"})
    page.click(BUTTON)
    wait_attr(page, "data-error", "timeout")
    assert attrs(page)["aria-pressed"] == "false"
    # The change landed but no notification came: the re-read after the timeout shows it.
    api.control("confirm", {"mode": "silent", "delay": 0.05})
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true", timeout=4000)
    assert attrs(page)["data-confirmed"] == "true"
    assert log(api)[6:] == [
        ("PATCH", PATCH_PATH, 202),
        ("GET", CONV_PATH, 200),  # resync after the first timeout
        ("PATCH", PATCH_PATH, 202),
        ("GET", CONV_PATH, 200),  # resync after the second
    ]

    # A 401: the Python token_provider is asked once and the request sent again with its token.
    api.control("confirm", {"mode": "normal"})
    api.control("fault", {"method": "PATCH", "status": 401})
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    assert [(e["method"], e["status"], e["token"]) for e in api.control("log")[-2:]] == [
        ("PATCH", 401, "agent-1"),
        ("PATCH", 202, "agent-2"),
    ]
    assert page.evaluate("genesysTest.providerCalls") == 1

    # Hang up: the button follows to "ended"; destroy closes the socket and stops everything.
    api.control("call", {"state": "disconnected"})
    wait_attr(page, "data-call", "ended")
    seen = len(api.control("log"))
    page.evaluate("destroyWidget()")
    assert wait_until(page, lambda: sockets(api) == 0, 3), "destroy() must close the socket"
    assert page.locator(BUTTON).count() == 0
    page.wait_for_timeout(1200)
    assert len(api.control("log")) == seen, "no request after destroy()"


def test_a_dropped_socket_is_reopened_and_nothing_is_lost(page, site, interp, api, watch):
    # Chromium itself reports the refused WebSocket handshake this test provokes.
    watch.allowed_errors.append(re.compile(r"WebSocket connection to .*/channels/.* 503"))
    open_page(page, site, interp, api, heartbeat="2.5")
    wait_attr(page, "data-call", "connected")
    wait_log(page, api, 5)

    # The socket drops and the first reconnection is refused: the call is polled meanwhile.
    api.control("sockets/drop", {"refuse": 1})
    api.control("call", {"muted": True})  # changed while no notification can arrive
    wait_attr(page, "aria-pressed", "true")
    page.click(BUTTON)  # and a click while the socket may still be down is confirmed too
    wait_attr(page, "aria-pressed", "false")
    assert attrs(page)["data-error"] is None

    # It comes back (after a refused try and backoff), re-subscribes and re-reads the call.
    assert wait_until(page, lambda: sockets(api) == 1, 8), "the socket is reopened"
    assert wait_until(page, lambda: log(api)[-2:][0][0] == "PUT", 2), "and subscribed again"
    wait_until(page, lambda: log(api)[-1][0] == "GET", 2)
    entries = log(api)
    channels = [e for e in entries if e[0] == "POST"]
    assert len(channels) == 3, entries  # the first, the refused reconnection, the one that held
    assert [e for e in entries if e[0] == "PUT"] == [("PUT", "/subscriptions", 200)] * 2
    assert entries[-1] == ("GET", CONV_PATH, 200), "a re-subscription re-reads the call"
    assert [e for e in entries if e[0] == "PATCH"] == [("PATCH", PATCH_PATH, 202)]
    assert len([e for e in entries if e[0] == "GET"]) <= 10, "polling backs off"

    # Live again: a change arrives at once, and polling has stopped.
    seen = len(entries)
    api.control("call", {"muted": True})
    wait_attr(page, "aria-pressed", "true", timeout=900)
    page.wait_for_timeout(1500)
    assert log(api)[seen:] == []

    # No heartbeat for longer than heartbeat_timeout: the silent socket is replaced.
    api.control("heartbeat", {"paused": True})
    wait_log(page, api, seen + 3, timeout=6)
    api.control("heartbeat", {"paused": False})
    assert (
        log(api)[seen : seen + 2]
        == [
            ("GET", CONV_PATH, 200),  # polled as soon as the socket is given up
            ("POST", "/api/v2/notifications/channels", 200),
        ]
        or log(api)[seen : seen + 2]
        == [
            ("POST", "/api/v2/notifications/channels", 200),
            ("GET", CONV_PATH, 200),
        ]
    )
    assert not page.evaluate("widgetEvents.filter(e => e.type === 'mute:error')")


def test_every_api_error_says_what_to_fix_and_the_token_never_shows(page, site, interp, api, watch):
    watch.allowed_errors.append(HTTP_ERRORS)
    shown = []
    page.on("console", lambda msg: shown.append("console: " + msg.text))
    page.on("request", lambda request: shown.append("request: " + request.url))
    page.on("websocket", lambda ws: shown.append("websocket: " + ws.url))
    open_page(page, site, interp, api, timeout="8")
    wait_attr(page, "data-call", "connected")
    seen = len(wait_log(page, api, 5))

    def patches() -> list:
        nonlocal seen
        entries = log(api)
        new, seen = entries[seen:], len(entries)
        return new

    api.control("fault", {"method": "PATCH", "status": 400, "message": "Invalid value for muted."})
    text = click_and_fail(page, api, "bad-request")
    assert "400: Invalid value for muted." in text
    assert patches() == [("PATCH", PATCH_PATH, 400)]

    api.control("fault", {"method": "PATCH", "status": 404})
    text = click_and_fail(page, api, "not-found")
    assert text.startswith(f"Participant {AGENT_PID} is not on conversation {CONVERSATION}")
    assert patches() == [("PATCH", PATCH_PATH, 404)]

    api.control("fault", {"method": "PATCH", "status": 429, "retryAfter": 0.3, "times": 2})
    text = click_and_fail(page, api, "rate-limited")
    assert "429 Too Many Requests" in text and "Wait about 1 s" in text
    assert patches() == [("PATCH", PATCH_PATH, 429)] * 2, "Retry-After is honoured once, then no more"

    api.control("fault", {"method": "PATCH", "status": 503})
    text = click_and_fail(page, api, "unavailable")
    assert "HTTP 503: The service is currently unavailable." in text and "Try again" in text
    assert patches() == [("PATCH", PATCH_PATH, 503)]

    api.control("fault", {"method": "PATCH", "status": 500})
    text = click_and_fail(page, api, "unavailable")
    assert "HTTP 500" in text
    assert patches() == [("PATCH", PATCH_PATH, 500)]

    # The connection drops with no answer.
    api.control("fault", {"method": "PATCH", "drop": True})
    text = click_and_fail(page, api, "unavailable")
    assert "could not be reached" in text and "Check the network" in text
    assert [e[:2] for e in patches()] == [("PATCH", PATCH_PATH)]

    # 403 for a missing role permission: the tokens/me read shows the scopes are fine.
    api.control("users", {"user": "agent", "permissions": []})
    text = click_and_fail(page, api, "forbidden")
    assert "your role lacks the permission " + " or ".join(MUTE_PERMISSIONS) in text
    assert "OAuth scopes are fine" in text
    assert patches() == [("PATCH", PATCH_PATH, 403), ("GET", "/api/v2/tokens/me", 200)]
    api.control("users", {"user": "agent", "permissions": MUTE_PERMISSIONS[:1]})

    # One 429 and then success: the request is sent again once, and confirmed.
    api.control("fault", {"method": "PATCH", "status": 429, "retryAfter": 0.2})
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-error"] is None
    assert patches() == [("PATCH", PATCH_PATH, 429), ("PATCH", PATCH_PATH, 202)]

    # -- the token: renewed once on 401, and never shown ------------------------------
    seen = len(api.control("log"))
    tokens = lambda: api.control("log")[seen:]  # noqa: E731
    api.control("call", {"muted": False})
    wait_attr(page, "aria-pressed", "false")

    # The token expires: one 401, one question to token_provider, the same request again.
    api.control("tokens/expire", {"user": "agent"})
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert [(e["method"], e["status"], e["token"]) for e in tokens()] == [
        ("PATCH", 401, "agent-1"),  # the expired token
        ("PATCH", 202, "agent-2"),
    ]
    assert page.evaluate("genesysTest.providerCalls") == 1
    seen += 2

    # The new token is refused too: unauthorized, after exactly one more question.
    api.control("fault", {"method": "PATCH", "status": 401, "times": 2})
    page.click(BUTTON)
    wait_attr(page, "data-error", "unauthorized")
    assert "Sign in again" in reason(page) and "refused too" in reason(page)
    assert [(e["method"], e["status"]) for e in tokens()] == [("PATCH", 401)] * 2
    assert page.evaluate("genesysTest.providerCalls") == 2
    seen += 2

    # A renewed token that lacks the scope: tokens/me tells the scope from a permission.
    api.control("users", {"user": "agent", "scopes": ["conversations:readonly", "notifications"]})
    api.control("tokens/expire", {"user": "agent"})
    page.click(BUTTON)
    wait_attr(page, "data-error", "forbidden")
    text = reason(page)
    assert "lacks the OAuth scope 'conversations'" in text
    assert "(it has: conversations:readonly, notifications)" in text and "sign in again" in text
    assert [(e["method"], e["path"][-9:], e["status"]) for e in tokens()] == [
        ("PATCH", AGENT_PID[-9:], 401),
        ("PATCH", AGENT_PID[-9:], 403),
        ("GET", "tokens/me", 200),
    ]
    assert attrs(page)["aria-pressed"] == "true", "a refused unmute leaves the confirmed mute"

    # Nowhere a token: console, DOM, storage, cookies, URLs, widget events.
    secrets_ = list(api.state.tokens)
    assert len(secrets_) >= 4
    page_text = page.evaluate(
        """() => JSON.stringify({
            dom: document.documentElement.outerHTML,
            local: Object.entries(localStorage), session: Object.entries(sessionStorage),
            cookies: document.cookie, url: location.href, events: widgetEvents,
            names: performance.getEntries().map(e => e.name)})"""
    )
    haystack = page_text + "\n".join(shown)
    for token in secrets_:
        assert token not in haystack
        assert token[3:15] not in haystack, "not even a piece of a token"
    assert any("request: " + api.url in s for s in shown), "the scan saw the API requests"


# -- fuzzed notifications ----------------------------------------------------------------
FUZZ_MESSAGES = 3000  # per interpreter
TOPIC = f"v2.users.{AGENT}.conversations"
WORDS = ["connected", "alerting", "disconnected", "terminated", "dialing", "contacting", "offering",
         "CONNECTED", " connected ", "held", "muted", "", "null", "__proto__", "constructor", "toString",
         "<img src=x onerror=alert(1)>"]  # fmt: skip
JUNK_VALUES = [None, True, False, 0, -1, 2**70, 1.5, "", "true", [], {}, [None], {"state": "connected"}]


def junk(rng: random.Random, depth: int = 0):
    """A random JSON value: Genesys words, wrong types, nesting."""
    roll = rng.random()
    if depth > 3 or roll < 0.4:
        return rng.choice(JUNK_VALUES + WORDS)
    if roll < 0.7:
        keys = ["id", "state", "muted", "held", "calls", "userId", "user", "__proto__", "x"]
        return {rng.choice(keys): junk(rng, depth + 1) for _ in range(rng.randrange(4))}
    return [junk(rng, depth + 1) for _ in range(rng.randrange(4))]


def fuzzed_participant(rng: random.Random) -> dict:
    """The agent's participant (or one posing as it) with fields of any type."""
    call = {"id": "call-x", "state": rng.choice(WORDS + JUNK_VALUES), "muted": rng.choice(JUNK_VALUES),
            "held": rng.choice(JUNK_VALUES)}  # fmt: skip
    person = {"id": rng.choice([AGENT_PID, "someone", 7, None]), "purpose": "agent",
              "userId": rng.choice([AGENT, AGENT, "another-user", None, 42, {"id": AGENT}]),
              "calls": rng.choice([[call], [call, junk(rng)], call, "calls", [], None])}  # fmt: skip
    if rng.random() < 0.2:
        person = {**person, **call, "calls": junk(rng)}  # the flatter .calls topic shape, broken
    return person


def agent_notification(state: str, muted: bool, held: bool, metadata: "dict | None" = None) -> str:
    """A well-formed notification of the agent's leg on the call (topic, body, metadata)."""
    participant = {
        "id": AGENT_PID,
        "userId": AGENT,
        "calls": [{"state": state, "muted": muted, "held": held}],
    }
    body = {"id": CONVERSATION, "participants": [participant]}
    return json.dumps({"topicName": TOPIC, "eventBody": body, "metadata": metadata or {}})


def fuzzed_notification(rng: random.Random) -> str:
    """One text for the notification socket: not JSON, not an object, a foreign topic, or
    the agent's topic with a body that is wrong in some way; about one in forty is well formed."""
    body = {"id": rng.choice([CONVERSATION] * 4 + ["another-conversation", None, 5]),
            "participants": [fuzzed_participant(rng) for _ in range(rng.randrange(3))] if rng.random() < 0.8
            else junk(rng)}  # fmt: skip
    topic = rng.choice([TOPIC] * 6 + [TOPIC + ".calls", TOPIC + "x", "v2.users.another-user.conversations",
                                      "channel.metadata", "", None, 3, ["t"]])  # fmt: skip
    message = {"topicName": topic, "eventBody": body if rng.random() < 0.85 else junk(rng), "version": "2"}
    match rng.randrange(40):
        case 0:
            return json.dumps(message)[: rng.randrange(1, 80)]  # cut short
        case 1:
            return rng.choice(["", "null", "[]", "42", '"text"', "NaN", "{", "}", "\\ud800", '"\\ud800"'])
        case 2:
            return "[" * rng.choice([100, 10_000, 100_000])  # nested deeper than any parser goes
        case 3:
            return json.dumps({"topicName": TOPIC, "eventBody": {"id": CONVERSATION, "x": "y" * 200_000}})
        case 4:
            proto = {"__proto__": {"topicName": TOPIC}, "eventBody": {"__proto__": {"id": CONVERSATION}}}
            return json.dumps(proto)
        case 5:
            return agent_notification(rng.choice(["connected", "alerting"]), rng.random() < 0.5, False)
        case _:
            return json.dumps(message)


# (state, muted, held) the server pushes after each batch
CHECKPOINTS = [
    ("connected", False, False),
    ("connected", True, False),
    ("connected", False, True),
    ("alerting", False, False),
]


def test_fuzzed_notifications_never_break_the_widget(page, site, interp, api, watch):
    """Thousands of random and malformed notifications on the real socket; after every 100,
    the server's true state is pushed and the button must show exactly it."""
    seed = int(os.environ.get("FUZZ_SEED") or random.randrange(1, 2**31))
    print(f"fuzz seed {seed} on {interp} (FUZZ_SEED={seed} replays the run)")
    rng = random.Random(seed)
    # The page notes the last checkpoint its notification socket received; the widget's own
    # message handler runs right after, in the same dispatch.
    page.add_init_script(
        """const Socket = WebSocket;
           window.WebSocket = function (...args) {
             const socket = new Socket(...args);
             socket.addEventListener('message', (e) => {
               const mark = /"checkpoint-(\\d+)"/.exec(e.data);
               if (mark) window.lastCheckpoint = Number(mark[1]);
             });
             return socket;
           };"""
    )
    open_page(page, site, interp, api)
    wait_attr(page, "data-call", "connected")
    assert wait_until(page, lambda: sockets(api) == 1 and len(log(api)) >= len(START))
    # First, whatever the seed: nesting that overflowed Pyodide's stack (a fatal error).
    deep = ["[" * 100_000, '{"topicName": "x", "eventBody": ' * 50_000]
    assert api.control("notify", {"texts": deep}) == {"sockets": 1, "sent": 2}
    for batch in range(FUZZ_MESSAGES // 100):
        texts = [fuzzed_notification(rng) for _ in range(100)]
        state, muted, held = rng.choice(CHECKPOINTS)
        api.control("call", {"state": state, "muted": muted, "held": held})  # what a re-read finds
        texts.append(agent_notification(state, muted, held, {"CorrelationId": f"checkpoint-{batch}"}))
        assert api.control("notify", {"texts": texts}) == {"sockets": 1, "sent": 101}
        assert wait_until(page, lambda b=batch: page.evaluate("window.lastCheckpoint") == b, 20)
        shown = "held" if held else {"connected": "connected", "alerting": "ringing"}[state]
        a = attrs(page)
        context = f"batch {batch}, seed {seed}: {a}"
        assert a["data-call"] == shown and a["aria-pressed"] == str(muted).lower(), context
        assert (a["disabled"] is None) == (shown == "connected"), context
        assert a["aria-busy"] is None and a["data-status"] in ("ready", "unavailable"), context

    # The widget still works: a click mutes, confirmed by the server's notification.
    api.control("call", {"state": "connected", "muted": False, "held": False})
    wait_attr(page, "aria-pressed", "false")
    wait_attr(page, "data-status", "ready")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-confirmed"] == "true"
    assert [e for e in log(api) if e[0] == "PATCH"] == [("PATCH", PATCH_PATH, 202)]
    assert sockets(api) == 1, "the junk never made the widget drop its channel"
    print(f"fuzzed notifications on {interp}: {FUZZ_MESSAGES} messages, {FUZZ_MESSAGES // 100} checks")

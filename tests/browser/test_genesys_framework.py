"""GenesysFramework in a real Chromium, on Pyodide and MicroPython, beside a REAL
cross-origin iframe: the simulated Genesys softphone (demo/fakes/genesys-softphone.html)
served from a second loopback origin, running the shipped static/genesys/framework.js.

Tests act as the agent (clicks on the widget), as the softphone (its calls, through the
fake PureCloud inside the iframe) and as an attacker (messages from other frames and
origins); they read the button and what the softphone frame received.
"""

import json
import re
from urllib.parse import urlencode

import pytest

BUTTON = "#mount button"
HOST = "#host-button"
READY = "html[data-widget-ready]"


def attrs(page, selector=BUTTON) -> dict:
    return page.eval_on_selector(
        selector,
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'aria-busy', 'data-call', 'data-mic',
              'data-status', 'data-confirmed', 'data-error'].map(n => [n, b.getAttribute(n)]))""",
    )


def wait_attr(page, name, value, selector=BUTTON, timeout=5000):
    page.wait_for_selector(f'{selector}[{name}="{value}"]', state="attached", timeout=timeout)


def open_page(page, site, softphone, interp, **options):
    query = urlencode({"sdk": "framework", "softphone": softphone, "interp": interp, **options})
    page.goto(f"{site}/genesys.html?{query}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return softphone_frame(page)


def softphone_frame(page, selector="#softphone"):
    """The softphone iframe's Frame, once its framework.js has run initialSetup()."""
    frame = page.locator(selector).element_handle().content_frame()
    frame.wait_for_selector("html[data-softphone-ready]", state="attached", timeout=10_000)
    return frame


def requests_received(frame) -> list:
    """What the softphone frame received from its parent, as (origin, parsed JSON)."""
    return [
        (m["origin"], json.loads(m["data"]))
        for m in frame.evaluate("received")
        if m["fromParent"] and isinstance(m["data"], str) and m["data"].startswith("{")
    ]


def wait_requests(frame, count: int) -> None:
    """Until the softphone frame has received `count` requests: the button shows an
    assumed state once its postMessage is sent, and the message lands in the frame a task later."""
    frame.wait_for_function(
        """n => received.filter(m => m.fromParent && typeof m.data === 'string'
              && m.data.startsWith('{')).length >= n""",
        arg=count,
    )


def mute_request(interaction_id: str) -> dict:
    return {"type": "updateInteractionState", "data": {"action": "mute", "id": interaction_id}}


def settle(page, count: int) -> None:
    """Wait until the page has dispatched ``count`` messages; the widget's listener runs in that dispatch."""
    page.wait_for_function(f"window.seenMessages.length >= {count}", timeout=5000)


def test_follows_the_connected_call_assumed_then_confirmed_and_destroy(page, site, softphone_site, interp):
    phone = open_page(page, site, softphone_site, interp, target=HOST, delay="250", timeout="0.6")
    a = attrs(page, HOST)
    assert a["disabled"] == "" and a["data-call"] == "none" and a["data-status"] == "unavailable"

    first = phone.evaluate("softphone.ring()")
    wait_attr(page, "data-call", "ringing", HOST)
    page.click(HOST, force=True)  # disabled while ringing: nothing is sent
    assert attrs(page, HOST)["disabled"] == ""

    phone.evaluate("id => softphone.answer(id)", first)
    wait_attr(page, "data-call", "connected", HOST)
    a = attrs(page, HOST)
    # No mute state in the framework's payloads: the button assumes unmuted, and says so.
    assert a["disabled"] is None and a["aria-pressed"] == "false"
    assert a["data-mic"] == "unmuted" and a["data-confirmed"] == "false"

    page.click(HOST)
    wait_attr(page, "aria-pressed", "true", HOST)
    a = attrs(page, HOST)
    assert a["data-mic"] == "muted" and a["data-confirmed"] == "false" and a["data-status"] == "ready"
    wait_requests(phone, 1)
    assert requests_received(phone) == [(site, mute_request(first))]
    assert phone.evaluate("softphone.updates") == [{"action": "mute", "id": first}]
    phone.wait_for_function("id => softphone.muted.get(id) === true", arg=first)  # the softphone did mute
    assert page.evaluate("widgetEvents") == [
        {"type": "mute:change", "muted": False, "confirmed": False},
        {"type": "mute:change", "muted": True, "confirmed": False},
    ]

    # Another call rings: the button stays on the connected one.
    second = phone.evaluate("softphone.ring()")
    settle(page, 4)
    a = attrs(page, HOST)
    assert a["data-call"] == "connected" and a["aria-pressed"] == "true"

    # The second call connects: the button follows it, assumed unmuted afresh.
    phone.evaluate("id => softphone.answer(id)", second)
    wait_attr(page, "aria-pressed", "false", HOST)
    assert attrs(page, HOST)["data-call"] == "connected" and attrs(page, HOST)["data-confirmed"] == "false"
    page.click(HOST)
    wait_attr(page, "aria-pressed", "true", HOST)
    page.click(HOST)
    wait_attr(page, "aria-pressed", "false", HOST)
    wait_requests(phone, 3)
    sent = [request for _, request in requests_received(phone)]
    assert sent == [mute_request(first), mute_request(second), mute_request(second)]

    # It ends: the button goes back to the first call and what was assumed for it.
    phone.evaluate("id => softphone.hangUp(id)", second)
    wait_attr(page, "aria-pressed", "true", HOST)
    assert attrs(page, HOST)["data-call"] == "connected"
    phone.evaluate("id => softphone.hangUp(id)", first)
    wait_attr(page, "data-call", "ended", HOST)
    assert attrs(page, HOST)["disabled"] == ""

    # A softphone whose interactions carry isMuted: the button shows it, confirmed.
    phone.evaluate("() => { softphone.withIsMuted = true; }")
    third = phone.evaluate("() => { const id = softphone.ring(); softphone.answer(id); return id; }")
    wait_attr(page, "data-call", "connected", HOST)
    wait_attr(page, "data-confirmed", "true", HOST)
    assert attrs(page, HOST)["aria-pressed"] == "false"
    # Every state the button passes through, so the wait is seen however busy the machine is.
    page.evaluate(
        """sel => { const b = document.querySelector(sel); window.trail = [];
        new MutationObserver(() => trail.push([b.dataset.status, b.getAttribute('aria-busy'),
          b.getAttribute('aria-pressed'), b.disabled])).observe(b, {attributes: true}); }""",
        HOST,
    )
    page.click(HOST)  # a click asks, and the button waits for the softphone's isMuted
    wait_attr(page, "aria-pressed", "true", HOST)
    assert ["pending", "true", "false", True] in page.evaluate("trail")
    a = attrs(page, HOST)
    assert a["data-confirmed"] == "true" and a["aria-busy"] is None and a["data-status"] == "ready"
    assert requests_received(phone)[-1] == (site, mute_request(third))

    phone.evaluate("() => softphone.toggleOwnMute()")  # a mute made in the softphone's own UI
    wait_attr(page, "aria-pressed", "false", HOST)

    phone.evaluate("() => { softphone.nextMute = 'ignore'; }")  # no confirmation in time
    page.click(HOST)
    wait_attr(page, "data-error", "timeout", HOST)
    a = attrs(page, HOST)
    assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None
    phone.evaluate("() => softphone.toggleOwnMute()")  # the truth arrives late: adopted
    wait_attr(page, "aria-pressed", "true", HOST)
    assert attrs(page, HOST)["data-error"] is None

    # destroy(): the softphone's later events change nothing, a click sends nothing.
    page.evaluate("destroyWidget()")
    after = attrs(page, HOST)
    count = page.evaluate("seenMessages.length")
    sent = len(requests_received(phone))
    phone.evaluate(
        "id => { softphone.toggleOwnMute(id); softphone.hangUp(id); softphone.wrapUp(id); }", third
    )
    settle(page, count + 1 + 2 + 3)
    assert attrs(page, HOST) == after
    page.click(HOST, force=True)
    # A probe posted after the click lands after anything the click could have sent.
    page.evaluate("() => document.getElementById('softphone').contentWindow.postMessage('probe', '*')")
    phone.wait_for_function("() => received.some(m => m.data === 'probe')")
    assert len(requests_received(phone)) == sent


def test_foreign_messages_change_nothing_requests_go_to_the_pinned_origin_only(
    page, site, softphone_site, interp, watch
):
    phone = open_page(page, site, softphone_site, interp)
    before = attrs(page)
    connect = json.dumps(
        {
            "type": "interactionSubscription",
            "data": {"category": "connect", "interaction": {"id": "forged", "state": "CONNECTED"}},
        }
    )
    # 1. The host page itself (another origin) posts a well-formed event.
    page.evaluate("text => window.postMessage(text, '*')", connect)
    # 2. A script dispatches a message that claims the softphone's origin and window.
    page.evaluate(
        """([text, origin]) => window.dispatchEvent(new MessageEvent('message',
             {data: text, origin, source: document.getElementById('softphone').contentWindow}))""",
        [connect, softphone_site],
    )
    # 3. Another frame on the softphone's very origin sends real interaction events.
    page.evaluate(
        """src => { const f = document.createElement('iframe'); f.id = 'impostor'; f.src = src;
                    document.getElementById('phones').append(f); }""",
        f"{softphone_site}/demo/fakes/genesys-softphone.html?parent={site}",
    )
    impostor = softphone_frame(page, "#impostor")
    impostor.evaluate("() => softphone.answer(softphone.ring())")
    # 4. The softphone frame itself sends junk: not JSON, not a string, another type.
    phone.evaluate(
        """() => { parent.postMessage('{not json', '*');
                   parent.postMessage({type: 'interactionSubscription'}, '*');
                   parent.postMessage(JSON.stringify({type: 'userActionSubscription', data: {}}), '*');
                   parent.postMessage(JSON.stringify({type: 'interactionSubscription', data: {}}), '*'); }"""
    )
    settle(page, 2 + 3 + 4)
    assert attrs(page) == before and before["disabled"] == ""
    assert sum("ignored a softphone message" in w for w in watch.warnings) == 2  # the two malformed ones

    # The real softphone is still heard.
    phone.evaluate("() => softphone.answer(softphone.ring())")
    wait_attr(page, "data-call", "connected")

    # The softphone frame navigates to another origin (here: the host page's): a request
    # is posted to the pinned origin only, so that document never receives it.
    page.evaluate(
        "src => { document.getElementById('softphone').src = src; }",
        f"{site}/demo/fakes/genesys-softphone.html?parent={site}",
    )
    moved = softphone_frame(page)
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")  # sent, hence assumed, flagged unconfirmed
    assert attrs(page)["data-confirmed"] == "false"
    page.evaluate("() => document.getElementById('softphone').contentWindow.postMessage('probe', '*')")
    # It does record what arrives (polled with evaluate: its CSP refuses wait_for_function's eval).
    for _ in range(100):
        if moved.evaluate("received.some(m => m.data === 'probe')"):
            break
        page.wait_for_timeout(50)
    assert [m["data"] for m in moved.evaluate("received")] == ["probe"]
    assert moved.evaluate("softphone.updates") == []

    # The softphone frame is gone: the request is refused, and the reason says why.
    page.evaluate("() => document.getElementById('softphone').remove()")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    reason = page.eval_on_selector(
        BUTTON, "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )
    assert "frame is not in the page" in reason
    assert attrs(page)["aria-pressed"] == "true" and attrs(page)["disabled"] is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"origin": "*"}, "ValueError: GenesysFramework: origin must be exactly scheme://host[:port]"),
        ({"frame": "#nowhere"}, "ValueError: GenesysFramework: no element matches '#nowhere'"),
        ({"frame": "#phones"}, "TypeError: GenesysFramework: '#phones' is not an <iframe> element"),
    ],
)
def test_bad_input_is_a_clear_error(page, site, softphone_site, options, message):
    # The same Python runs on both interpreters; MicroPython loads in half a second.
    query = urlencode({"sdk": "framework", "softphone": softphone_site, "interp": "mpy", **options})
    page.goto(f"{site}/genesys.html?{query}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    assert re.match(re.escape(message), page.evaluate("document.documentElement.dataset.mountError"))
    for button in page.locator("button.mute-button").all():  # a safe button: never pressed, never enabled
        assert button.get_attribute("aria-pressed") != "true"
        assert button.is_disabled()

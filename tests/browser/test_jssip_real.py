"""The JsSIP adapter on the real JsSIP (npm ``jssip``, bundled into demo/vendor/jssip.js)
and a real SIP server (Debian's Kamailio, tests/servers/kamailio.cfg), in a real Chromium
on Pyodide and MicroPython. The page registers two real UAs (demo/jssip-phones.js): the
agent, whose UA the widget follows, and a simulated customer; their calls carry
Chromium's fake microphone over real WebRTC.

What stays on the simulator (tests/browser/test_jssip.py, demo/fakes/jssip.js) is what
cannot be provoked for real here: a mute() that throws (no peer connection yet), a
session unmuted behind JsSIP's back (mute() then emits nothing), a malformed ``muted``
payload, and a re-read at any chosen moment of a re-INVITE's WAITING_FOR_ACK window
(here it is read in JsSIP's own callback of that window)."""

import re

import pytest
from sdk_helpers import BUTTON, attrs, wait_attr
from servers.kamailio import binary

pytestmark = pytest.mark.skipif(binary() is None, reason="kamailio is not installed (scripts/setup.sh test)")


def open_real(page, site, interp, kamailio):
    page.goto(f"{site}/vendor-sdk.html?interp={interp}&sdk=jssip-real&ws={kamailio.url}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    assert attrs(page)["data-call"] == "none"
    return page


def media_states(page) -> list:
    return page.evaluate("widgetEvents.filter(e => e.type === 'mute:media').map(e => e.state)")


def reoffer(page, session: str, method: str) -> None:
    """``session.hold()`` / ``unhold()`` once JsSIP can send that re-INVITE: while an earlier
    INVITE transaction of the dialog is still open (the other side's 200 OK or ACK not yet
    through), JsSIP refuses it by returning false and sends nothing."""
    page.wait_for_function(f"{session}.isReadyToReOffer()")
    assert page.evaluate(f"{session}.{method}()") is True, f"{session}.{method}() was refused"


def mute_and_verify(page) -> None:
    """A click mutes the followed session, and the real peer connection sends silence."""
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    page.wait_for_function("widgetEvents.filter(e => e.type === 'mute:media').at(-1)?.state === 'silent'")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")


def test_incoming_calls_hold_mute_reinvite_and_a_consult_call(page, site, interp, kamailio):
    page = open_real(page, site, interp, kamailio)

    # The customer calls: INVITE through Kamailio, 180: ringing; the agent answers.
    page.evaluate("phones.callAgent()")
    wait_attr(page, "data-call", "ringing")
    page.evaluate("window.a = phones.live('agent'); phones.answer(a)")
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["aria-pressed"] == "false"

    # Mute, checked on the session's real RTCPeerConnection (the adapter's media_source).
    mute_and_verify(page)
    assert media_states(page)[-2:] == ["silent", "off"]

    # A mute from elsewhere (the page calls session.mute()) is followed, and so is its undo.
    page.evaluate("a.mute({audio: true})")
    wait_attr(page, "aria-pressed", "true")
    page.evaluate("a.unmute({audio: true})")
    wait_attr(page, "aria-pressed", "false")

    # Hold from the agent's side, then from the customer's (a re-INVITE, sendonly).
    reoffer(page, "a", "hold")
    wait_attr(page, "data-call", "held")
    assert attrs(page)["disabled"] == ""
    reoffer(page, "a", "unhold")
    wait_attr(page, "data-call", "connected")
    reoffer(page, "phones.live('customer')", "hold")
    wait_attr(page, "data-call", "held")
    page.wait_for_function("a.isOnHold().remote === true")
    reoffer(page, "phones.live('customer')", "unhold")
    wait_attr(page, "data-call", "connected")

    # A re-INVITE from the far end: re-read in the window JsSIP spends in WAITING_FOR_ACK
    # (its callback after our 200 OK), as a tab shown again would.
    page.wait_for_function("phones.live('customer').isReadyToReOffer()")
    sent = page.evaluate(
        """() => { window.duringReinvite = null;
        a.once('reinvite', (data) => { data.callback = () => {
          document.dispatchEvent(new Event('visibilitychange'));
          duringReinvite = [a.status, document.querySelector('#mount button').dataset.call];
        }; });
        return phones.live('customer').renegotiate(); }"""
    )
    assert sent is True
    page.wait_for_function("duringReinvite !== null")
    assert page.evaluate("[duringReinvite, a.C.STATUS_WAITING_FOR_ACK]") == [[6, "connected"], 6]
    page.wait_for_function("a.status === a.C.STATUS_CONFIRMED")
    assert attrs(page)["data-call"] == "connected"

    # A consult call: A on hold, B rings and is answered, muted, and ends; A is followed
    # again (held), resumed, and muted.
    reoffer(page, "a", "hold")
    wait_attr(page, "data-call", "held")
    page.evaluate("window.c2 = phones.callAgent()")
    page.wait_for_function("phones.agentSessions.length === 2")
    assert attrs(page)["data-call"] == "held"  # the agent is on A: B waits
    page.evaluate("window.b = phones.live('agent'); phones.answer(b)")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    page.evaluate("c2.terminate()")  # the second customer hangs up: a BYE
    wait_attr(page, "data-call", "held")
    assert attrs(page)["aria-pressed"] == "false"  # A's own microphone
    reoffer(page, "a", "unhold")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[a.isMuted().audio, b.isEnded()]") == [True, True]

    page.evaluate("a.terminate()")
    wait_attr(page, "data-call", "ended")


def test_outgoing_call_and_the_sip_server_stopping_mid_call(page, site, interp, kamailio, watch):
    # JsSIP retries its WebSocket while the server is down; Chromium logs each failure.
    watch.allowed_errors.append(re.compile(r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/?' failed"))
    page = open_real(page, site, interp, kamailio)

    # The agent calls the customer: ringing (180 from the customer), then answered.
    page.evaluate("window.a = phones.callCustomer()")
    wait_attr(page, "data-call", "ringing")
    page.wait_for_function("phones.live('customer') !== null")
    page.evaluate("phones.answer(phones.live('customer'))")
    wait_attr(page, "data-call", "connected")

    # The SIP server stops mid-call: the UA is disconnected, the session and its media go
    # on (they run peer to peer), so the button stays on the call and still mutes it.
    kamailio.stop()
    page.wait_for_function("!phones.agent.isConnected()")
    assert attrs(page)["data-call"] == "connected"
    mute_and_verify(page)
    # Hanging up without the server: JsSIP ends the session locally.
    page.evaluate("a.terminate(); phones.live('customer').terminate()")
    wait_attr(page, "data-call", "ended")

    # The server is back: JsSIP reconnects and registers again; the next call works.
    kamailio.start()
    page.wait_for_function("phones.agent.isRegistered() && phones.customer.isRegistered()", timeout=15_000)
    page.evaluate("phones.callAgent()")
    wait_attr(page, "data-call", "ringing")
    page.evaluate("phones.answer(phones.live('agent'))")
    wait_attr(page, "data-call", "connected")
    mute_and_verify(page)
    page.evaluate("phones.live('agent').terminate()")
    wait_attr(page, "data-call", "ended")

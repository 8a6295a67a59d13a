"""The Twilio adapters on the real Twilio Voice SDK (npm ``@twilio/voice-sdk`` 2.18.5, bundled
into demo/vendor/twilio-voice.js), in a real Chromium on Pyodide and MicroPython.

The page (tests/pages/twilio-gateway.js) builds the real ``Device`` with the options that keep
it off Twilio's servers: ``PStream`` is GatewayStream, a double of pstream.js that plays
Twilio's gateway in the page (it registers the device, delivers invites and takes the SDK's
answer SDP), the Insights publisher is off and the sounds are a local silent WAV. Each
call is a real ``Call`` with its real peer connection, which carries Chromium's fake
microphone to a second RTCPeerConnection in the page, the customer.

What the simulator (tests/browser/test_twilio.py) still covers alone: a malformed ``mute``
event, an invite without a reconnect token, and ``TwilioCall`` mounted on one call."""

import re

from sdk_helpers import BUTTON, attrs, wait_attr

#: call.js `_onTransportClose` logs this at error level (the SDK's default log level).
TRANSPORT_CLOSE_LOG = re.compile(r"\[TwilioVoice\]\[Call\] Received transportClose from pstream")


def open_real(page, site, interp):
    page.goto(f"{site}/vendor-sdk.html?interp={interp}&sdk=twilio-real")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    assert page.evaluate("twilioDevice.state") == "registered"
    assert attrs(page)["data-call"] == "none"
    return page


def ring(page, name: str) -> str:
    """The customer calls; the device announces the real Call as window[name]."""
    count = page.evaluate("gateway.calls.length")
    callsid = page.evaluate("gateway.stream.ring()")
    page.wait_for_function(f"gateway.calls.length === {count + 1}")
    page.evaluate(f"window.{name} = gateway.calls.at(-1)")
    assert page.evaluate(f"{name}.parameters.CallSid") == callsid
    return callsid


def media_states(page) -> list:
    return page.evaluate("widgetEvents.filter(e => e.type === 'mute:media').map(e => e.state)")


def test_an_incoming_call_on_the_real_device_and_call(page, site, interp, watch):
    watch.allowed_errors.append(TRANSPORT_CLOSE_LOG)
    page = open_real(page, site, interp)

    # The customer calls: the real Call is pending; the button rings, disabled.
    callsid = ring(page, "c1")
    wait_attr(page, "data-call", "ringing")
    assert page.evaluate("c1.status()") == "pending"
    a = attrs(page)
    assert a["disabled"] == "" and a["aria-pressed"] == "false"
    page.click(BUTTON, force=True)
    assert page.evaluate("c1.isMuted()") is False

    # The agent accepts: getUserMedia, the answer SDP to the gateway, the call opens.
    page.evaluate("c1.accept()")
    wait_attr(page, "data-call", "connected")
    assert page.evaluate("c1.status()") == "open"
    assert "answer" in page.evaluate(f"gateway.stream.sentFor({callsid!r})")
    a = attrs(page)
    assert a["disabled"] is None and a["data-mic"] == "unmuted" and a["data-confirmed"] == "true"
    # Real media: the customer's peer connection receives the agent's RTP.
    page.wait_for_function(
        f"gateway.stream.farEnds.get({callsid!r}).received().then(r => r.packets > 0)", polling=200
    )

    # A click: the real call.mute(true); its real `mute` event confirms.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[c1.isMuted(), c1.getLocalStream().getAudioTracks()[0].enabled]") == [True, False]
    # The media check reads the call's own local stream (the adapter's media_source).
    page.wait_for_function("widgetEvents.filter(e => e.type === 'mute:media').at(-1)?.state === 'silent'")

    # A mute from elsewhere: the page unmutes the call; followed.
    page.evaluate("c1.mute(false)")
    wait_attr(page, "aria-pressed", "false")
    assert page.evaluate("c1.getLocalStream().getAudioTracks()[0].enabled") is True
    assert media_states(page)[-2:] == ["silent", "off"]
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")

    # The signalling transport drops: call.js `_onTransportClose` moves the call (it has the
    # invite's reconnect token) to `reconnecting`; the media and its mute go on.
    page.evaluate("gateway.stream.transportClose()")
    assert page.evaluate("c1.status()") == "reconnecting"
    page.wait_for_function("twilioDevice.state === 'unregistered'")
    a = attrs(page)
    assert a["data-call"] == "connected" and a["aria-pressed"] == "true", a
    # It comes back: the call reconnects (`reconnect` invite, the gateway's answer), the
    # device registers again.
    page.evaluate("gateway.stream.restore()")
    page.wait_for_function("c1.status() === 'open' && twilioDevice.state === 'registered'")
    a = attrs(page)
    assert a["data-call"] == "connected" and a["aria-pressed"] == "true", a
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")

    # The agent hangs up: a `hangup` to the gateway; the closed call's media is unmuted
    # with no `mute` event, and the button shows it.
    page.evaluate("c1.disconnect()")
    wait_attr(page, "data-call", "ended")
    assert page.evaluate("c1.status()") == "closed"
    assert page.evaluate(f"gateway.stream.sentFor({callsid!r})").count("hangup") == 1
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] == "unmuted" and a["disabled"] == ""

    # The next call rings; destroy() leaves on the Device and the Call only the SDK's own
    # listeners (and the page's), as they were when the call was announced.
    ring(page, "c2")
    wait_attr(page, "data-call", "ringing")
    before = page.evaluate("[gateway.listeners(twilioDevice), gateway.listeners(c2), c2.sdkListeners]")
    device, call, sdk_own = before
    assert device["incoming"] == 2 and call != sdk_own  # the page's and the widget's
    page.evaluate("destroyWidget()")
    page.wait_for_timeout(0)
    after = page.evaluate("[gateway.listeners(twilioDevice), gateway.listeners(c2)]")
    assert after[0]["incoming"] == 1 and after[1] == sdk_own, after
    # The first call keeps only SDK listeners (those of device.js `_makeCall` that never fired).
    left, sdk_c1 = page.evaluate("[gateway.listeners(c1), c1.sdkListeners]")
    assert all(count <= sdk_c1.get(name, 0) for name, count in left.items()), (left, sdk_c1)
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_calls_while_busy_a_remote_hang_up_and_a_ringing_call_dropped(page, site, interp, watch):
    watch.allowed_errors.append(TRANSPORT_CLOSE_LOG)
    page = open_real(page, site, interp)
    ring(page, "a")
    page.evaluate("a.accept()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")

    # A second customer calls while the agent talks (allowIncomingWhileBusy): it waits; the
    # button stays on the call in progress. That customer gives up: nothing changes here.
    b = ring(page, "b")
    assert page.evaluate("b.status()") == "pending"
    a_ = attrs(page)
    assert a_["data-call"] == "connected" and a_["aria-pressed"] == "true"
    page.evaluate(f"gateway.stream.cancel({b!r})")
    assert page.evaluate("b.status()") == "closed"
    assert attrs(page)["data-call"] == "connected"

    # A third calls and the agent accepts it: the Device hangs up the call in progress
    # (device.js `_makeCall`, beforeAccept), and the button moves to the new call, read from
    # its own status(): connecting (ringing), then open, with its own unmuted microphone.
    ring(page, "c")
    assert page.evaluate("c.accept(), [a.status(), c.status()]") == ["closed", "connecting"]
    wait_attr(page, "data-call", "connected")
    a_ = attrs(page)
    assert a_["aria-pressed"] == "false" and a_["data-mic"] == "unmuted"
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[a.isMuted(), c.isMuted()]") == [False, True]

    # The customer hangs up (the gateway's `hangup`: call.js `_onHangup`).
    page.evaluate("gateway.stream.hangUp(c.parameters.CallSid)")
    wait_attr(page, "data-call", "ended")
    assert attrs(page)["aria-pressed"] == "false"

    # A call rings when the transport drops: the Device drops it (it is still pending) and
    # accept() does nothing any more: ended, and nothing to mute.
    ring(page, "d")
    wait_attr(page, "data-call", "ringing")
    page.evaluate("gateway.stream.transportClose()")
    wait_attr(page, "data-call", "ended")
    assert page.evaluate("[d.status(), twilioDevice.calls.includes(d)]") == ["reconnecting", False]
    page.evaluate("d.accept()")
    page.click(BUTTON, force=True)
    assert page.evaluate("[d.status(), d.isMuted()]") == ["reconnecting", False]
    assert attrs(page)["data-call"] == "ended"
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_an_outgoing_call_handed_over_with_follow(page, site, interp, watch):
    page = open_real(page, site, interp)
    page.evaluate(
        "twilioDevice.connect({params: {To: 'customer'}}).then(c => { window.out = c; followCall(c); })"
    )
    wait_attr(page, "data-call", "ringing")
    # The gateway got the SDK's offer and rings the customer (call.js `_onRinging`).
    page.wait_for_function("out.status() === 'ringing'")
    assert attrs(page)["data-call"] == "ringing" and attrs(page)["disabled"] == ""
    callsid = page.evaluate("gateway.stream.answerOutgoing()")
    wait_attr(page, "data-call", "connected")
    assert page.evaluate("[out.status(), out.parameters.CallSid]") == ["open", callsid]
    page.wait_for_function(
        f"gateway.stream.farEnds.get({callsid!r}).received().then(r => r.packets > 0)", polling=200
    )
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("out.isMuted()") is True
    page.evaluate(f"gateway.stream.hangUp({callsid!r})")
    wait_attr(page, "data-call", "ended")
    assert attrs(page)["aria-pressed"] == "false"
    page.evaluate("destroyWidget()")
    page.wait_for_timeout(0)
    assert page.evaluate("twilioDevice.listenerCount('incoming')") == 1  # the page's own
    # Of the call's listeners only the SDK's are left (none of it on these events).
    events = ["mute", "accept", "ringing", "reconnecting", "reconnected"]
    assert page.evaluate(f"{events!r}.map(n => out.listenerCount(n))") == [0] * len(events)
    assert not [w for w in watch.warnings if "mute-button" in w]

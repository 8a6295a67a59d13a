"""The Twilio adapters on the Voice SDK fake (demo/fakes/twilio.js), in a real Chromium on
Pyodide and MicroPython: the contract, and the traps of Twilio Voice — call.mute() is
synchronous and confirmed by the `mute` event only on a change, a closed call's media is
unmuted with no `mute` event, and the device hands out a new Call object for every call."""

from sdk_helpers import BUTTON, attrs, mute_calls, open_sdk, sim, wait_attr


def test_device_follows_each_call(page, site, interp, watch):
    page = open_sdk(page, site, interp, "twilio", timeout="0.5")
    a = attrs(page)
    assert a["data-call"] == "none" and a["disabled"] == ""

    # An incoming call rings: pending, disabled; a click sends nothing.
    sim(page, "window.call1 = sim.incoming()")
    wait_attr(page, "data-call", "ringing")
    page.click(BUTTON, force=True)
    assert mute_calls(page) == []
    sim(page, "call1.accept()")
    wait_attr(page, "data-call", "connected")
    a = attrs(page)
    assert a["disabled"] is None and a["data-mic"] == "unmuted" and a["data-confirmed"] == "true"

    # mute(true) is synchronous; its `mute` event is the confirmation.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert mute_calls(page) == [["mute", True]]
    assert page.evaluate("call1.isMuted()") is True
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")

    # The app's own UI (or a headset) unmutes: followed.
    sim(page, "call1.mute(false)")
    wait_attr(page, "aria-pressed", "false")

    # The media drops and comes back: the call goes on, and so does its mute.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.dropMedia(call1)")
    assert attrs(page)["data-call"] == "connected"
    sim(page, "sim.restoreMedia(call1)")

    # The caller hangs up: the SDK unmutes the closed media with no `mute` event.
    sim(page, "sim.remoteHangUp(call1)")
    wait_attr(page, "data-call", "ended")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] == "unmuted" and a["disabled"] == ""

    # The next call is a new Call object: followed from its first ring.
    sim(page, "window.call2 = sim.incoming()")
    wait_attr(page, "data-call", "ringing")
    sim(page, "call2.accept()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[call1.isMuted(), call2.isMuted()]") == [False, True]

    # A call that rings while the agent talks waits: the button stays on the call in
    # progress, and moves to the waiting one when the agent accepts it.
    sim(page, "window.call3 = sim.incoming()")
    assert attrs(page)["data-call"] == "connected"
    sim(page, "call3.accept()")
    wait_attr(page, "aria-pressed", "false")  # call3's own, unmuted microphone
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[call2.isMuted(), call3.isMuted()]") == [True, True]
    sim(page, "sim.remoteHangUp(call2)")  # the call left behind ends: nothing changes here
    assert attrs(page)["aria-pressed"] == "true"

    # An outgoing call is handed over with follow(call).
    sim(page, "call3.disconnect()")
    wait_attr(page, "data-call", "ended")
    page.evaluate("sim.device.connect().then(call => { window.call4 = call; followCall(call); })")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.remoteAnswer(call4)")
    wait_attr(page, "data-call", "connected")

    # Old calls' listeners came off; destroy takes off the rest.
    page.wait_for_function("sim.listenerCount() === 11")  # incoming + 10 on call4
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_one_call_handed_over_at_mount(page, site, interp, watch):
    # TwilioCall on an outgoing call made before the mount.
    page = open_sdk(page, site, interp, "twilio", adapter="call")
    assert attrs(page)["data-call"] == "ringing"  # status() 'connecting'
    sim(page, "sim.ringOut(twilioCall)")
    sim(page, "sim.remoteAnswer(twilioCall)")
    wait_attr(page, "data-call", "connected")
    sim(page, "twilioCall.emit('mute', 'yes', twilioCall)")  # malformed: ignored
    assert attrs(page)["data-mic"] == "unmuted"
    assert any("mute event whose first argument is not a boolean" in w for w in watch.warnings)
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "twilioCall.disconnect()")
    wait_attr(page, "data-call", "ended")
    assert attrs(page)["aria-pressed"] == "false"
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0


def test_signalling_drops_while_a_call_rings(page, site, interp, watch):
    # The signalling WebSocket closes: a ringing call moves to `reconnecting` (it has the
    # invite's reconnect token) and can no longer be answered; it is not a connected call.
    page = open_sdk(page, site, interp, "twilio", timeout="0.5")
    sim(page, "window.call1 = sim.incoming()")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.dropSignalling()")
    assert page.evaluate("call1.status()") == "reconnecting"
    wait_attr(page, "data-call", "ended")
    a = attrs(page)
    assert a["disabled"] == "" and a["aria-pressed"] == "false"
    sim(page, "call1.accept(); sim.restoreSignalling()")
    page.click(BUTTON, force=True)
    assert mute_calls(page) == [] and attrs(page)["data-call"] == "ended"

    # An invite without a reconnect token: the call closes with no event at all.
    sim(page, "window.call2 = sim.incoming({reconnect: null})")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.dropSignalling()")
    assert page.evaluate("call2.status()") == "closed"
    wait_attr(page, "data-call", "ended")

    # An answered call keeps its mute through a signalling reconnection.
    sim(page, "window.call3 = sim.incoming(); call3.accept()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.dropSignalling()")
    assert page.evaluate("call3.status()") == "reconnecting"
    sim(page, "sim.restoreSignalling()")
    assert page.evaluate("call3.status()") == "open"
    a = attrs(page)
    assert a["data-call"] == "connected" and a["aria-pressed"] == "true"

    # An outgoing call answered without a reconnect token closes silently, even when open.
    sim(page, "call3.disconnect()")
    wait_attr(page, "data-call", "ended")
    page.evaluate("sim.device.connect().then(call => { window.call4 = call; followCall(call); })")
    wait_attr(page, "data-call", "ringing")
    sim(page, "call4._open()")  # answered before any reconnect token came
    wait_attr(page, "data-call", "connected")
    sim(page, "sim.dropSignalling()")
    wait_attr(page, "data-call", "ended")
    assert attrs(page)["aria-pressed"] == "false"
    assert not [w for w in watch.warnings if "mute-button" in w]

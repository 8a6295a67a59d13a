"""The JsSIP adapters on the JsSIP fake (demo/fakes/jssip.js), in a real Chromium on
Pyodide and MicroPython: the contract, and the traps of JsSIP — mute() takes an options
object that must be a real JS object from Python, the `muted`/`unmuted` payload names the
tracks that changed (not the state), hold comes from either side, and a session ends with
`ended` once established or `failed` before."""

from sdk_helpers import BUTTON, attrs, mute_calls, open_sdk, sim, wait_attr


def test_ua_follows_sessions(page, site, interp, watch):
    page = open_sdk(page, site, interp, "jssip", timeout="0.5")
    assert attrs(page)["data-call"] == "none"

    # An INVITE: newRTCSession, progress (180): ringing; a click sends nothing.
    sim(page, "window.s1 = sim.incoming()")
    wait_attr(page, "data-call", "ringing")
    page.click(BUTTON, force=True)
    assert mute_calls(page) == []
    # Answered: established (accepted; the ACK then confirms it): connected.
    sim(page, "s1.answer()")
    wait_attr(page, "data-call", "connected")
    assert attrs(page)["data-mic"] == "unmuted"

    # mute({audio: true}) arrives as a real object; `muted` {audio: true} confirms.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    assert mute_calls(page) == [["mute", {"audio": True}], ["unmute", {"audio": True}]]

    # A video-only change is not the microphone; a mute from elsewhere is followed.
    sim(page, "s1.mute({audio: false, video: true})")
    assert attrs(page)["aria-pressed"] == "false"
    sim(page, "s1.mute({audio: true})")
    wait_attr(page, "aria-pressed", "true")

    # A throw (no peer connection) is a refusal.
    sim(page, "sim.nextMute = 'throw'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    assert "getSenders" in page.text_content("[role=alert]")

    # The session was unmuted behind JsSIP's back, so unmute() changes nothing and emits
    # nothing: timeout, then isMuted() is read again and its truth adopted.
    sim(page, "s1._audioMuted = false")
    page.click(BUTTON)
    assert attrs(page)["data-status"] == "pending"
    wait_attr(page, "aria-pressed", "false")
    assert page.evaluate("widgetEvents.filter(e => e.type === 'mute:error').map(e => e.code)") == [
        "rejected",
        "timeout",
    ]

    # Hold from either side: held until neither side holds.
    sim(page, "s1.hold()")
    wait_attr(page, "data-call", "held")
    sim(page, "sim.remoteHold(s1)")
    sim(page, "s1.unhold()")
    assert attrs(page)["data-call"] == "held"
    sim(page, "sim.remoteHold(s1, false)")
    wait_attr(page, "data-call", "connected")

    # A second INVITE while talking waits; the BYE ends the first; the waiting one is next.
    sim(page, "window.s2 = sim.incoming()")
    assert attrs(page)["data-call"] == "connected"
    sim(page, "sim.bye(s1)")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.fail(s2, 'Canceled')")  # the caller gives up: failed
    wait_attr(page, "data-call", "ended")

    # An outgoing session from ua.call() is announced too.
    sim(page, "window.s3 = jssipUA.call('sip:bob@example.invalid')")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.ringOut(s3); sim.remoteAnswer(s3)")
    wait_attr(page, "data-call", "connected")
    sim(page, "s3.terminate()")
    wait_attr(page, "data-call", "ended")

    page.wait_for_function("sim.listenerCount() === 10")  # newRTCSession + 9 on s3
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_one_session_handed_over_at_mount(page, site, interp, watch):
    page = open_sdk(page, site, interp, "jssip", adapter="session")
    assert attrs(page)["data-call"] == "ringing"  # INVITE sent
    sim(page, "sim.remoteAnswer(jssipSession)")
    wait_attr(page, "data-call", "connected")
    sim(page, "jssipSession.emit('muted', 'yes')")  # malformed: ignored
    assert attrs(page)["data-mic"] == "unmuted"
    assert any("muted event without {audio, video}" in w for w in watch.warnings)
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.bye(jssipSession)")
    wait_attr(page, "data-call", "ended")
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0


def test_call_resumed_after_a_consult_call(page, site, interp, watch):
    # Call A held, call B answered then ended, call A resumed: the button is back on A
    # (held, then connected) and mutes A. Every session is kept until it is over.
    page = open_sdk(page, site, interp, "jssip")
    sim(page, "window.a = sim.incoming(); a.answer()")
    wait_attr(page, "data-call", "connected")
    sim(page, "a.hold()")
    wait_attr(page, "data-call", "held")
    sim(page, "window.b = sim.incoming()")  # the agent is on A: B waits
    assert attrs(page)["data-call"] == "held"
    sim(page, "b.answer()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.bye(b)")
    wait_attr(page, "data-call", "held")  # back on A, not "ended"
    assert attrs(page)["aria-pressed"] == "false"  # A's own microphone
    sim(page, "a.unhold()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert page.evaluate("[a.isMuted().audio, b.isMuted().audio]") == [True, True]

    # The followed call put on hold while another is connected: the button moves to it.
    sim(page, "window.c = sim.incoming()")
    sim(page, "c.answer()")
    wait_attr(page, "aria-pressed", "false")  # C's microphone
    sim(page, "c.hold()")
    wait_attr(page, "aria-pressed", "true")  # A, connected and muted
    assert attrs(page)["data-call"] == "connected"
    # A ends: C (held) before D (ringing); C ends: D.
    sim(page, "window.d = sim.incoming()")
    sim(page, "sim.bye(a)")
    wait_attr(page, "data-call", "held")
    sim(page, "c.terminate()")
    wait_attr(page, "data-call", "ringing")
    sim(page, "d.terminate()")
    wait_attr(page, "data-call", "ended")

    page.wait_for_function("sim.listenerCount() === 10")  # newRTCSession + 9 on d
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_reinvite_from_the_far_end(page, site, interp):
    # A re-INVITE leaves the session in WAITING_FOR_ACK with no event; a re-read then
    # (the tab shown again) still sees the established call, and the ACK changes nothing.
    page = open_sdk(page, site, interp, "jssip")
    sim(page, "window.s1 = sim.incoming(); s1.answer()")
    wait_attr(page, "data-call", "connected")
    sim(page, "sim.reinvite(s1)")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert attrs(page)["data-call"] == "connected"
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.confirm(s1)")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert attrs(page)["data-call"] == "connected" and attrs(page)["aria-pressed"] == "true"

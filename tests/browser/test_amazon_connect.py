"""The AmazonConnect adapter on the Streams fake (demo/fakes/amazon-connect.js), in a real
Chromium on Pyodide and MicroPython: the contract, and the traps of Streams — a mute that
only broadcasts a request, onMuteToggle events nobody asked for (a sync between tabs,
{muted: false} when the media ends), no answer at all, hold as a connection state, and a
new contact after the last one ended. One page per interpreter walks through a shift."""

from sdk_helpers import BUTTON, attrs, click_and_see_pending, mute_calls, open_sdk, sim, wait_attr


def test_a_shift_of_contacts(page, site, interp, watch):
    # The widget mounts before the CCP has the agent's data, during a call (and a chat).
    page = open_sdk(page, site, interp, "connect", timeout="0.5", midcall="1", agent="later")
    a = attrs(page)
    assert a["data-call"] == "none" and a["disabled"] == "" and a["data-mic"] == "unknown"

    # The agent arrives: the connected voice contact is found through agent.getContacts().
    # Streams has no getter for the local mute: unknown until onMuteToggle says.
    sim(page, "sim.initAgent()")
    wait_attr(page, "data-call", "connected")
    a = attrs(page)
    assert a["disabled"] is None and a["data-mic"] == "unknown"

    # Malformed toggles are ignored with a warning; an unasked one (another tab) is adopted.
    sim(page, "sim._emit('agent::mute_toggle', {muted: 'yes'}); sim._emit('agent::mute_toggle')")
    assert attrs(page)["data-mic"] == "unknown"
    assert sum("onMuteToggle event without a boolean" in w for w in watch.warnings) == 2
    sim(page, "sim.syncTabs()")
    wait_attr(page, "data-mic", "unmuted")
    assert attrs(page)["data-confirmed"] == "true"

    # mute() returns nothing; the button waits for onMuteToggle.
    sim(page, "sim.nextMute = 'later'")
    click_and_see_pending(page)
    assert mute_calls(page) == [["mute"]]
    sim(page, "sim.deliver()")
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-status"] == "ready"

    # The CCP's own button (or a headset) unmutes: the widget follows.
    sim(page, "sim.muteFromCcp(false)")
    wait_attr(page, "aria-pressed", "false")

    # Streams not ready: mute() throws. Rejected, nothing shown as muted.
    sim(page, "sim.nextMute = 'throw'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    assert attrs(page)["aria-pressed"] == "false" and "sendUpstream" in page.text_content("[role=alert]")

    # No local media stream: Streams answers nothing at all. The request times out.
    sim(page, "sim.nextMute = 'never'")
    page.click(BUTTON)
    wait_attr(page, "data-error", "timeout")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None

    # Hold is the customer's connection state: held and disabled; resume: connected.
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    sim(page, "sim.hold()")
    wait_attr(page, "data-call", "held")
    assert attrs(page)["disabled"] == ""
    sim(page, "sim.resume()")
    wait_attr(page, "data-call", "connected")

    # Hang up: after-call work is ended, and the media's end unmutes, unasked.
    sim(page, "sim.hangUp()")
    wait_attr(page, "data-call", "ended")
    wait_attr(page, "aria-pressed", "false")
    sim(page, "sim.clear()")
    wait_attr(page, "data-call", "none")

    # Another chat is no call; the next voice contact is followed from its first ring.
    sim(page, "sim.incoming('chat')")
    assert attrs(page)["data-call"] == "none"
    sim(page, "sim.incoming()")
    wait_attr(page, "data-call", "ringing")
    page.click(BUTTON, force=True)
    assert mute_calls(page) == [["mute"], ["mute"], ["mute"], ["mute"]], "a click while ringing sends nothing"
    sim(page, "sim.answer()")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    shown = [e["muted"] for e in page.evaluate("widgetEvents") if e["type"] == "mute:change"]
    assert [m for m in shown if m is not None] == [False, True, False, True, False, True]

    # The old contacts' listeners came off; destroy takes off the rest.
    page.wait_for_function("sim.listenerCount() === 15")  # agent, contact, toggle, refresh, 11 on the contact
    page.evaluate("destroyWidget()")
    assert page.evaluate("sim.listenerCount()") == 0
    sim(page, "sim.muteFromCcp(false); sim.hangUp()")
    assert page.locator(BUTTON).count() == 0
    assert not [w for w in watch.warnings if "onMuteToggle" not in w and "mute-button" in w]


def test_mounted_before_init_ccp(page, site, interp, watch):
    # The page mounts the widget, then calls connect.core.initCCP(): until then Streams
    # has no event bus, and the button says why it is unavailable.
    page = open_sdk(page, site, interp, "connect", ccp="later")
    a = attrs(page)
    assert a["data-call"] == "unknown" and a["disabled"] == "" and a["data-error"] == "unavailable"
    assert "connect.core.initCCP()" in page.text_content("[role=alert]")
    page.click(BUTTON, force=True)
    assert mute_calls(page) == []

    sim(page, "sim.initCCP()")
    wait_attr(page, "data-call", "none")
    a = attrs(page)
    assert a["data-error"] is None and page.text_content("[role=alert]") == ""
    sim(page, "sim.initAgent(); sim.answer(sim.incoming())")
    wait_attr(page, "data-call", "connected")
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "true")
    assert mute_calls(page) == [["mute"]]
    assert not [w for w in watch.warnings if "mute-button" in w]


def test_second_voice_contact_is_followed(page, site, interp, watch):
    # A consult call or a transfer: a second voice contact while the first is live.
    page = open_sdk(page, site, interp, "connect")
    sim(page, "window.a = sim.incoming(); sim.answer(a); window.b = sim.incoming()")
    wait_attr(page, "data-call", "connected")  # still on a: the agent talks there

    # a is held and b is answered: the button follows b, the connected one.
    sim(page, "sim.hold(a)")
    wait_attr(page, "data-call", "held")
    sim(page, "sim.answer(b)")
    wait_attr(page, "data-call", "connected")
    sim(page, "sim.muteFromCcp(true)")
    wait_attr(page, "aria-pressed", "true")

    # b ends: back to a, on hold; a is resumed: connected.
    sim(page, "sim.hangUp(b)")
    wait_attr(page, "data-call", "held")
    sim(page, "sim.resume(a)")
    wait_attr(page, "data-call", "connected")

    # A third contact rings while a is live; a ends: the ringing one is followed.
    sim(page, "window.c = sim.incoming()")
    assert attrs(page)["data-call"] == "connected"
    sim(page, "sim.hangUp(a)")
    wait_attr(page, "data-call", "ringing")
    sim(page, "sim.answer(c)")
    wait_attr(page, "data-call", "connected")
    sim(page, "sim.clear(a); sim.clear(b)")  # the old contacts are destroyed: c stays
    assert attrs(page)["data-call"] == "connected"
    assert not [w for w in watch.warnings if "mute-button" in w]

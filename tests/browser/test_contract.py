"""Every point of the contract (docs/contract.md) on the embeddable client,
in a real Chromium, on Pyodide and on MicroPython. Tests act as a user (clicks, keys)
and as the SDK (its events); they read the DOM and the calls the SDK received."""

import pytest

BUTTON = "#mount button"


def attrs(page, selector=BUTTON) -> dict:
    """The button's contract attributes as the DOM has them."""
    return page.eval_on_selector(
        selector,
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'aria-busy', 'data-call', 'data-mic',
              'data-status', 'data-confirmed', 'data-error', 'type', 'title']
              .map(n => [n, b.getAttribute(n)]))""",
    )


def sdk_calls(page, name="muteMic") -> list:
    return page.evaluate(f"softphone.calls.filter(c => c[0] === {name!r}).map(c => c.slice(1))")


def reason_text(page, selector=BUTTON) -> str:
    return page.eval_on_selector(
        selector,
        "b => { const el = document.getElementById(b.getAttribute('aria-describedby'));"
        " return el.getAttribute('role') + '|' + el.textContent }",
    )


def wait_attr(page, name, value, selector=BUTTON, timeout=5000):
    page.wait_for_selector(f'{selector}[{name}="{value}"]', state="attached", timeout=timeout)


def sdk(page, script: str):
    """Act as the softphone: run script with `softphone` in scope."""
    page.evaluate(f"() => {{ {script} }}")


def test_mounts_a_real_button_named_mute(open_widget):
    page = open_widget()
    a = attrs(page)
    assert a["type"] == "button"
    assert page.eval_on_selector(BUTTON, "b => b.tagName") == "BUTTON"
    name = page.get_by_role("button", name="Mute")
    assert name.count() == 1
    assert reason_text(page) == "alert|"
    assert a["aria-pressed"] == "false"
    assert a["data-confirmed"] in ("true", "false")


def test_uses_a_host_button_as_it_is(open_widget):
    page = open_widget(target="#host-button")
    assert page.locator("#mount button").count() == 0
    a = attrs(page, "#host-button")
    assert a["data-call"] == "none" and a["disabled"] == ""
    assert "Mute" in page.eval_on_selector("#host-button", "b => b.textContent")


def test_disabled_until_connected_and_tooltip_says_why(open_widget):
    page = open_widget()
    a = attrs(page)
    assert a["disabled"] == "" and a["data-call"] == "none" and a["data-status"] == "unavailable"
    assert "connected call" in a["title"]
    sdk(page, "softphone.ring()")
    wait_attr(page, "data-call", "ringing")
    assert attrs(page)["disabled"] == ""
    page.click(BUTTON, force=True)  # a click on the disabled button reaches nothing
    assert sdk_calls(page) == []
    sdk(page, "softphone.answer()")
    wait_attr(page, "data-call", "connected")
    a = attrs(page)
    assert a["disabled"] is None and a["data-status"] == "ready" and a["title"] is None


def test_state_strings_map_case_insensitively(open_widget):
    page = open_widget()
    table = {
        "idle": "none",
        "RINGING": "ringing",
        "alerting": "ringing",
        "Connecting": "ringing",
        "dialing": "ringing",
        "connected": "connected",
        "held": "held",
        "HOLD": "held",
        "disconnected": "ended",
        "ended": "ended",
        "parked": "unknown",
        "CONNECTED": "connected",
    }
    for raw, shown in table.items():
        sdk(page, f"softphone.emit('stateChange', {raw!r})")
        a = attrs(page)
        assert a["data-call"] == shown, raw
        assert (a["disabled"] is None) == (shown == "connected"), raw


def test_click_shows_pending_then_only_the_confirmed_state(open_widget):
    page = open_widget(state="connected", delay="1500")  # time to read the pending state under load
    page.click(BUTTON)
    a = attrs(page)
    assert a["aria-busy"] == "true" and a["disabled"] == "" and a["data-status"] == "pending"
    assert a["aria-pressed"] == "false", "the click alone must not show muted"
    assert sdk_calls(page) == [[True]]
    page.click(BUTTON, force=True)  # a second click while pending sends nothing
    wait_attr(page, "aria-pressed", "true")
    a = attrs(page)
    assert a["aria-busy"] is None and a["disabled"] is None and a["data-status"] == "ready"
    assert a["data-mic"] == "muted" and a["data-confirmed"] == "true"
    assert sdk_calls(page) == [[True]]
    assert page.evaluate("widgetEvents") == [{"type": "mute:change", "muted": True, "confirmed": True}]
    assert page.text_content(".mute-button__announcer") == "Microphone muted"
    page.click(BUTTON)
    wait_attr(page, "aria-pressed", "false")
    assert sdk_calls(page) == [[True], [False]]
    assert attrs(page)["data-mic"] == "unmuted"


@pytest.mark.parametrize("mode", ["reject", "throw"])
def test_refusal_rolls_back_and_says_why(open_widget, mode):
    page = open_widget(state="connected")
    sdk(page, f"softphone.nextMute = {mode!r}")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] == "unmuted"
    assert a["data-status"] == "error" and a["disabled"] is None and a["aria-busy"] is None
    role, text = reason_text(page).split("|", 1)
    assert role == "alert" and "Operation Not Allowed" in text and "try again" in text
    events = page.evaluate("widgetEvents")
    assert events == [{"type": "mute:error", "code": "rejected", "message": text}]
    page.click(BUTTON)  # the next attempt clears the error and works
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-error"] is None and reason_text(page) == "alert|"


def test_unconfirmed_request_times_out_and_a_late_report_is_adopted(open_widget):
    page = open_widget(state="connected", timeout="0.4")
    sdk(page, "softphone.nextMute = 'never'")
    page.click(BUTTON)
    assert attrs(page)["data-status"] == "pending"
    wait_attr(page, "data-error", "timeout")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["disabled"] is None and a["aria-busy"] is None
    assert "did not confirm" in reason_text(page)
    sdk(page, "softphone.setMuted(true)")  # the truth arrives late
    wait_attr(page, "aria-pressed", "true")
    assert attrs(page)["data-error"] is None


def test_follows_mute_changes_made_elsewhere(open_widget):
    page = open_widget(state="connected")
    sdk(page, "softphone.toggleOwnMute()")
    wait_attr(page, "aria-pressed", "true")
    sdk(page, "softphone.emit('micStateChange', false)")  # the plain boolean form
    wait_attr(page, "aria-pressed", "false")
    assert sdk_calls(page) == []
    assert [e["muted"] for e in page.evaluate("widgetEvents")] == [True, False]


def test_reads_state_and_mic_at_mount(open_widget):
    page = open_widget(state="connected", muted="1")
    a = attrs(page)
    assert a["data-call"] == "connected" and a["aria-pressed"] == "true" and a["data-confirmed"] == "true"
    assert page.evaluate("softphone.calls.map(c => c[0])")[:2] == ["getState", "isMicMuted"]


def test_malformed_events_are_ignored_with_a_warning(open_widget, watch):
    page = open_widget()
    before = attrs(page)
    for payload in ["42", "null", "{state: 'connected'}", "['connected']"]:
        sdk(page, f"softphone.emit('stateChange', {payload})")
    for payload in ["'yes'", "{}", "{muted: 'true'}", "null", "7"]:
        sdk(page, f"softphone.emit('micStateChange', {payload})")
    sdk(page, "softphone.emit('micStateChange')")
    assert attrs(page) == before and before["disabled"] == ""
    assert sum("[mute-button]" in w for w in watch.warnings) >= 10


def test_leaving_connected_cancels_the_pending_request(open_widget):
    page = open_widget(state="connected")
    sdk(page, "softphone.nextMute = 'never'")
    page.click(BUTTON)
    assert attrs(page)["data-status"] == "pending"
    sdk(page, "softphone.hold()")
    a = attrs(page)
    assert a["data-call"] == "held" and a["data-status"] == "unavailable" and a["aria-busy"] is None
    assert a["disabled"] == "" and a["aria-pressed"] == "false"


def test_shortcut_and_keyboard(open_widget):
    page = open_widget(state="ringing", shortcut="ctrl+shift+m")
    page.focus("#notes")
    page.keyboard.press("Control+Shift+M")
    assert sdk_calls(page) == [], "the shortcut respects the disabled state"
    assert attrs(page)["data-error"] == "not-connected"
    assert "ringing" in reason_text(page)
    sdk(page, "softphone.answer()")
    page.keyboard.press("Control+Shift+M")
    wait_attr(page, "aria-pressed", "true")
    page.keyboard.press("Control+M")  # other modifiers: not the shortcut
    page.focus(BUTTON)
    page.keyboard.press("Space")
    wait_attr(page, "aria-pressed", "false")
    page.keyboard.press("Enter")
    wait_attr(page, "aria-pressed", "true")
    assert sdk_calls(page) == [[True], [False], [True]]


def test_reason_is_text_never_html(open_widget):
    page = open_widget(state="connected")
    sdk(page, "softphone.muteMic = () => Promise.reject(new Error('<img src=x id=injected>'))")
    page.click(BUTTON)
    wait_attr(page, "data-error", "rejected")
    assert "<img src=x id=injected>" in reason_text(page)
    assert page.locator("#injected").count() == 0


def test_destroy_removes_every_listener(open_widget):
    page = open_widget(state="connected", shortcut="ctrl+shift+m", target="#host-button")
    assert page.evaluate("softphone.listenerCount()") == 2
    page.evaluate("destroyWidget()")
    assert page.evaluate("softphone.listenerCount()") == 0
    assert page.locator("[role=alert], [role=status]").count() == 0
    # The host's button is given back as it was: its attributes, and no child of ours.
    assert page.eval_on_selector("#host-button", "b => b.getAttributeNames().sort().join(' ')") == "id type"
    assert page.eval_on_selector("#host-button", "b => b.childElementCount") == 0
    before = attrs(page, "#host-button")
    sdk(page, "softphone.setMuted(true); softphone.hangUp()")
    page.click("#host-button", force=True)
    page.keyboard.press("Control+Shift+M")
    assert attrs(page, "#host-button") == before
    assert sdk_calls(page) == []


def test_destroy_takes_out_the_button_it_added(open_widget):
    page = open_widget(state="connected", delay="300")
    page.click(BUTTON)
    page.evaluate("destroyWidget()")
    assert page.locator("#mount *").count() == 0
    page.wait_for_timeout(500)  # the SDK settles after the widget is gone: no error may follow
    assert page.evaluate("softphone.muted") is True
    assert page.evaluate("widgetEvents") == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"target": "#nowhere"}, "ValueError: MuteButton: no element matches '#nowhere'"),
        (
            {"client": "nope.client", "sdk_wait": "0"},
            "ValueError: EmbeddableClient: window.nope.client is not defined",
        ),
        ({"client": "document.title"}, "TypeError: EmbeddableClient: window.document.title is a string"),
        ({"client": "location"}, "TypeError: EmbeddableClient: window.location has no on() method"),
        ({"timeout": "0"}, "ValueError: confirm_timeout must be a positive number"),
        ({"shortcut": "shift+m"}, "ValueError: shortcut 'shift+m' needs a modifier"),
    ],
)
def test_bad_input_is_a_clear_error_and_leaves_nothing_behind(open_widget, options, message):
    page = open_widget(**options)
    assert page.evaluate("document.documentElement.dataset.mountError").startswith(message)
    assert page.locator("#mount *, .mute-button__reason, .mute-button__announcer").count() == 0
    assert page.eval_on_selector("#host-button", "b => b.getAttributeNames().sort().join(' ')") == "id type"


def test_a_new_call_never_starts_out_shown_muted(open_widget):
    page = open_widget(state="connected", muted="1")
    assert attrs(page)["aria-pressed"] == "true"
    sdk(page, "softphone.hangUp(); softphone.ring()")  # the softphone resets its mic silently
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] in ("unknown", "unmuted")
    sdk(page, "softphone.answer()")
    a = attrs(page)
    assert a["aria-pressed"] == "false" and a["data-mic"] == "unmuted" and a["data-confirmed"] == "true"


def test_a_forced_mute_and_how_long_muted(open_widget):
    """A supervisor's forced mute ({muted: true, forced: true}) locks the button until lifted;
    while muted the button shows for how long, and mute:change tells it when the mute ends."""
    page = open_widget(state="connected", shortcut="ctrl+shift+m")
    sdk(page, "softphone.muted = true; softphone.emit('micStateChange', {muted: true, forced: true})")
    wait_attr(page, "data-forced", "true")
    a = attrs(page)
    assert a["aria-pressed"] == "true" and a["disabled"] == "" and "supervisor" in a["title"]
    page.keyboard.press("Control+Shift+M")
    wait_attr(page, "data-error", "forced-mute")
    assert sdk_calls(page) == [], "a press asks nothing"
    duration = page.locator(f"{BUTTON} .mute-button__duration")
    page.wait_for_function(
        "document.querySelector('#mount .mute-button__duration').textContent === '0:01'", timeout=5000
    )
    assert duration.get_attribute("aria-hidden") == "true"
    sdk(page, "softphone.muted = false; softphone.emit('micStateChange', {muted: false, forced: false})")
    page.wait_for_selector(f"{BUTTON}:not([data-forced]):not([disabled])", state="attached")
    assert duration.text_content() == ""
    change = page.evaluate("widgetEvents.filter(e => e.type === 'mute:change').at(-1)")
    assert change["muted"] is False and change["duration"] >= 1


def test_the_agents_language_and_right_to_left(open_widget):
    """The accessible name holds the locale's word for "Mute"; Arabic is laid out mirrored."""
    page = open_widget(locale="de")
    assert page.get_by_role("button", name="Stumm (während eines verbundenen Anrufs verfügbar)").count() == 1
    sdk(page, "softphone.ring(); softphone.answer()")
    page.get_by_role("button", name="Stumm").click()
    page.wait_for_function(
        "document.querySelector('.mute-button__announcer').textContent === 'Mikrofon stummgeschaltet'"
    )

    page = open_widget(locale="ar", state="connected")
    button = page.locator(BUTTON)
    assert button.get_attribute("dir") == "rtl" and button.text_content().startswith("كتم")
    icon = page.locator(f"{BUTTON} .mute-button__icon").bounding_box()
    label = page.locator(f"{BUTTON} .mute-button__label").bounding_box()
    assert icon["x"] > label["x"], "the icon comes first from the right"

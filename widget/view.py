"""The only module that writes to the DOM: the button, its reason and its announcer.

It renders what the model computed and nothing else; it keeps the last attributes it
wrote so that each render crosses the JavaScript bridge once, with only what changed.
Text from an SDK goes into ``textContent``, never into HTML.
"""

from . import bridge

_LABEL = "Mute"
_counter = [0]


def _element(tag: str, cls: str):
    el = bridge.document.createElement(tag)
    el.className = cls
    return el


# The painter (static/mute-bridge.js) takes the changed attributes as one string:
# name, value, name, value... joined by US (0x1f); the value CAN (0x18) removes the
# attribute. Not NUL: MicroPython cuts a string at NUL when it crosses to JS.
_SEPARATOR = "\x1f"
_REMOVE = "\x18"


def _pack(value) -> str:
    """An attribute value for the painter: None and False remove it, True sets it empty."""
    if value is None or value is False:
        return _REMOVE
    return "" if value is True else str(value)


def _hint(attributes: dict) -> str:
    """What the button's accessible name adds after "Mute" while it is disabled."""
    if attributes.get("aria-busy"):
        return " (waiting for the softphone to confirm)"
    if attributes.get("disabled"):
        return " (available during a connected call)"
    return ""


class ButtonView:
    """A real ``<button>`` with ``aria-pressed``, a role=alert reason and a polite announcer."""

    def __init__(self, target) -> None:
        host = bridge.document.querySelector(target) if isinstance(target, str) else target
        if host is None or bridge.kind(host) != "object" or bridge.field(host, "tagName") is None:
            raise ValueError(f"MuteButton: no element matches {target!r}")
        self._created = []
        if str(host.tagName).upper() == "BUTTON":
            self.button = host
        else:
            self.button = _element("button", "mute-button")
            host.appendChild(self.button)
            self._created.append(self.button)
        button = self.button
        if not (button.textContent or "").strip():
            icon = _element("span", "mute-button__icon")
            icon.setAttribute("aria-hidden", "true")
            label = _element("span", "mute-button__label")
            label.textContent = _LABEL
            button.appendChild(icon)
            button.appendChild(label)
        self._aria_label = None
        if (button.textContent or "").strip() and "mute" not in str(button.textContent).lower():
            self._aria_label = _LABEL + " microphone"
            bridge.shim.setAttributes(button, "aria-label", self._aria_label)
        # Why a disabled button is disabled, as visually hidden text inside it: part of
        # its accessible name ("Mute (available during a connected call)"), so a screen
        # reader says it where it reads the button, unlike a title tooltip.
        self.hint = _element("span", "mute-button__hint")
        button.appendChild(self.hint)
        self._hint_text = ""
        button.classList.add("mute-button")
        _counter[0] += 1
        base = button.id or ("mute-button-" + str(_counter[0]))
        self.reason = _element("span", "mute-button__reason")
        self.announcer = _element("span", "mute-button__announcer")
        bridge.shim.setAttributes(self.reason, "role", "alert", "id", base + "-reason")
        bridge.shim.setAttributes(self.announcer, "role", "status", "aria-live", "polite")
        button.insertAdjacentElement("afterend", self.reason)
        self.reason.insertAdjacentElement("afterend", self.announcer)
        self._created.extend((self.hint, self.reason, self.announcer))
        bridge.shim.setAttributes(button, "type", "button", "aria-describedby", base + "-reason")
        # Everything a render writes goes to JS in one call (static/mute-bridge.js: painter).
        self._paint = bridge.shim.painter(button, self.hint, self.reason, self.announcer)
        self._key = None  # the model's key() for what the button shows; None before the first render
        self._attributes = {}  # the attributes shown
        self._steps = {}  # (key shown, key to show) -> what to write: see _step
        self._reason_text = ""
        self._focus_lost = False

    def render(self, key, attributes, reason: str, announce: "str | None" = None, change=None) -> None:
        """Show the model's state ``key``, whose attributes ``attributes()`` gives, and the
        reason text, in one bridge crossing that writes only what changed; ``announce``
        is said to screen readers (None: nothing) and, when ``change`` is a ``(muted,
        confirmed)`` pair, ``mute:change`` is dispatched after everything is written.

        What going from one key to another writes is computed once and remembered (a
        button goes through a few dozen states), so an SDK event costs a lookup, not a diff.
        """
        step = self._steps.get((self._key, key))
        if step is None:
            step = self._step(self._attributes, attributes())
            if len(self._steps) < 256:
                self._steps[(self._key, key)] = step
        self._key = key
        changes, hint_text, disabling, disabled, self._attributes = step
        refocus = False
        if changes:
            # A disabled button drops the keyboard focus; give it back when it is enabled
            # again, so a keyboard user can press it twice in a row.
            if disabling and bridge.shim.hasFocus(self.button):
                self._focus_lost = True
            if self._focus_lost and not disabled:
                self._focus_lost = False
                refocus = True
        reason_text = None
        if reason != self._reason_text:
            self._reason_text = reason
            reason_text = reason
        if change is not None:
            self._paint(refocus, hint_text, reason_text, announce, True, change[0], change[1], changes)
        elif changes or hint_text is not None or reason_text is not None or announce is not None:
            self._paint(refocus, hint_text, reason_text, announce, False, None, None, changes)

    def _step(self, old: dict, new: dict) -> tuple:
        """What showing ``new`` instead of ``old`` writes: (the attributes that change,
        packed for the painter, hint text or None, whether it disables the button, whether
        it is disabled, new)."""
        changes = []
        for name, value in new.items():
            if old.get(name, "-") != value:
                changes.append(name)
                changes.append(_pack(value))
        hint_text = None
        hint = _hint(new)
        if hint != _hint(old):
            if self._aria_label is not None:
                changes.append("aria-label")
                changes.append(self._aria_label + hint)
            else:
                hint_text = hint
        disabled = bool(new["disabled"])
        disabling = disabled and old.get("disabled", "-") != new["disabled"]
        return (_SEPARATOR.join(changes), hint_text, disabling, disabled, new)

    def announce(self, text: str) -> None:
        """Say text politely to screen readers (the mic state after a confirmed change)."""
        self.announcer.textContent = text

    def emit(self, event: str, *pairs) -> None:
        """Dispatch ``mute:change`` / ``mute:error`` on the button."""
        bridge.shim.emit(self.button, event, *pairs)

    def remove(self) -> None:
        """Take out what the widget added; a host's own button stays, disabled."""
        for el in self._created:
            el.remove()
        self._created = []
        bridge.shim.setAttributes(self.button, "disabled", True, "aria-busy", None, "aria-describedby", None)
        if self._aria_label is not None:
            bridge.shim.setAttributes(self.button, "aria-label", self._aria_label)

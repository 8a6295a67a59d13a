"""The only module that writes to the DOM: the button, its hint, its reason and its announcer.

It builds them once and then paints the frames ``present.Presenter`` computes, each in
one JavaScript call (``static/mute-bridge.js``, ``painter``). It decides nothing about
what is shown. Text from an SDK goes into ``textContent``, never into HTML.
"""

from . import bridge
from .bridge import dom
from .present import LABEL

_counter = [0]


class ButtonView:
    """A real ``<button>`` with ``aria-pressed``, a role=alert reason and a polite announcer.

    ``aria_label`` is the accessible name the widget gives a host button whose own text
    does not say "Mute" (None otherwise): the presenter keeps it, with the hint.
    """

    def __init__(self, target) -> None:
        host = dom.find(target)
        if host is None or bridge.kind(host) != "object" or bridge.field(host, "tagName") is None:
            raise ValueError(f"MuteButton: no element matches {target!r}")
        self._created = []
        if str(host.tagName).upper() == "BUTTON":
            self.button = host
        else:
            self.button = dom.create("button", "mute-button")
            host.appendChild(self.button)
            self._created.append(self.button)
        button = self.button
        if not (button.textContent or "").strip():
            icon = dom.create("span", "mute-button__icon")
            dom.set_attributes(icon, "aria-hidden", "true")
            label = dom.create("span", "mute-button__label")
            label.textContent = LABEL
            button.appendChild(icon)
            button.appendChild(label)
        self.aria_label = None
        if "mute" not in str(button.textContent).lower():
            self.aria_label = LABEL + " microphone"
            dom.set_attributes(button, "aria-label", self.aria_label)
        # Why a disabled button is disabled, as visually hidden text inside it: part of
        # its accessible name ("Mute (available during a connected call)"), so a screen
        # reader says it where it reads the button, unlike a title tooltip.
        hint = dom.create("span", "mute-button__hint")
        button.appendChild(hint)
        button.classList.add("mute-button")
        _counter[0] += 1
        base = button.id or ("mute-button-" + str(_counter[0]))
        reason = dom.create("span", "mute-button__reason")
        announcer = dom.create("span", "mute-button__announcer")
        dom.set_attributes(reason, "role", "alert", "id", base + "-reason")
        dom.set_attributes(announcer, "role", "status", "aria-live", "polite")
        button.insertAdjacentElement("afterend", reason)
        reason.insertAdjacentElement("afterend", announcer)
        self._created.extend((hint, reason, announcer))
        dom.set_attributes(button, "type", "button", "aria-describedby", base + "-reason")
        self.paint = dom.painter(button, hint, reason, announcer)

    def remove(self) -> None:
        """Take out what the widget added; a host's own button stays, disabled."""
        for el in self._created:
            el.remove()
        self._created = []
        dom.set_attributes(self.button, "disabled", True, "aria-busy", None, "aria-describedby", None)
        if self.aria_label is not None:
            dom.set_attributes(self.button, "aria-label", self.aria_label)

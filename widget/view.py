"""The only module that writes to the DOM: the button, its hint, its reason and its announcer.

It builds them once and then paints the frames ``present.Presenter`` computes, each in
one JavaScript call (``static/mute-bridge.js``, ``painter``). It decides nothing about
what is shown. Text from an SDK goes into ``textContent``, never into HTML.

A host's own ``<button>`` is the host's: it keeps its name (its text, ``aria-label`` or
``aria-labelledby``), its ``title`` and its look (the widget's styles apply only where
the host gives it the class ``mute-button``), and ``remove()`` puts back every
attribute it had. A button the widget appends is the widget's, with its look.
"""

from . import bridge
from .bridge import dom
from .locales.en import CATALOG as EN


class ButtonView:
    """A real ``<button>`` with ``aria-pressed``, a role=alert reason and a polite announcer.

    ``label`` names a button the widget fills ("Mute Ana" for one row of several; by
    default the catalog's word for "Mute"); ``has_title`` is False when a host button's own
    ``title`` must be kept; ``rtl`` writes the widget's own elements right to left;
    ``notice`` adds the talk warning's notice after the announcer.
    """

    def __init__(
        self,
        target,
        label: "str | None" = None,
        catalog: "dict | None" = None,
        rtl: bool = False,
        notice: bool = False,
    ) -> None:
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise ValueError(f"MuteButton: label must be a non-empty string, got {label!r}")
        host = dom.find(target)
        if host is None or bridge.kind(host) != "object" or bridge.field(host, "tagName") is None:
            raise ValueError(f"MuteButton: no element matches {target!r}")
        self._created = []
        self._restore = None
        self.has_title = True
        if str(host.tagName).upper() == "BUTTON":
            button = host
            self._restore = dom.snapshot(button)  # before anything is written
            self.has_title = not button.hasAttribute("title")
            labelled = button.hasAttribute("aria-label") or button.hasAttribute("aria-labelledby")
            named = labelled or bool((button.textContent or "").strip())
        else:
            button = dom.create("button", "mute-button")
            labelled = named = False
        if named and label is not None:
            raise ValueError(
                "MuteButton: the button already has a name of its own; leave label= out, "
                "or give an empty <button>"
            )
        if not named:
            icon = dom.create("span", "mute-button__icon")
            dom.set_attributes(icon, "aria-hidden", "true")
            text = dom.create("span", "mute-button__label")
            text.textContent = label or (catalog or EN)["label"]
            button.appendChild(icon)
            button.appendChild(text)
            self._created.extend((icon, text))
        # Why a disabled button is disabled, as visually hidden text inside it: part of
        # its accessible name ("Mute (available during a connected call)"), so a screen
        # reader says it where it reads the button, unlike a title tooltip. A button named
        # by aria-label ignores its content: there the hint describes it instead.
        base = button.id or ("mute-button-" + str(dom.next_id()))
        lasted = dom.create("span", "mute-button__duration")  # how long muted: "0:42"
        dom.set_attributes(lasted, "aria-hidden", "true")  # seen, not read out every second
        hint = dom.create("span", "mute-button__hint")
        reason = dom.create("span", "mute-button__reason")
        announcer = dom.create("span", "mute-button__announcer")
        dom.set_attributes(hint, "id", base + "-hint")
        dom.set_attributes(reason, "role", "alert", "id", base + "-reason")
        dom.set_attributes(announcer, "role", "status", "aria-live", "polite")
        if not labelled:
            button.appendChild(lasted)
        button.appendChild(hint)
        if host is not button:
            host.appendChild(button)
        button.insertAdjacentElement("afterend", reason)
        reason.insertAdjacentElement("afterend", announcer)
        if labelled:  # visible text inside a button named by aria-label must be in that name
            button.insertAdjacentElement("afterend", lasted)
        self._created.extend((lasted, hint, reason, announcer))
        if host is not button:
            self._created.insert(0, button)
        if rtl:  # the agent's language is written right to left; the page may not be
            for el in (button, reason, announcer) if host is not button else (reason, announcer):
                dom.set_attributes(el, "dir", "rtl")
        described = (base + "-hint " if labelled else "") + base + "-reason"
        dom.set_attributes(button, "type", "button", "aria-describedby", described)
        # The talk warning's notice (visible text, after the announcer), only where it can show.
        notice_el = None
        if notice:
            notice_el = dom.create("span", "mute-button__notice")
            announcer.insertAdjacentElement("afterend", notice_el)
            self._created.append(notice_el)
        self.button = button
        self.paint = dom.painter(button, hint, reason, announcer, lasted, notice_el)

    def remove(self) -> None:
        """Take out what the widget added and give a host's button back as it was."""
        for el in self._created:
            el.remove()
        self._created = []
        if self._restore is not None:
            self._restore()
            self._restore = None

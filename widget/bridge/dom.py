"""The few DOM writes the view makes through the shim, each one bridge crossing."""

from .resources import Resources, Subscription
from .runtime import document, shim, window


def find(target):
    """The element for a CSS selector, or ``target`` itself; None when nothing matches."""
    return document.querySelector(target) if isinstance(target, str) else target


def create(tag: str, cls: str):
    """A new element of ``tag`` with the class ``cls``, not yet in the page."""
    el = document.createElement(tag)
    el.className = cls
    return el


def set_attributes(element, *pairs) -> None:
    """Set attributes given as name, value pairs; None or False removes one, True sets it empty."""
    shim.setAttributes(element, *pairs)


def emit(element, event: str, *pairs) -> None:
    """Dispatch a CustomEvent on element whose detail is built from key, value pairs."""
    shim.emit(element, event, *pairs)


def painter(button, hint, reason, announcer, lasted, notice=None):
    """The shim's function that paints one render of a button in one crossing (see view.py)."""
    return shim.painter(button, hint, reason, announcer, lasted, notice)


def page_language() -> "str | None":
    """The page's language: ``<html lang>``, else the browser's (``navigator.language``)."""
    lang = document.documentElement.getAttribute("lang")
    if isinstance(lang, str) and lang.strip():
        return lang
    navigator = window.navigator
    language = None if navigator is None else navigator.language
    return language if isinstance(language, str) else None


def next_id() -> int:
    """A number no other mute button on this page has, whichever interpreter runs it."""
    return int(shim.nextId())


def snapshot(element):
    """A function that puts back every attribute ``element`` has now, and only those."""
    return shim.snapshotAttributes(element)


def on_removed(resources: Resources, element, fn) -> "Subscription | None":
    """fn() once ``element`` has left the document (a host page re-rendered it away)."""
    return resources.subscribe(shim, "onRemoved", fn, element)


def shortcut_holder(name: str) -> "str | None":
    """What holds the shortcut ``name`` on this page (its button's description), or None."""
    holder = shim.shortcutHolder(name)
    return holder if isinstance(holder, str) else None


def hold_shortcut(resources: Resources, name: str, who: str) -> "Subscription | None":
    """Mark ``name`` as used by ``who`` until released (destroy)."""
    return resources.subscribe(shim, "holdShortcut", _unused, name, who)


def _unused(*args) -> None:
    """The handler holdShortcut is given: it is never called."""

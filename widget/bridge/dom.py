"""The few DOM writes the view makes through the shim, each one bridge crossing."""

from .runtime import document, shim


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


def painter(button, hint, reason, announcer):
    """The shim's function that paints one render of a button in one crossing (see view.py)."""
    return shim.painter(button, hint, reason, announcer)

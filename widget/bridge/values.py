"""Values that cross from JavaScript: null and undefined as None, fields, arrays, kinds.

Pyodide turns JavaScript's undefined into None and null into ``JsNull``; MicroPython
the other way round (None and an ``undefined`` object). Every value read from JS goes
through ``py()``, and an SDK's fields are read through the shim, which answers
undefined for a throwing getter or a Promise where a value was due.
"""

from .runtime import shim, window

# The shim function read on every SDK event, looked up once: on Pyodide each attribute
# read on a JS module is a bridge crossing of its own.
_shim_field = shim.field
_NOTHING = ("JsNull", "undefined")


def py(value):
    """A value read from JavaScript, with null and undefined as None on both interpreters."""
    if value is None or type(value).__name__ in _NOTHING:
        return None
    return value


def field(obj, name):
    """``obj[name]`` for a JS object, None for anything else."""
    return py(_shim_field(obj, name))


def kind(value) -> str:
    """JavaScript's idea of the value's type ("string", "object", "array", "null", ...)."""
    return shim.kind(value)


def has_method(obj, name: str) -> bool:
    """True when ``obj[name]`` is a function."""
    return shim.hasMethod(obj, name) is True


def items(value) -> "list | None":
    """The elements of a JavaScript array as a Python list; None when value is not an array."""
    if kind(value) != "array":
        return None
    return [field(value, i) for i in range(int(field(value, "length") or 0))]


def resolve(path: str):
    """The object at a dotted path on ``window`` ("GenesysCloud.Client"), or None."""
    return py(shim.resolvePath(window, path))


def is_thenable(value) -> bool:
    """True for a JavaScript Promise (or any object with a then() method)."""
    return kind(value) in ("object", "function") and has_method(value, "then")


def settled_value(promise):
    """What ``promise`` resolved to, once ``Resources.wait_for`` saw it resolve; else None."""
    return py(shim.settledValue(promise))


def is_js(value) -> bool:
    """True for a JavaScript object or function handed to Python (not a Python value)."""
    return type(value).__name__.startswith("Js")


def js_object(*pairs):
    """A JavaScript object from key, value pairs (``js_object("mute", True)``): an SDK's options."""
    return shim.object(*pairs)


def warn(message: str) -> None:
    """A console warning: malformed SDK input, ignored."""
    shim.warn(message)


def report_exception(where: str, exc: BaseException) -> None:
    """A bug in the widget: log it, never let it reach the host page."""
    window.console.error("[mute-button] " + where + ": " + type(exc).__name__ + ": " + str(exc))


def guarded(where: str, fn):
    """Wrap a callback that JavaScript calls so that no Python exception escapes."""

    def call(*args):
        try:
            fn(*args)
        except Exception as exc:
            report_exception(where, exc)

    return call

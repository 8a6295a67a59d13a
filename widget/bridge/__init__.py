"""The only package that touches PyScript and JavaScript.

- ``runtime``: the page, chosen once at import (the browser, or CPython's ``page``);
- ``values``: values read from JS (null/undefined as None, fields, arrays, kinds);
- ``resources``: ``Resources``, the owner of every listener, proxy, timer and socket;
- ``dom``: the view's DOM writes; ``network``: HTTP, WebSocket, postMessage;
  ``audio``: what a call's audio sends (imported only by the modules that need them).

Pyodide and MicroPython differ here and only here: MicroPython proxies have no
``destroy()``, and a synchronous JavaScript throw does not become a Python exception
there, so every SDK call goes through the ``mute_bridge`` ES module
(``static/mute-bridge.js``).
"""

from .resources import Resources, Subscription
from .runtime import document
from .values import (
    field,
    guarded,
    has_method,
    is_js,
    is_thenable,
    items,
    js_object,
    kind,
    py,
    report_exception,
    resolve,
    settled_value,
    warn,
)

__all__ = [
    "Resources",
    "Subscription",
    "document",
    "field",
    "guarded",
    "has_method",
    "is_js",
    "is_thenable",
    "items",
    "js_object",
    "kind",
    "py",
    "report_exception",
    "resolve",
    "settled_value",
    "warn",
]

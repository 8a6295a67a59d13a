"""The page the widget runs in, chosen once at import: the browser, or plain CPython.

In a browser (Pyodide or MicroPython, under PyScript) these are PyScript's ``document``
and ``window``, its ``create_proxy`` and the ``mute_bridge`` ES module
(``static/mute-bridge.js``). In CPython, where ``pyscript`` cannot be imported, they are
``page.py``'s plain-Python page, so unit tests run the real ``MuteButton``, view and
adapters against Python SDK doubles. Nothing else in the widget asks which one it got.
"""

import sys

try:
    from pyscript import document, window
    from pyscript.ffi import create_proxy
    from pyscript.js_modules import mute_bridge as shim

    IN_BROWSER = True
except ImportError:  # CPython: the plain-Python page
    from .page import create_proxy, document, shim, window

    IN_BROWSER = False

ON_MICROPYTHON = sys.implementation.name == "micropython"
__all__ = ["IN_BROWSER", "ON_MICROPYTHON", "create_proxy", "document", "free", "shim", "window"]


def free(proxy) -> None:
    """Release a proxy made by create_proxy (only Pyodide's can, and must, be destroyed)."""
    if IN_BROWSER and not ON_MICROPYTHON:
        proxy.destroy()

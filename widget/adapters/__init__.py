"""One adapter per softphone SDK; each translates that SDK's real API for the button.

``from widget.adapters import TwilioDevice`` imports ``twilio.py`` and nothing else:
an adapter's module is imported the first time its name is asked for (a module-level
``__getattr__``, which CPython, Pyodide and MicroPython all support), so a page
compiles only the adapter it uses. To add an adapter, add its name and its module to
``_EXPORTS``.
"""

_EXPORTS = {
    "Adapter": "base",
    "AmazonConnect": "amazon_connect",
    "EmbeddableClient": "embeddable",
    "GenesysFramework": "genesys_framework",
    "GenesysPlatform": "genesys_platform",
    "GenesysWebRtc": "genesys_webrtc",
    "JsSipSession": "jssip",
    "JsSipUA": "jssip",
    "TwilioCall": "twilio",
    "TwilioDevice": "twilio",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Import an adapter (or, by its own name, an adapter module) on first use."""
    if name.startswith("_"):
        raise AttributeError("module 'widget.adapters' has no attribute " + repr(name))
    module = _EXPORTS.get(name, name)
    try:
        # `from .<module> import name`, relative so that the package works under any name;
        # MicroPython needs this branch for `from widget.adapters import twilio` as well.
        loaded = __import__(module, globals(), None, ("__name__",), 1)
    except ImportError:
        raise AttributeError("module 'widget.adapters' has no attribute " + repr(name)) from None
    value = loaded if module == name else getattr(loaded, name)
    globals()[name] = value
    return value

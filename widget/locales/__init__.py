"""The widget's sentences, one module per locale, imported only when that locale is used.

``en`` is the reference: every other catalog has its keys, with the same placeholders
(tests/unit/test_i18n.py).
"""

#: Locale tag -> module name.
LOCALES = {"en": "en", "de": "de", "fr": "fr", "es": "es", "pt-BR": "pt_br", "ja": "ja", "ar": "ar"}
#: Locales written right to left: the widget's elements get dir="rtl".
RIGHT_TO_LEFT = ("ar",)


def load(locale: str) -> dict:
    """The catalog of ``locale`` (a key of LOCALES)."""
    # `from .<module> import CATALOG`, relative so that the package works under any name.
    module = __import__(LOCALES[locale], globals(), None, ("CATALOG",), 1)
    return module.CATALOG

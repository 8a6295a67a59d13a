"""The agent's language: which catalog, and its sentences.

``resolve(tag)`` picks the catalog for a BCP 47 tag ("pt-BR", "de-AT", "ar"): the exact
tag, else its language, else None (the button then warns and uses English). The
catalogs are in ``widget/locales/``, one module per locale, so a page compiles only its
own. Placeholders are ``{name}``, filled by ``text()`` with ``str.format``. The SDK's own
words, and the detailed explanations the Genesys Platform adapter gives for an HTTP
error, are appended as they come (in English).
"""

from .locales import LOCALES, RIGHT_TO_LEFT, load

__all__ = ["LOCALES", "RIGHT_TO_LEFT", "load", "resolve", "text"]


def resolve(tag) -> "str | None":
    """The locale for a BCP 47 tag: the tag itself, else its language ("de-AT" -> "de",
    "pt" -> "pt-BR"); None when no catalog has it."""
    if not isinstance(tag, str) or not tag.strip():
        return None
    wanted = tag.strip().replace("_", "-").lower()
    for name in LOCALES:
        if name.lower() == wanted:
            return name
    language = wanted.split("-")[0]
    for name in LOCALES:
        if name.lower().split("-")[0] == language:
            return name
    return None


def text(catalog: dict, key: str, **values) -> str:
    """The sentence ``key`` of ``catalog`` with its placeholders filled."""
    return catalog[key].format(**values) if values else catalog[key]

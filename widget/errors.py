"""Error codes the button shows in ``data-error``, and the human reason for each.

Every reason says what happened and what to do about it, because a bare
"Operation Not Allowed" or 403 is what teams could not explain before. The sentences
are in ``widget/locales/`` (``reason_<code>``), one catalog per language.
"""

from .locales.en import CATALOG as EN

NOT_CONNECTED = "not-connected"
REJECTED = "rejected"
TIMEOUT = "timeout"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
NOT_FOUND = "not-found"
BAD_REQUEST = "bad-request"
RATE_LIMITED = "rate-limited"
UNAVAILABLE = "unavailable"
MEDIA_NOT_MUTED = "media-not-muted"
NO_SDK = "no-sdk"
FORCED_MUTE = "forced-mute"

CODES = (
    NOT_CONNECTED,
    REJECTED,
    TIMEOUT,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_REQUEST,
    RATE_LIMITED,
    UNAVAILABLE,
    MEDIA_NOT_MUTED,
    NO_SDK,
    FORCED_MUTE,
)


def reason(code: str, detail: "str | None" = None, catalog: "dict | None" = None) -> str:
    """The sentence shown for ``code`` (in ``catalog``'s language, English by default), with
    the SDK's own words appended when given."""
    catalog = catalog or EN
    text = catalog.get("reason_" + code) or catalog["reason_" + REJECTED]
    if detail:
        return text + " (" + detail + ")"
    return text


def localize(code: str, text: str, catalog: dict) -> str:
    """An adapter's reason in the agent's language: its lead sentence, where it is the
    English one of ``code`` (as ``reason()`` wrote it), translated; what follows as it came."""
    lead = EN.get("reason_" + code)
    if catalog is EN or not lead or not text.startswith(lead):
        return text
    return catalog["reason_" + code] + text[len(lead) :]


def code_for_status(status: int) -> str:
    """The error code for an HTTP status a telephony API answered with."""
    if status == 400:
        return BAD_REQUEST
    if status == 401:
        return UNAUTHORIZED
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status == 429:
        return RATE_LIMITED
    if status >= 500 or status == 0:
        return UNAVAILABLE
    return REJECTED

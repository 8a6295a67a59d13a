"""Error codes the button shows in ``data-error``, and the human reason for each.

Every reason says what happened and what to do about it, because a bare
"Operation Not Allowed" or 403 is what teams could not explain before.
"""

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

_REASONS = {
    NOT_CONNECTED: "Mute works only during a connected call. Wait until the call is answered.",
    REJECTED: "The softphone refused to change the microphone. Nothing changed; "
    "try again, or use the softphone's own mute control.",
    TIMEOUT: "The softphone did not confirm the change in time, so the button shows "
    "the last confirmed state. Check the softphone before you speak.",
    UNAUTHORIZED: "The sign-in token was refused or has expired. Sign in again.",
    FORBIDDEN: "You are not allowed to change this microphone. "
    "Ask an administrator for the missing scope or permission.",
    NOT_FOUND: "The call or your place in it was not found. It may have ended.",
    BAD_REQUEST: "The mute request was not accepted as sent.",
    RATE_LIMITED: "Too many requests in a short time. Wait a moment and try again.",
    UNAVAILABLE: "The telephony service could not be reached. Check the network and try again.",
    MEDIA_NOT_MUTED: "The softphone reports muted, but your microphone audio is still "
    "being sent. The customer can hear you: use the softphone's own mute or hang up.",
    FORCED_MUTE: "A supervisor has muted you, and only a supervisor can lift it. Ask your "
    "supervisor to unmute you.",
    NO_SDK: "The softphone was not found, so this button cannot work. Check that the softphone's "
    "SDK is loaded on this page and that the widget is given the right object or path.",
}


def reason(code: str, detail: "str | None" = None) -> str:
    """The sentence shown for ``code``, with the SDK's own words appended when given."""
    text = _REASONS.get(code, _REASONS[REJECTED])
    if detail:
        return text + " (" + detail + ")"
    return text


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

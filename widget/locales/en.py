"""English: the widget's sentences (keys and placeholders as in en.py)."""

CATALOG = {
    "talk_notice": "You are muted: unmute to be heard",
    "label": "Mute",
    "announce_muted": "Microphone muted",
    "announce_on": "Microphone on",
    "hint_waiting_sdk": " (waiting for the softphone)",
    "hint_pending": " (waiting for the softphone to confirm)",
    "hint_forced": " (muted by a supervisor)",
    "hint_unavailable": " (available during a connected call)",
    "hint_unknown": " (microphone state unknown)",
    "title_waiting_sdk": "Waiting for the softphone ({what}) to load.",
    "title_pending": "Waiting for the softphone to confirm.",
    "title_forced": "A supervisor muted you: only a supervisor can unmute you.",
    "title_unavailable": "Mute is available during a connected call; {call}.",
    "title_unknown": "The softphone has not said whether your microphone is on: a press asks it "
    "to mute, and if nothing changes, the next press asks it to unmute.",
    "call_none": "no call",
    "call_ringing": "the call is still ringing",
    "call_held": "the call is on hold",
    "call_ended": "the call has ended",
    "call_unknown": "the call state is unknown",
    "detail_now": "now {call}",
    "detail_timeout": "no answer in {seconds} s",
    "detail_no_sdk": "{what} did not appear within {seconds} s",
    "reason_not-connected": "Mute works only during a connected call. Wait until the call is answered.",
    "reason_rejected": "The softphone refused to change the microphone. Nothing changed; try again, "
    "or use the softphone's own mute control.",
    "reason_timeout": "The softphone did not confirm the change in time, so the button shows the last "
    "confirmed state. Check the softphone before you speak.",
    "reason_unauthorized": "The sign-in token was refused or has expired. Sign in again.",
    "reason_forbidden": "You are not allowed to change this microphone. Ask an administrator for the "
    "missing scope or permission.",
    "reason_not-found": "The call or your place in it was not found. It may have ended.",
    "reason_bad-request": "The mute request was not accepted as sent.",
    "reason_rate-limited": "Too many requests in a short time. Wait a moment and try again.",
    "reason_unavailable": "The telephony service could not be reached. Check the network and try again.",
    "reason_media-not-muted": "The softphone reports muted, but your microphone audio is still being "
    "sent. The customer can hear you: use the softphone's own mute or hang up.",
    "reason_forced-mute": "A supervisor has muted you, and only a supervisor can lift it. Ask your "
    "supervisor to unmute you.",
    "reason_no-sdk": "The softphone was not found, so this button cannot work. Check that the "
    "softphone's SDK is loaded on this page and that the widget is given the right object or path.",
}

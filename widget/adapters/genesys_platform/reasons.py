"""Pure: what a Genesys Cloud refusal means, as the sentence that says what to fix.

Each reason names the request (``what``: "mute", "read the call", ...), the id or the
OAuth scope or role permission that was wrong, and what to do about it; none of them
contains the token.
"""

from .bodies import _get, _text


def api_message(body) -> str:
    """The API's own words from an ErrorBody (message, else messageWithParams), or ""."""
    if isinstance(body, str):
        return _text(body)
    return _text(_get(body, "message") or _get(body, "messageWithParams"))


def missing_permissions(body) -> list:
    """Permission names (domain:entity:action) an ErrorBody says are missing."""
    words = []
    params = _get(body, "messageParams")
    if isinstance(params, dict):
        for value in params.values():
            if isinstance(value, str):
                words.append(value)
    words.append(api_message(body))
    found = []
    for chunk in words:
        for word in chunk.replace(",", " ").replace("[", " ").replace("]", " ").split():
            word = word.strip(".;:'\"()")
            if word.count(":") >= 2 and " " not in word and word not in found:
                found.append(word)
    return found


def has_scope(authorized, needed: "tuple[str, ...]") -> "bool | None":
    """Whether ``authorizedScope`` grants one of ``needed``; None when it says nothing."""
    if not isinstance(authorized, list) or not authorized:
        return None
    granted = [s for s in authorized if isinstance(s, str)]
    for scope in needed:
        base = scope.split(":")[0]
        if scope in granted or (scope.endswith(":readonly") and base in granted):
            return True
    return False


def forbidden_reason(body, what: str, needed: "tuple[str, ...]", authorized) -> str:
    """The reason for a 403: a missing OAuth scope, a missing role permission, or the API's words.

    ``authorized`` is ``TokenInfo.authorizedScope`` (None when it could not be read).
    """
    scope_ok = has_scope(authorized, needed) if needed else None
    if scope_ok is False:
        have = ", ".join(s for s in authorized if isinstance(s, str))
        return (
            "Genesys Cloud refused to "
            + what
            + ": your token lacks the OAuth scope '"
            + "' or '".join(needed)
            + "' (it has: "
            + have
            + "). Add the scope to the OAuth "
            "client in Genesys Cloud Admin > Integrations > OAuth, then sign in again: a token "
            "keeps the scopes it was issued with."
        )
    permissions = missing_permissions(body)
    if permissions:
        return (
            "Genesys Cloud refused to "
            + what
            + ": your role lacks the permission "
            + " or ".join(permissions)
            + ". Ask a Genesys Cloud administrator to add it to your role"
            + (" (the token's OAuth scopes are fine)." if scope_ok else ".")
        )
    said = api_message(body)
    return (
        "Genesys Cloud refused to "
        + what
        + " (403"
        + (": " + said if said else "")
        + "). Check that the token has the OAuth scope '"
        + "' or '".join(needed or ("conversations",))
        + "' and that your role may change this call."
    )


def not_found_reason(body, ids: dict) -> str:
    """The reason for a 404, naming the id that was not found.

    ``ids`` maps a kind ("conversation", "participant", "user") to the id sent; the
    ErrorBody's entityId / entityName / message tell which of them was wrong.
    """
    entity_id = _get(body, "entityId")
    entity_name = str(_get(body, "entityName") or "").lower()
    said = api_message(body)
    kind = None
    for name, value in ids.items():
        if entity_id is not None and entity_id == value:
            kind = name
    if kind is None:
        for name in ids:
            if name in entity_name or name in said.lower():
                kind = name
                break
    if kind is None and len(ids) == 1:
        kind = next(iter(ids))
    if kind == "participant":
        return (
            "Participant "
            + ids["participant"]
            + " is not on conversation "
            + ids.get("conversation", "?")
            + " in Genesys Cloud (404). The call may have moved "
            "(a transfer gives a new participant id); reload the page, or pass the participant id "
            "of your own leg."
        )
    if kind == "conversation":
        return (
            "Conversation " + ids["conversation"] + " was not found in Genesys Cloud (404). The "
            "call may have ended, or the conversation id is wrong: pass the id of the current call."
        )
    named = ", ".join(k + " " + v for k, v in ids.items())
    return "Genesys Cloud found no such " + named + " (404" + (": " + said if said else "") + ")."


def error_reason(status: int, body, what: str, ids: dict, retry_after=None, has_provider=False) -> str:
    """The reason for every failure but 403 (see forbidden_reason)."""
    said = api_message(body)
    if status == 401:
        return (
            "Genesys Cloud refused the sign-in token (401: it expired or was revoked), so the widget "
            "could not "
            + what
            + ". Sign in again"
            + (
                "; the token_provider's new token was refused too."
                if has_provider
                else ", or give the widget a token_provider that returns a fresh token."
            )
        )
    if status == 404:
        return not_found_reason(body, ids)
    if status == 400:
        return (
            "Genesys Cloud did not accept the request to "
            + what
            + " (400"
            + (": " + said if said else "")
            + "). Check that the conversation is a voice call "
            "and that the ids are the call's own."
        )
    if status == 429:
        wait = ""
        if isinstance(retry_after, (int, float)):
            wait = " about " + str(int(retry_after + 0.999)) + " s"
        return (
            "Genesys Cloud is rate-limiting this token (429 Too Many Requests), so the widget could "
            "not " + what + ". Wait" + wait + " and try again; other apps using the same OAuth "
            "client share the limit."
        )
    if status == 0:
        return (
            "Genesys Cloud could not be reached to "
            + what
            + " ("
            + (said or "network error")
            + "). Check the network connection and the region or api_base, then try again."
        )
    if status >= 500:
        return (
            "Genesys Cloud had a problem and could not "
            + what
            + " (HTTP "
            + str(status)
            + (": " + said if said else "")
            + "). Try again in a moment; if it persists, check "
            "the Genesys Cloud status page."
        )
    return (
        "Genesys Cloud answered HTTP "
        + str(status)
        + " to the request to "
        + what
        + (": " + said if said else ".")
    )


def not_on_call_reason(conversation_id: str) -> str:
    return (
        "You are not a participant on this call (conversation " + conversation_id + "): Genesys "
        "Cloud mutes only a participant's own line, so a supervisor cannot mute an agent from here. "
        "Ask the agent to mute, or monitor, coach or barge in through Genesys Cloud."
    )


def no_token_reason(why: str) -> str:
    """The token_provider gave nothing usable when a new token was needed."""
    return (
        "The token_provider gave no new token (" + (why or "an empty answer") + "), so Genesys "
        "Cloud cannot be asked. Sign in again."
    )


def no_id_reason(answer: str, what: str) -> str:
    """An answer that lacked the id the widget needs (``answer``: "/users/me", "conversation")."""
    return "Genesys Cloud's " + answer + " answer had no " + what + "."

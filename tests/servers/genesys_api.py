"""A local Genesys Cloud Platform API for the tests and the demo: real HTTP and WebSocket
on loopback, with the paths, bodies and error bodies of the real API
(npm ``purecloud-platform-client-v2``: its ``src/.../api/*.js`` build the paths, its
``index.d.ts`` has the models).

    python -m tests.servers.genesys_api --port 8001 [--heartbeat 30]

The API (bearer token required, CORS open so a page on another origin can call it):

    GET   /api/v2/users/me                                                     UserMe
    GET   /api/v2/tokens/me                                                    TokenInfo
    GET   /api/v2/conversations/calls/{conversationId}                         CallConversation
    PATCH /api/v2/conversations/calls/{conversationId}/participants/{pid}      202, no body
    POST  /api/v2/notifications/channels                                       Channel
    PUT   /api/v2/notifications/channels/{channelId}/subscriptions             ChannelTopicEntityListing
    WS    /channels/{channelId}     notifications {topicName, eventBody} and heartbeats

Scopes and permissions are checked as the real service does (a 403 for a missing
scope does not name it; one for a missing permission does). After each change of a
call every subscribed channel gets ``v2.users.{userId}.conversations`` (participants
with ``calls[]``) or ``v2.users.{userId}.conversations.calls`` (the flatter shape).

The control API (no token; for tests and the demo's panel), all JSON:

    POST /__control/reset      {agentState?, muted?, heartbeat?}  fresh state, new tokens
    GET  /__control/session?user=agent|supervisor   {token, apiBase, conversationId, ...}
    POST /__control/tokens     {user, scopes?}      a new token for user   -> {token}
    POST /__control/tokens/expire {user}            every token of user answers 401
    POST /__control/users      {user, permissions?, scopes?}  role permissions, scopes of new tokens
    POST /__control/call       {user?, state?, muted?, held?}   the phone changes the call
    POST /__control/confirm    {mode: normal|slow|never|silent, delay?}  how a mute lands
    POST /__control/fault      {method?, path?, status | drop, times? | seconds?, retryAfter?, message?}
    POST /__control/sockets/drop  {refuse?}         close every socket (refuse the next n)
    POST /__control/heartbeat  {interval?, paused?}
    GET  /__control/log        [{method, path, status, token, body?}]  API requests, oldest first
    GET  /__control/state      users, conversation, channels (no tokens)

Tokens are random for each reset and never printed; the log names them by label.
"""

import argparse
import asyncio
import contextlib
import json
import secrets
import threading
import time
import urllib.request

from aiohttp import WSMsgType, web

AGENT = "7c2f4d0a-1b7e-4a4e-9f55-0a1c2b3d4e01"
SUPERVISOR = "7c2f4d0a-1b7e-4a4e-9f55-0a1c2b3d4e02"
CONVERSATION = "5d0c1f0e-8a3b-4c71-b2e4-6f9a00c0ffee"
CUSTOMER_PID = "9a8b7c6d-0000-4000-8000-00000000c001"
AGENT_PID = "9a8b7c6d-0000-4000-8000-00000000a001"
ORG = {"id": "b8f0a7a2-0000-4000-8000-0000000000a1", "name": "Northwind"}
ALL_SCOPES = ["conversations", "notifications", "users:readonly"]
MUTE_PERMISSIONS = [
    "conversation:participant:wrapup",
    "conversation:call:record",
    "conversation:communication:disconnect",
]
USERS = {
    "agent": {"id": AGENT, "name": "Alex Morgan", "permissions": ["conversation:participant:wrapup"]},
    "supervisor": {"id": SUPERVISOR, "name": "Sam Rivera", "permissions": ["conversation:call:monitor"]},
}
ERROR_CODES = {
    400: "bad.request",
    401: "authentication.required",
    403: "not.authorized",
    404: "not.found",
    429: "too.many.requests",
    500: "internal.server.error",
    502: "bad.gateway",
    503: "service.unavailable",
    504: "gateway.timeout",
}
ERROR_MESSAGES = {
    400: "The request could not be understood by the server due to malformed syntax.",
    401: "Authentication failed.",
    403: "You are not authorized to perform the requested action.",
    404: "The requested resource was not found.",
    429: "Rate limit exceeded the maximum. Retry the request after the period in the Retry-After header.",
    500: "The server encountered an unexpected condition.",
    502: "The server received an invalid response from an upstream server.",
    503: "The service is currently unavailable.",
    504: "The server did not receive a timely response from an upstream server.",
}

_TASKS: set = set()
TOKEN = web.RequestKey("token", dict)  # the request's token: {user, scopes, label, valid}


def background(coro) -> None:
    """Run coro on the running loop, keeping a reference until it is done."""
    task = asyncio.ensure_future(coro)
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)


def error_body(status: int, message: "str | None" = None, **extra) -> dict:
    """A Models.ErrorBody as the real API sends it."""
    body = {
        "message": message or ERROR_MESSAGES.get(status, "Error"),
        "code": ERROR_CODES.get(status, "error"),
        "status": status,
        "messageParams": {},
        "contextId": secrets.token_hex(8),
        "details": [],
        "errors": [],
    }
    body.update(extra)
    return body


class ApiState:
    """Users, tokens, one call, channels, faults and the request log."""

    def __init__(self, heartbeat: float = 30.0) -> None:
        self.default_heartbeat = heartbeat
        self.sockets: dict = {}  # channel id -> set of WebSocketResponse
        self.reset()

    def reset(self, agent_state: str = "connected", muted: bool = False, heartbeat=None) -> None:
        self.users = {
            key: dict(value, permissions=list(value["permissions"])) for key, value in USERS.items()
        }
        for user in self.users.values():
            user["scopes"] = list(ALL_SCOPES)  # what a newly issued token gets
        self.tokens = {}  # token -> {user, scopes, label, valid}
        for key in self.users:
            self.issue(key)
        self.conversation = {
            "id": CONVERSATION,
            "participants": [
                {"id": CUSTOMER_PID, "purpose": "customer", "name": "Dana Whitfield", "user": None,
                 "state": "connected", "muted": False, "held": False},
                {"id": AGENT_PID, "purpose": "agent", "name": self.users["agent"]["name"],
                 "user": AGENT, "state": agent_state, "muted": muted, "held": False},
            ],
        }  # fmt: skip
        self.channels = {}  # id -> {topics: [..], user}
        self.faults = []
        self.confirm_mode, self.confirm_delay = "normal", 0.05
        self.heartbeat = self.default_heartbeat if heartbeat is None else float(heartbeat)
        self.heartbeat_paused = False
        self.refuse_sockets = 0
        self.log = []
        self.socket_log = []
        for sockets in self.sockets.values():
            for ws in list(sockets):
                background(ws.close(code=1001, message=b"reset"))

    # -- tokens and users -------------------------------------------------------
    def issue(self, user: str, scopes: "list | None" = None) -> str:
        token = "gc-" + secrets.token_urlsafe(24)
        count = sum(1 for t in self.tokens.values() if t["user"] == user) + 1
        self.tokens[token] = {
            "user": user, "scopes": list(self.users[user]["scopes"] if scopes is None else scopes),
            "label": user + "-" + str(count), "valid": True,
        }  # fmt: skip
        return token

    def token_for(self, user: str) -> str:
        for token, info in reversed(list(self.tokens.items())):
            if info["user"] == user and info["valid"]:
                return token
        return self.issue(user)

    def user_id(self, key: str) -> str:
        return self.users[key]["id"]

    def user_key(self, user_id: str) -> "str | None":
        for key, user in self.users.items():
            if user["id"] == user_id:
                return key
        return None

    # -- the call --------------------------------------------------------------------
    def participant(self, pid: str) -> "dict | None":
        for person in self.conversation["participants"]:
            if person["id"] == pid:
                return person
        return None

    def rest_conversation(self) -> dict:
        """Models.CallConversation."""
        people = []
        for p in self.conversation["participants"]:
            entry = {
                "id": p["id"], "name": p["name"], "purpose": p["purpose"], "state": p["state"],
                "direction": "inbound", "held": p["held"], "muted": p["muted"], "confined": False,
                "recording": False,
            }  # fmt: skip
            if p["user"]:
                entry["user"] = {"id": p["user"], "selfUri": "/api/v2/users/" + p["user"]}
            people.append(entry)
        return {
            "id": CONVERSATION, "participants": people, "recordingState": "none",
            "selfUri": "/api/v2/conversations/calls/" + CONVERSATION,
        }  # fmt: skip

    def topic_conversation(self) -> dict:
        """Models.ConversationEventTopicConversation (participants[].calls[])."""
        people = []
        for p in self.conversation["participants"]:
            call = {
                "id": "call-" + p["id"][-4:], "state": p["state"], "muted": p["muted"],
                "held": p["held"], "confined": False, "direction": "inbound",
            }  # fmt: skip
            entry = {"id": p["id"], "name": p["name"], "purpose": p["purpose"], "calls": [call]}
            if p["user"]:
                entry["userId"] = p["user"]
            people.append(entry)
        return {"id": CONVERSATION, "participants": people}

    def topic_calls(self) -> dict:
        """Models.ConversationCallEventTopicCallConversation (the flatter shape)."""
        return self.rest_conversation()

    def change(self, person: dict, **fields) -> None:
        person.update({k: v for k, v in fields.items() if v is not None})
        self.push()

    def push(self) -> None:
        users = {p["user"] for p in self.conversation["participants"] if p["user"]}
        for channel_id, channel in self.channels.items():
            for topic in channel["topics"]:
                parts = topic.split(".")
                if len(parts) < 4 or parts[2] not in users:
                    continue
                body = self.topic_calls() if topic.endswith(".calls") else self.topic_conversation()
                self.send(channel_id, {"topicName": topic, "version": "2", "eventBody": body,
                                       "metadata": {"CorrelationId": secrets.token_hex(8)}})  # fmt: skip

    def send(self, channel_id: str, message: dict) -> None:
        text = json.dumps(message)
        for ws in list(self.sockets.get(channel_id, ())):
            if not ws.closed:
                background(ws.send_str(text))

    # -- faults ------------------------------------------------------------------------
    def take_fault(self, method: str, path: str) -> "dict | None":
        for fault in self.faults:
            if fault.get("method") and fault["method"].upper() != method:
                continue
            if fault.get("path") and fault["path"] not in path:
                continue
            if "until" in fault:  # a fault for a while (a network outage), not a number of times
                if time.monotonic() > fault["until"]:
                    self.faults.remove(fault)
                    continue
                return fault
            fault["times"] -= 1
            if fault["times"] <= 0:
                self.faults.remove(fault)
            return fault
        return None


def json_response(body, status: int = 200, headers: "dict | None" = None) -> web.Response:
    return web.json_response(body, status=status, headers=headers)


def make_app(state: ApiState) -> web.Application:
    """The aiohttp application (state is shared with the caller)."""
    routes = web.RouteTableDef()

    @web.middleware
    async def cors_and_log(request: web.Request, handler):
        if request.method == "OPTIONS":
            response = web.Response(status=204)
        elif request.path.startswith("/__control") or request.path.startswith("/channels/"):
            response = await handler(request)
        else:
            entry = {"method": request.method, "path": request.path, "status": None, "token": None}
            state.log.append(entry)
            response = await api(request, handler, entry)
            entry["status"] = response.status
        origin = request.headers.get("Origin")
        response.headers["Access-Control-Allow-Origin"] = origin or "*"
        response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Accept"
        response.headers["Access-Control-Expose-Headers"] = "Retry-After, inin-correlation-id"
        response.headers["Access-Control-Max-Age"] = "600"
        response.headers["Cache-Control"] = "no-store"
        # No keep-alive: a browser sends a request again by itself when a kept-alive
        # connection closes under it, which would hide a dropped connection (the "drop" fault).
        response.force_close()
        return response

    async def api(request: web.Request, handler, entry: dict) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else ""
        info = state.tokens.get(token)
        entry["token"] = info["label"] if info else ("invalid" if token else None)
        if request.method in ("PATCH", "PUT") and request.can_read_body:
            with contextlib.suppress(ValueError):
                entry["body"] = await request.json()
        fault = state.take_fault(request.method, request.path)
        if fault is not None:
            if fault.get("delay"):
                await asyncio.sleep(float(fault["delay"]))
            if fault.get("drop"):
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=599)
            status = int(fault["status"])
            extra = {}
            if status == 404:
                ids = [part for part in request.path.split("/") if len(part) > 20]
                if ids:
                    kind = "participant" if "/participants/" in request.path else "conversation"
                    extra = {"entityId": ids[-1], "entityName": kind}
            headers = {"Retry-After": str(fault["retryAfter"])} if "retryAfter" in fault else None
            return json_response(error_body(status, fault.get("message"), **extra), status, headers)
        if info is None or not info["valid"]:
            message = "Invalid login credentials." if token else "No authentication bearer token specified."
            code = "bad.credentials" if token else "authentication.required"
            return json_response(error_body(401, message, code=code), 401)
        request[TOKEN] = info
        return await handler(request)

    def needs_scope(request: web.Request, *scopes: str) -> "web.Response | None":
        granted = request[TOKEN]["scopes"]
        for scope in scopes:
            if scope in granted or (scope.endswith(":readonly") and scope.split(":")[0] in granted):
                return None
        # The real service names no scope here: tokens/me tells the client what it has.
        return json_response(error_body(403, "This request requires a scope the token was not granted."), 403)

    def needs_permission(request: web.Request, any_of: list) -> "web.Response | None":
        have = state.users[request[TOKEN]["user"]]["permissions"]
        if any(p in have for p in any_of):
            return None
        listed = ", ".join(any_of)
        return json_response(
            error_body(
                403,
                "Unable to perform the requested action. You must have at least one of the following "
                "permissions assigned: [" + listed + "]",
                code="missing.any.permissions",
                messageWithParams="Unable to perform the requested action. You must have at least one "
                "of the following permissions assigned: {permissions}",
                messageParams={"permissions": "[" + listed + "]"},
            ),
            403,
        )

    @routes.get("/api/v2/users/me")
    async def users_me(request):
        user = state.users[request[TOKEN]["user"]]
        return json_response({"id": user["id"], "name": user["name"], "state": "active",
                              "selfUri": "/api/v2/users/" + user["id"]})  # fmt: skip

    @routes.get("/api/v2/tokens/me")
    async def tokens_me(request):
        info = request[TOKEN]
        return json_response({
            "organization": ORG, "homeOrganization": ORG, "authorizedScope": info["scopes"],
            "OAuthClient": {"id": "c1d2e3f4-0000-4000-8000-0000000000c1", "name": "Supervisor overlay"},
        })  # fmt: skip

    @routes.get("/api/v2/conversations/calls/{cid}")
    async def get_call(request):
        refused = needs_scope(request, "conversations:readonly")
        if refused:
            return refused
        if request.match_info["cid"] != CONVERSATION:
            return not_found("conversation", request.match_info["cid"])
        return json_response(state.rest_conversation())

    def not_found(kind: str, entity: str) -> web.Response:
        message = kind.capitalize() + " " + entity + " was not found."
        return json_response(error_body(404, message, entityId=entity, entityName=kind), 404)

    @routes.patch("/api/v2/conversations/calls/{cid}/participants/{pid}")
    async def patch_participant(request):
        refused = needs_scope(request, "conversations")
        if refused:
            return refused
        if request.match_info["cid"] != CONVERSATION:
            return not_found("conversation", request.match_info["cid"])
        person = state.participant(request.match_info["pid"])
        if person is None:
            return not_found("participant", request.match_info["pid"])
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or ("muted" in body and not isinstance(body["muted"], bool)):
            return json_response(
                error_body(400, "The request body is not a valid MediaParticipantRequest."), 400
            )
        refused = needs_permission(request, MUTE_PERMISSIONS)
        if refused:
            return refused
        if person["user"] != state.user_id(request[TOKEN]["user"]):
            return json_response(
                error_body(403, "Only the participant may change its own call.", code="not.authorized"), 403
            )
        if "muted" in body:
            if person["state"] != "connected":
                return json_response(error_body(400, "The call is not connected; it cannot be muted."), 400)
            background(land_mute(person, body["muted"]))
        return web.Response(status=202)

    async def land_mute(person: dict, muted: bool) -> None:
        mode = state.confirm_mode
        if mode == "never":
            return
        await asyncio.sleep(state.confirm_delay)
        if mode == "silent":
            person["muted"] = muted
            return
        state.change(person, muted=muted)

    @routes.post("/api/v2/notifications/channels")
    async def create_channel(request):
        refused = needs_scope(request, "notifications")
        if refused:
            return refused
        channel = secrets.token_hex(12)
        state.channels[channel] = {"topics": [], "user": request[TOKEN]["user"]}
        expires = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 86400))
        uri = "ws://" + request.host + "/channels/" + channel
        return json_response({"connectUri": uri, "id": channel, "expires": expires})

    @routes.put("/api/v2/notifications/channels/{channel}/subscriptions")
    async def subscribe(request):
        refused = needs_scope(request, "notifications")
        if refused:
            return refused
        channel = state.channels.get(request.match_info["channel"])
        if channel is None:
            return not_found("channel", request.match_info["channel"])
        try:
            topics = await request.json()
        except ValueError:
            topics = None
        if not isinstance(topics, list) or not all(isinstance(t, dict) and "id" in t for t in topics):
            return json_response(error_body(400, "The body must be a list of ChannelTopic."), 400)
        own = "v2.users." + state.user_id(request[TOKEN]["user"]) + ".conversations"
        entities, channel["topics"] = [], []
        for topic in topics:
            allowed = topic["id"] in (own, own + ".calls")
            entities.append({"id": topic["id"], "state": "Permitted" if allowed else "Rejected"})
            if allowed:
                channel["topics"].append(topic["id"])
        return json_response({"entities": entities})

    @routes.get("/channels/{channel}")
    async def socket(request):
        channel = request.match_info["channel"]
        state.socket_log.append({"channel": channel, "at": time.time()})
        if channel not in state.channels:
            return web.Response(status=404)
        if state.refuse_sockets > 0:
            state.refuse_sockets -= 1
            return web.Response(status=503)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        state.sockets.setdefault(channel, set()).add(ws)
        beat = asyncio.ensure_future(heartbeats(ws))
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT and '"ping"' in msg.data:
                    await ws.send_str(
                        json.dumps({"topicName": "channel.metadata", "eventBody": {"message": "pong"}})
                    )
        finally:
            beat.cancel()
            state.sockets.get(channel, set()).discard(ws)
        return ws

    async def heartbeats(ws) -> None:
        while not ws.closed:
            await asyncio.sleep(state.heartbeat)
            if not state.heartbeat_paused and not ws.closed:
                message = {"topicName": "channel.metadata", "eventBody": {"message": "WebSocket Heartbeat"}}
                with contextlib.suppress(Exception):
                    await ws.send_str(json.dumps(message))

    # -- control ----------------------------------------------------------------------
    async def body_of(request) -> dict:
        if not request.can_read_body:
            return {}
        try:
            body = await request.json()
        except ValueError:
            return {}
        return body if isinstance(body, dict) else {}

    @routes.post("/__control/reset")
    async def reset(request):
        body = await body_of(request)
        state.reset(body.get("agentState", "connected"), bool(body.get("muted")), body.get("heartbeat"))
        return json_response({"ok": True})

    @routes.get("/__control/session")
    async def session(request):
        user = request.query.get("user", "agent")
        if user not in state.users:
            return json_response({"error": "no such user"}, 404)
        return json_response({
            "token": state.token_for(user), "user": state.users[user]["name"], "userId": state.user_id(user),
            "apiBase": "http://" + request.host, "conversationId": CONVERSATION, "participantId": AGENT_PID,
        })  # fmt: skip

    @routes.post("/__control/tokens")
    async def new_token(request):
        body = await body_of(request)
        return json_response({"token": state.issue(body.get("user", "agent"), body.get("scopes"))})

    @routes.post("/__control/tokens/expire")
    async def expire(request):
        body = await body_of(request)
        for info in state.tokens.values():
            if info["user"] == body.get("user", "agent"):
                info["valid"] = False
        return json_response({"ok": True})

    @routes.post("/__control/users")
    async def users(request):
        body = await body_of(request)
        user = state.users[body.get("user", "agent")]
        for key in ("permissions", "scopes"):
            if key in body:
                user[key] = list(body[key])
        return json_response({"ok": True})

    @routes.post("/__control/call")
    async def call(request):
        body = await body_of(request)
        person = next(
            p for p in state.conversation["participants"] if p["purpose"] == body.get("who", "agent")
        )
        state.change(person, state=body.get("state"), muted=body.get("muted"), held=body.get("held"))
        return json_response({"ok": True})

    @routes.post("/__control/confirm")
    async def confirm(request):
        body = await body_of(request)
        state.confirm_mode = body.get("mode", "normal")
        state.confirm_delay = float(body.get("delay", 0.05))
        return json_response({"ok": True})

    @routes.post("/__control/fault")
    async def fault(request):
        body = await body_of(request)
        body["times"] = int(body.get("times", 1))
        if "seconds" in body:
            body["until"] = time.monotonic() + float(body["seconds"])
        if "status" not in body and not body.get("drop"):
            return json_response({"error": "a fault needs status or drop"}, 400)
        state.faults.append(body)
        return json_response({"ok": True})

    @routes.post("/__control/sockets/drop")
    async def drop(request):
        body = await body_of(request)
        state.refuse_sockets = int(body.get("refuse", 0))
        sockets = [ws for held in state.sockets.values() for ws in list(held)]
        for ws in sockets:
            background(ws.close(code=1011, message=b"dropped"))
        return json_response({"closed": len(sockets)})

    @routes.post("/__control/notify")
    async def notify(request):
        """Send each of body["texts"] as it is, in order, on every open notification socket:
        what a test makes of the channel (malformed, foreign, hostile) reaches the page."""
        body = await body_of(request)
        texts = [str(text) for text in body.get("texts", [])]
        sockets = [ws for held in state.sockets.values() for ws in list(held) if not ws.closed]
        for ws in sockets:
            for text in texts:
                await ws.send_str(text)
        return json_response({"sockets": len(sockets), "sent": len(texts) * len(sockets)})

    @routes.post("/__control/heartbeat")
    async def heartbeat(request):
        body = await body_of(request)
        if "interval" in body:
            state.heartbeat = float(body["interval"])
        state.heartbeat_paused = bool(body.get("paused", False))
        return json_response({"ok": True})

    @routes.get("/__control/log")
    async def log(request):
        return json_response(state.log)

    @routes.get("/__control/state")
    async def show(request):
        return json_response({
            "users": state.users, "conversation": state.rest_conversation(),
            "channels": state.channels, "sockets": {k: len(v) for k, v in state.sockets.items()},
            "socketLog": state.socket_log,
            "faults": [f for f in state.faults if f.get("until", float("inf")) > time.monotonic()],
        })  # fmt: skip

    # client_max_size: /__control/notify carries big texts
    app = web.Application(middlewares=[cors_and_log], client_max_size=64 * 2**20)
    app.add_routes(routes)

    async def preflight(request):
        return web.Response(status=204)

    app.router.add_route("OPTIONS", "/{tail:.*}", preflight)
    return app


class ServerThread:
    """The server on 127.0.0.1 in a daemon thread, for tests: start(), url, control(), stop()."""

    def __init__(self, port: int = 0, heartbeat: float = 30.0) -> None:
        self.state = ApiState(heartbeat)
        self.port = port
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return "http://127.0.0.1:" + str(self.port)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        runner = web.AppRunner(make_app(self.state), access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", self.port)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._runner = runner
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())

    def start(self) -> "ServerThread":
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the Genesys API server did not start")
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def control(self, path: str, body: "dict | None" = None):
        """Call the control API: GET for log, state and session, POST (with body or {}) for the rest."""
        get = path.split("?")[0] in ("log", "state", "session")
        data = None if get else json.dumps(body or {}).encode()
        request = urllib.request.Request(
            self.url + "/__control/" + path, data=data, method="GET" if get else "POST"
        )
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--heartbeat", type=float, default=30.0, help="seconds between heartbeats")
    parser.add_argument("--agent-state", default="alerting", help="the agent's call state at start")
    args = parser.parse_args()
    state = ApiState(args.heartbeat)
    state.reset(args.agent_state)
    print(f"Local Genesys Cloud API on http://127.0.0.1:{args.port}/  (Ctrl+C stops)", flush=True)
    web.run_app(make_app(state), host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()

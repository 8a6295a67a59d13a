"""Every Genesys Cloud name the GenesysPlatform adapter and the local API server use
exists in the real SDK, npm ``purecloud-platform-client-v2`` (installed and pinned):
API methods and model fields in its ``index.d.ts``, REST paths and verbs where each
method builds its request in ``src/purecloud-platform-client-v2/api/*.js``, and the
notification envelope in ``genesys-cloud-webrtc-sdk``'s typings."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SDK = ROOT / "node_modules" / "purecloud-platform-client-v2"
WEBRTC = ROOT / "node_modules" / "genesys-cloud-webrtc-sdk" / "dist" / "es" / "types" / "interfaces.d.ts"
ADAPTER = ROOT / "widget" / "adapters" / "genesys_platform"  # a package: one concern a module
SERVER = ROOT / "tests" / "servers" / "genesys_api.py"

# (API class, method, HTTP verb, path as the SDK builds it)
CALLS = [
    ("UsersApi", "getUsersMe", "GET", "/api/v2/users/me"),
    ("TokensApi", "getTokensMe", "GET", "/api/v2/tokens/me"),
    ("ConversationsApi", "getConversationsCall", "GET", "/api/v2/conversations/calls/{conversationId}"),
    (
        "ConversationsApi",
        "patchConversationsCallParticipant",
        "PATCH",
        "/api/v2/conversations/calls/{conversationId}/participants/{participantId}",
    ),
    ("NotificationsApi", "postNotificationsChannels", "POST", "/api/v2/notifications/channels"),
    (
        "NotificationsApi",
        "putNotificationsChannelSubscriptions",
        "PUT",
        "/api/v2/notifications/channels/{channelId}/subscriptions",
    ),
]

# The models whose fields the adapter reads or sends, and the fields it relies on.
MODELS = {
    "UserMe": ["id", "name"],
    "TokenInfo": ["authorizedScope", "organization", "homeOrganization", "OAuthClient"],
    "MediaParticipantRequest": ["muted", "held", "state"],
    "CallConversation": ["id", "participants", "recordingState", "selfUri"],
    "CallMediaParticipant": [
        "id",
        "name",
        "purpose",
        "state",
        "direction",
        "held",
        "muted",
        "confined",
        "user",
    ],
    "DomainEntityRef": ["id", "selfUri"],
    "Channel": ["id", "connectUri", "expires"],
    "ChannelTopic": ["id", "state"],
    "ChannelTopicEntityListing": ["entities"],
    "ErrorBody": [
        "message",
        "code",
        "status",
        "entityId",
        "entityName",
        "messageWithParams",
        "messageParams",
        "contextId",
        "details",
        "errors",
    ],
    "ConversationEventTopicConversation": ["id", "participants"],
    "ConversationEventTopicParticipant": ["id", "userId", "name", "purpose", "calls"],
    "ConversationEventTopicCall": ["id", "state", "muted", "held", "confined", "direction"],
    "ConversationCallEventTopicCallConversation": ["id", "participants"],
    "ConversationCallEventTopicCallMediaParticipant": ["id", "user", "state", "muted", "held", "purpose"],
    "ConversationCallEventTopicUriReference": ["id"],
}


def _adapter_source() -> str:
    """Every module of the adapter's package, as one text."""
    modules = sorted(ADAPTER.glob("*.py"))
    assert modules, f"no modules in {ADAPTER}"
    return "\n".join(p.read_text() for p in modules)


def _typings() -> str:
    path = SDK / "index.d.ts"
    if not path.is_file():
        pytest.fail("node_modules/purecloud-platform-client-v2 is missing: run `make test` (npm ci) first")
    return path.read_text()


def _block(text: str, opener: str) -> str:
    """The text of `opener { ... }` up to its closing brace at the same indentation."""
    start = text.find(opener)
    if start < 0:
        return ""
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    end = text.find("\n" + indent + "}", start)
    return text[start:end]


def model_fields(name: str) -> set:
    block = _block(_typings(), "export interface " + name + " {")
    return set(re.findall(r'^\s*"([^"]+)"\??:', block, re.M))


@pytest.mark.parametrize(("api", "method", "verb", "path"), CALLS)
def test_api_method_exists_and_builds_the_path(api, method, verb, path):
    klass = _block(_typings(), "declare class " + api + " {")
    assert re.search(r"^\s*" + method + r"\(", klass, re.M), f"{api}.{method} is not in index.d.ts"
    source = (SDK / "src" / "purecloud-platform-client-v2" / "api" / (api + ".js")).read_text()
    start = source.index("\t" + method + "(")
    body = source[start : source.index("\n\t}\n", start)]
    built = re.search(r"callApi\(\s*'([^']+)',\s*'([A-Z]+)'", body)
    assert built is not None, f"{api}.{method}: no callApi in the SDK source"
    assert built.groups() == (path, verb)


@pytest.mark.parametrize(("api", "method", "verb", "path"), CALLS)
def test_adapter_and_server_use_exactly_these_paths(api, method, verb, path):
    prefix = path.split("{")[0].replace("/api/v2", "")
    assert prefix in _adapter_source(), f"the adapter does not call {path}"
    route = re.sub(r"\{(\w+)\}", "{", path)
    server_routes = [
        re.sub(r"\{(\w+)\}", "{", r) for r in re.findall(r'@routes\.\w+\("([^"]+)"\)', SERVER.read_text())
    ]
    assert route in server_routes, f"the local server has no route for {verb} {path}"


@pytest.mark.parametrize(("model", "fields"), MODELS.items())
def test_model_fields_exist(model, fields):
    have = model_fields(model)
    assert have, f"Models.{model} is not in index.d.ts"
    missing = sorted(set(fields) - have)
    assert not missing, f"Models.{model} has no {missing}"


def test_every_field_the_adapter_reads_is_a_model_field():
    known = set().union(*(model_fields(m) for m in MODELS))
    source = _adapter_source()
    read = set(re.findall(r'_get\([^)]*?"(\w+)"', source))
    for call in re.findall(r"_get\(([^)]*)\)", source):
        read.update(re.findall(r'"(\w+)"', call))
    read.update(re.findall(r'\.get\("(\w+)"\)', source))
    envelope = {"topicName", "eventBody"}  # the notification envelope, checked below
    unknown = sorted(read - known - envelope)
    assert read, "found no field reads in the adapter"
    assert not unknown, f"the adapter reads fields that no model has: {unknown}"


def test_the_adapter_sends_only_media_participant_request_fields():
    source = _adapter_source()
    sent = set(re.findall(r'\{"(\w+)": bool\(muted\)\}', source))
    assert sent == {"muted"}
    assert sent <= model_fields("MediaParticipantRequest")


def test_notification_envelope_is_the_sdks():
    text = WEBRTC.read_text()
    block = _block(text, "export interface SubscriptionEvent {")
    assert "topicName: string;" in block and "eventBody: any;" in block
    source = _adapter_source()
    assert '"topicName"' in source and '"eventBody"' in source


def test_server_error_bodies_use_only_error_body_fields():
    source = SERVER.read_text()
    block = source[source.index("def error_body(") : source.index("class ApiState")]
    keys = set(re.findall(r'"(\w+)":', block))
    assert keys <= model_fields("ErrorBody"), sorted(keys - model_fields("ErrorBody"))

// The supervisor overlay (supervisor.html): a queue dashboard whose mute toggle is the
// widget on the Genesys Cloud Platform API, against the local API server
// (tests/servers/genesys_api.py, started by `make demo` on port 8001).
//   supervisor.html?as=agent|supervisor   who is signed in (default: agent)
//   supervisor.html?interp=mpy            MicroPython instead of Pyodide
//   supervisor.html?api=http://127.0.0.1:8001   where the API server is
// The server's /__control/session stands in for the OAuth sign-in. The token stays in
// this module's closure and is handed to Python once; nothing here shows or logs it.
import { boot, interp, runtimeName, DEMO_CONFIGS } from "./boot.js";
import { eventLog } from "./log.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const who = params.get("as") === "supervisor" ? "supervisor" : "agent";
const api = (params.get("api") ?? "http://127.0.0.1:8001").replace(/\/+$/, "");

// -- the switches at the top keep the other settings ----------------------------------
function link(id, changes) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  $(id).href = `./supervisor.html${query ? `?${query}` : ""}`;
}
link("as-agent", { as: null });
link("as-supervisor", { as: "supervisor" });
link("interp-py", { interp: null });
link("interp-mpy", { interp: "mpy" });
$(`as-${who}`).setAttribute("aria-current", "page");
$(`interp-${interp}`).setAttribute("aria-current", "page");
document.documentElement.dataset.interp = interp;
$("runtime").textContent = `Starting ${runtimeName}…`;

const addLog = eventLog({ call: "API" });

// -- the local Genesys Cloud: its control API -------------------------------------------
async function control(path, body) {
  const response = await fetch(`${api}/__control/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return response.json();
}

let session;
try {
  session = await control(`session?user=${who}`);
} catch {
  $("offline-api").textContent = api;
  $("offline").hidden = false;
  $("runtime").textContent = "API server offline";
  document.documentElement.dataset.widgetError = "1";
  throw new Error(`the local Genesys Cloud API server does not answer at ${api}`);
}
$("user-name").textContent = session.user;
$("user-initials").textContent = session.user.split(" ").map((w) => w[0]).join("");
let firstToken = session.token;
delete session.token;

// What demo/supervisor.py reads: the ids, the token once, and the token provider.
window.overlaySession = { apiBase: session.apiBase, conversationId: session.conversationId };
window.takeOverlayToken = () => {
  const token = firstToken;
  firstToken = null;
  return token;
};
window.renewOverlayToken = async () => {
  addLog("demo", "token_provider asked for a new token");
  return (await control("tokens", { user: who })).token;
};

// -- the agent's phone, as Genesys Cloud sees it ---------------------------------------
const CALL_TEXT = { alerting: "Ringing", connected: "On call", disconnected: "Call ended" };
let agentLeg = null;
function renderCloud(conversation) {
  agentLeg = conversation.participants.find((p) => p.purpose === "agent");
  const state = agentLeg.held ? "held" : agentLeg.state;
  $("cloud-call").textContent = agentLeg.held ? "connected, on hold" : agentLeg.state;
  $("cloud-mic").textContent = agentLeg.muted ? "muted" : "live";
  $("agent-call").textContent = agentLeg.held ? "On hold" : CALL_TEXT[state] ?? state;
  $("phone-mute").setAttribute("aria-pressed", String(agentLeg.muted));
  const live = agentLeg.state === "connected";
  $("ring").disabled = agentLeg.state === "alerting" || live;
  $("answer").disabled = agentLeg.state !== "alerting";
  $("hold").disabled = !live || agentLeg.held;
  $("resume").disabled = !live || !agentLeg.held;
  $("hangup").disabled = agentLeg.state === "disconnected";
  $("phone-mute").disabled = !live;
}

const phone = {
  ring: ["the agent's phone rings", { state: "alerting", muted: false, held: false }],
  answer: ["the agent answers", { state: "connected" }],
  hold: ["the agent holds the call", { held: true }],
  resume: ["the agent resumes the call", { held: false }],
  hangup: ["the call ends", { state: "disconnected" }],
};
for (const [id, [text, change]] of Object.entries(phone)) {
  $(id).addEventListener("click", async () => {
    addLog("demo", text);
    await control("call", change);
    renderCloud((await control("state")).conversation);
  });
}
$("phone-mute").addEventListener("click", async () => {
  const muted = !agentLeg?.muted;
  addLog("demo", muted ? "the agent mutes on the phone" : "the agent unmutes on the phone");
  await control("call", { muted });
});
$("drop").addEventListener("click", async () => {
  addLog("demo", "the notification socket drops (the first reconnection is refused)");
  await control("sockets/drop", { refuse: 1 });
});
$("reset").addEventListener("click", async () => {
  addLog("demo", "simulation reset: the phone rings again, scopes and permissions restored, new tokens");
  await control("reset", { agentState: "alerting" });
  $("fault").value = "";
  pendingFault = null;
});

// -- the next mute request: how Genesys Cloud answers it ---------------------------------
const PATCH = "PATCH";
const faults = {
  slow: () => control("confirm", { mode: "normal", delay: 2 }),
  never: () => control("confirm", { mode: "never" }),
  expired: () => control("tokens/expire", { user: who }),
  scope: async () => {
    await control("users", { user: who, scopes: ["conversations:readonly", "notifications", "users:readonly"] });
    await control("tokens/expire", { user: who });
  },
  permission: () => control("users", { user: who, permissions: [] }),
  404: () => control("fault", { method: PATCH, status: 404 }),
  400: () => control("fault", { method: PATCH, status: 400, message: "Invalid value for property muted." }),
  429: () => control("fault", { method: PATCH, status: 429, retryAfter: 1, times: 2 }),
  503: () => control("fault", { method: PATCH, status: 503 }),
  drop: () => control("fault", { method: PATCH, drop: true }),
};
// These stay until "Reset the simulation": a token keeps its scopes, a role its permissions.
const LASTING = new Set(["scope", "permission"]);
let pendingFault = null;
$("fault").addEventListener("change", async () => {
  const name = $("fault").value;
  await control("confirm", { mode: "normal" });
  if (!name) return;
  pendingFault = name;
  addLog("demo", `next mute request: ${$("fault").selectedOptions[0].textContent}`);
  await faults[name]();
});

// -- what the API server saw (by token label, never the token) and the phone's state -----
let seen = 0;
async function poll() {
  try {
    const [entries, state] = await Promise.all([control("log"), control("state")]);
    if (entries.length < seen) seen = 0; // the simulation was reset
    for (const entry of entries.slice(seen)) {
      const path = entry.path.replace(/[0-9a-f-]{24,}/g, (id) => `{${id.slice(0, 4)}…}`);
      const body = entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`;
      addLog("call", `${entry.method} ${path}${body} → ${entry.status ?? "…"} (token ${entry.token ?? "none"})`);
      if (entry.method === PATCH && pendingFault && !LASTING.has(pendingFault)) {
        pendingFault = null;
        $("fault").value = "";
        setTimeout(() => control("confirm", { mode: "normal" }), 2500);
      }
    }
    seen = entries.length;
    renderCloud(state.conversation);
  } catch {
    /* the server went away; the widget says so itself */
  }
}
setInterval(poll, 1000);
poll();

// -- the widget's events and a caption read from its attributes --------------------------
const mount = $("mute");
mount.addEventListener("mute:change", (event) => {
  const { muted, confirmed } = event.detail ?? {};
  addLog("widget", `mute:change muted=${muted ?? "unknown"} confirmed=${confirmed}`);
});
mount.addEventListener("mute:error", (event) => {
  const { code, message } = event.detail ?? {};
  addLog("widget", `mute:error ${code}: ${message}`);
});
function caption(button) {
  const status = button.dataset.status;
  if (status === "pending") return "Waiting for Genesys Cloud to confirm…";
  if (status === "error") return "";
  if (button.getAttribute("aria-pressed") === "true") return "Muted: the customer cannot hear the agent";
  if (status === "unavailable") return "Available while the agent's call is connected";
  return "Live: the customer hears the agent";
}
new MutationObserver(() => {
  const button = mount.querySelector(".mute-button");
  if (button) $("mute-state").textContent = caption(button);
}).observe(mount, { subtree: true, attributes: true, childList: true });

addLog("demo", `signed in as ${session.user} (${who}); starting ${runtimeName}`);

// -- the widget, in Python -----------------------------------------------------------------
await boot("./supervisor.py", DEMO_CONFIGS);

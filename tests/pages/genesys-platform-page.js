// Test page loader for the GenesysPlatform adapter. The local Genesys API server runs
// on another origin (?api=http://127.0.0.1:PORT); this page signs in there the way a
// host page would (the server's /__control/session stands in for an OAuth login),
// keeps the token in a closure, and hands it to Python once. Then it runs
// genesys_platform_mount.py on Pyodide or MicroPython (?interp=mpy).
import { boot, interp } from "./demo/boot.js";
const params = new URLSearchParams(location.search);
const api = params.get("api");
const user = params.get("user") ?? "agent";

const session = await (await fetch(`${api}/__control/session?user=${encodeURIComponent(user)}`)).json();
let firstToken = params.get("token") === "none" ? null : session.token;

// What the mount script reads: ids and options, never the token itself.
window.genesysTest = {
  apiBase: session.apiBase,
  conversationId: params.get("conv") ?? session.conversationId,
  participantId: params.get("pid") ?? "",
  provider: params.get("provider") ?? "js",
  heartbeat: params.get("heartbeat") ?? "",
  timeout: params.get("timeout") ?? "5",
  providerCalls: 0,
};
// The token, once: the widget keeps it in Python from then on.
window.takeGenesysToken = () => {
  const token = firstToken;
  firstToken = null;
  return token;
};
// The token provider: a fresh token from the sign-in server (a JS function returning a Promise).
window.getGenesysToken = async () => {
  window.genesysTest.providerCalls += 1;
  const response = await fetch(`${api}/__control/tokens`, { method: "POST", body: JSON.stringify({ user }) });
  return (await response.json()).token;
};

// ?provider=py: the mount script's token_provider is a Python function that returns a
// spare token taken at load (a synchronous provider cannot wait for a sign-in).
if (params.get("provider") === "py") {
  let spare = (await (await fetch(`${api}/__control/tokens`, { method: "POST", body: JSON.stringify({ user }) })).json()).token;
  window.takeSpareToken = () => {
    window.genesysTest.providerCalls += 1;
    const token = spare;
    spare = null;
    return token;
  };
}

// A second widget on the same page for another user (?second=supervisor), no provider.
const second = params.get("second");
if (second) {
  let secondToken = (await (await fetch(`${api}/__control/session?user=${encodeURIComponent(second)}`)).json()).token;
  window.takeSecondToken = () => {
    const token = secondToken;
    secondToken = null;
    return token;
  };
}

window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

await boot("./genesys_platform_mount.py");

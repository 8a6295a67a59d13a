// Boots the simulated Genesys Cloud softphone page (genesys-softphone.html), which the
// demo and the browser tests put in an <iframe>, as Genesys puts its own:
//   genesys-softphone.html?parent=<origin of the embedding page>[&muted-field=1][&delay=ms]
// It sets window.PureCloud to the fake, then loads the shipped static/genesys/framework.js
// as a classic script, exactly as a customer hosts it except for its one configuration
// line (PARENT_ORIGIN), and calls Framework.initialSetup() as Genesys does.
import { FakePureCloud } from "./genesys-softphone.js";

const params = new URLSearchParams(location.search);
const parentOrigin = params.get("parent") ?? location.origin;
const pureCloud = new FakePureCloud({
  withIsMuted: params.get("muted-field") === "1",
  muteDelayMs: Number(params.get("delay") ?? 80),
});
window.PureCloud = pureCloud;
window.softphone = pureCloud;

// Every message this frame receives, for the tests to read.
window.received = [];
window.addEventListener("message", (event) => {
  window.received.push({ origin: event.origin, data: event.data, fromParent: event.source === window.parent });
});

async function loadFramework() {
  const source = await (await fetch(new URL("../../static/genesys/framework.js", import.meta.url))).text();
  const line = /^const PARENT_ORIGIN = "[^"\n]*";$/m;
  if (!line.test(source)) throw new Error("framework.js has no PARENT_ORIGIN line to configure");
  const configured = source.replace(line, () => `const PARENT_ORIGIN = ${JSON.stringify(parentOrigin)};`);
  const url = URL.createObjectURL(new Blob([configured], { type: "text/javascript" }));
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error("framework.js did not load"));
    document.head.append(script);
  });
  URL.revokeObjectURL(url);
  window.Framework.initialSetup();
}

// -- the page: what the softphone shows, and its own controls ------------------------
const $ = (id) => document.getElementById(id);
const LABELS = { ALERTING: "Incoming call", CONNECTED: "Connected", DISCONNECTED: "Call ended" };

function render() {
  const id = pureCloud.latest();
  const interaction = id === undefined ? undefined : pureCloud.interactions.get(id);
  const state = interaction?.state ?? "";
  $("screen").dataset.state = state.toLowerCase() || "idle";
  $("state").textContent = interaction ? LABELS[state] ?? state : "No interaction";
  $("caller").textContent = interaction ? `${interaction.name} · ${interaction.ani.replace("tel:", "")}` : "";
  const muted = id !== undefined && pureCloud.muted.get(id) === true;
  $("mic").textContent = muted ? "muted" : "on";
  $("own-mute").setAttribute("aria-pressed", String(muted));
  $("ignore-next").checked = pureCloud.nextMute === "ignore";
  $("mode").textContent = pureCloud.withIsMuted
    ? "Its events carry isMuted, so the widget can confirm."
    : "Its events carry no mute state (as recorded from Genesys): the widget shows an assumed state.";
}

pureCloud.log = () => queueMicrotask(render);
$("ring").addEventListener("click", () => pureCloud.ring());
$("answer").addEventListener("click", () => pureCloud.latest() !== undefined && pureCloud.answer());
$("hangup").addEventListener("click", () => pureCloud.latest() !== undefined && pureCloud.hangUp());
$("wrapup").addEventListener("click", () => {
  if (pureCloud.latest() !== undefined) pureCloud.wrapUp();
  render();
});
$("own-mute").addEventListener("click", () => {
  pureCloud.toggleOwnMute();
  render();
});
$("ignore-next").addEventListener("change", (event) => {
  pureCloud.nextMute = event.target.checked ? "ignore" : "apply";
});
const updateState = pureCloud.updateState.bind(pureCloud);
pureCloud.Interaction.updateState = (data) => {
  updateState(data);
  queueMicrotask(render);
  setTimeout(render, pureCloud.muteDelayMs + 20);
};

await loadFramework();
render();
document.documentElement.dataset.softphoneReady = "1";

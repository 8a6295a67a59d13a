// Media test page loader: the simulated softphone with real audio per call (a WebRTC
// call inside the page from the fake microphone to a remote party that measures what
// it hears), then media_mount.py on the interpreter the query names.
import { DemoSoftphone } from "./demo/fakes/softphone.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);
let audio = true;
if (params.has("talk")) {
  // The talk warning's tests (tests/browser/test_talk.py): the processing off, and watched.
  const { RAW_AUDIO, watchTalk } = await import("./talk-watch.js");
  audio = RAW_AUDIO;
  await watchTalk();
}
const phone = new DemoSoftphone({
  confirmDelayMs: Number(params.get("delay") ?? 50),
  media: { microphone: params.get("mic") !== "0", audio },
});
window.softphone = phone;
// What a host page hands to verify_media: functions, since the call's media comes and goes.
window.agentPc = () => phone.peerConnection();
window.agentTrack = () => phone.media?.track ?? null;

// Every widget event and every change of aria-pressed, with performance.now().
window.widgetEvents = [];
for (const type of ["mute:change", "mute:error", "mute:media", "mute:talking"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, at: performance.now(), ...event.detail }));
}
window.pressed = [];
new MutationObserver((records) => {
  const at = performance.now();
  for (const record of records) {
    const now = record.target.getAttribute("aria-pressed");
    if (now !== record.oldValue) window.pressed.push([now, at]);
  }
}).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["aria-pressed"] });

// How many statistics reads the widget's checks made (nothing else here calls getStats).
// (A browser without WebRTC, such as Debian's WebKitGTK, has no RTCPeerConnection: no reads.)
window.statsReads = 0;
if (window.RTCPeerConnection) {
  const getStats = RTCPeerConnection.prototype.getStats;
  RTCPeerConnection.prototype.getStats = function (...args) {
    window.statsReads += 1;
    return getStats.apply(this, args);
  };
}

await boot("./media_mount.py");

// The benchmark lab (bench-lab.html?interp=py|mpy): bench/run.py drives it.
// - window.softphone drives the widget (mounted from Python by window.benchMount);
// - window.jsPhone drives #js-button through a plain JavaScript listener that does what
//   the widget does for a mic event: read the value, write the attributes that changed,
//   announce, dispatch mute:change;
// - window.benchWasmBytes() sums every WebAssembly memory the interpreter created.
import { BenchSoftphone } from "./bench-softphone.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);

// -- WebAssembly memories, for the heap figure -----------------------------------------
const memories = new Set();
const collect = (value) => {
  if (value instanceof WebAssembly.Memory) memories.add(value);
  else if (value && typeof value === "object")
    for (const inner of Object.values(value)) if (inner instanceof WebAssembly.Memory) memories.add(inner);
};
const keep = (imports, result) => {
  if (imports) for (const group of Object.values(imports)) collect(group);
  const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
  if (instance) collect(instance.exports);
  return result;
};
const { instantiate, instantiateStreaming } = WebAssembly;
WebAssembly.instantiate = (source, imports, ...rest) =>
  instantiate.call(WebAssembly, source, imports, ...rest).then((r) => keep(imports, r));
if (instantiateStreaming)
  WebAssembly.instantiateStreaming = (source, imports, ...rest) =>
    instantiateStreaming.call(WebAssembly, source, imports, ...rest).then((r) => keep(imports, r));
window.benchWasmBytes = () => [...memories].reduce((sum, m) => sum + m.buffer.byteLength, 0);

// -- the two softphones ------------------------------------------------------------------
window.softphone = new BenchSoftphone({ state: "connected", muted: false });
window.jsPhone = new BenchSoftphone({ state: "connected", muted: false });

const jsButton = document.getElementById("js-button");
const jsAnnouncer = document.getElementById("js-announcer");
const shown = {};
const show = (name, value) => {
  if (shown[name] !== value) {
    shown[name] = value;
    jsButton.setAttribute(name, value);
  }
};
window.jsPhone.on("micStateChange", (value) => {
  const muted = typeof value === "boolean" ? value : value?.muted;
  if (typeof muted !== "boolean") {
    console.warn("ignored a malformed micStateChange");
    return;
  }
  const mic = muted ? "muted" : "unmuted";
  const changed = shown["data-mic"] !== mic;
  show("aria-pressed", muted ? "true" : "false");
  show("data-mic", mic);
  show("data-confirmed", "true");
  show("data-status", "ready");
  if (changed) {
    jsAnnouncer.textContent = muted ? "Microphone muted" : "Microphone on";
    jsButton.dispatchEvent(new CustomEvent("mute:change", { detail: { muted, confirmed: true }, bubbles: true }));
  }
});

// -- the measurements (each returns plain numbers) ---------------------------------------
/** Flip the mic n times through phone; mean microseconds per event, and whether button followed. */
window.benchEvents = (phone, button, n) => {
  let followed = true;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const muted = !phone.muted;
    phone.setMuted(muted);
    if (button.getAttribute("aria-pressed") !== (muted ? "true" : "false")) followed = false;
  }
  return { us: ((performance.now() - t0) * 1000) / n, followed };
};

/** n clicks on the widget (each confirmed before the next): microseconds from click to muteMic(). */
window.benchClicks = async (n) => {
  const button = window.benchButton;
  const phone = window.softphone;
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    button.click();
    times.push((phone.lastMuteAt - t0) * 1000);
    await phone.settled;
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
  }
  return times;
};

/** n cycles of connect, mute, confirm, unmute, confirm, hang up. */
window.benchCycles = async (n) => {
  const button = window.benchButton;
  const phone = window.softphone;
  for (let i = 0; i < n; i++) {
    phone.setState("connected");
    button.click();
    await phone.settled;
    if (button.getAttribute("aria-pressed") !== "true") throw new Error(`cycle ${i}: the mute was not shown`);
    button.click();
    await phone.settled;
    if (button.getAttribute("aria-pressed") !== "false") throw new Error(`cycle ${i}: the unmute was not shown`);
    phone.setState("disconnected");
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 0));
  }
  return n;
};

await boot("./bench_lab.py");

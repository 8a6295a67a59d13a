// A simulated softphone that implements the embeddable-client contract: the demo's
// default SDK and the browser tests' double. It behaves like the real thing where
// the seeds got hurt: muteMic() throws "Operation Not Allowed" unless the call is
// connected, and the mute is reported later by a micStateChange event.

const STATES = ["idle", "ringing", "connected", "held", "disconnected"];

export class DemoSoftphone {
  constructor({ confirmDelayMs = 150 } = {}) {
    this.state = "idle";
    this.muted = false;
    this.confirmDelayMs = confirmDelayMs;
    // What the next muteMic() does: "confirm", "reject", "never", "slow" (2 s),
    // "throw" (a synchronous throw), "lie" (confirms but keeps sending audio).
    this.nextMute = "confirm";
    this.listeners = new Map();
    this.calls = []; // every SDK method called from outside, for tests and the log
    this.log = () => {};
  }

  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
  }

  off(name, fn) {
    this.listeners.get(name)?.delete(fn);
  }

  listenerCount() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  emit(name, value) {
    this.log(name, value);
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(value);
  }

  getState() {
    this.calls.push(["getState"]);
    return this.state;
  }

  isMicMuted() {
    this.calls.push(["isMicMuted"]);
    return this.muted;
  }

  muteMic(muted) {
    this.calls.push(["muteMic", muted]);
    if (this.state !== "connected") throw new Error("Operation Not Allowed");
    const mode = this.nextMute;
    this.nextMute = "confirm";
    if (mode === "throw") throw new Error("Operation Not Allowed");
    if (mode === "reject") return Promise.reject(new Error("Operation Not Allowed"));
    if (mode === "never") return Promise.resolve();
    const delay = mode === "slow" ? 2000 : this.confirmDelayMs;
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve();
        if (this.state === "connected") this.setMuted(Boolean(muted));
      }, delay);
    });
  }

  // -- the softphone's own controls (its UI, a headset, the network) ------------
  setState(state) {
    if (!STATES.includes(state)) throw new Error(`unknown state ${state}`);
    this.state = state;
    if (state === "disconnected" || state === "idle") this.muted = false;
    this.emit("stateChange", state);
  }

  setMuted(muted) {
    this.muted = muted;
    this.emit("micStateChange", { muted });
  }

  ring() { this.setState("ringing"); }
  answer() { this.setState("connected"); }
  hold() { this.setState("held"); }
  resume() { this.setState("connected"); }
  hangUp() { this.setState("disconnected"); }
  toggleOwnMute() {
    if (this.state === "connected") this.setMuted(!this.muted);
  }
}

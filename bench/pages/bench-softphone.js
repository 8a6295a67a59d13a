// The benchmark's softphone: the embeddable-client contract and nothing else. Unlike
// demo/fakes/softphone.js it keeps no call log (the heap figure must be the widget's own)
// and confirms a mute in a microtask instead of a timer, so thousands of
// mute/confirm cycles take seconds. `settled` is the latest confirmation.

export class BenchSoftphone {
  constructor({ state = "idle", muted = false } = {}) {
    this.state = state;
    this.muted = muted;
    this.listeners = new Map();
    this.mode = "confirm"; // or "hang": a request that neither settles nor is confirmed
    this.lastMuteAt = 0; // performance.now() of the latest muteMic() call
    this.settled = Promise.resolve();
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
    const set = this.listeners.get(name);
    if (set) for (const fn of set) fn(value);
  }

  getState() {
    return this.state;
  }

  isMicMuted() {
    return this.muted;
  }

  muteMic(muted) {
    this.lastMuteAt = performance.now();
    if (this.state !== "connected") throw new Error("Operation Not Allowed");
    if (this.mode === "hang") return new Promise(() => {});
    this.settled = Promise.resolve().then(() => {
      if (this.state === "connected") this.setMuted(Boolean(muted));
    });
    return Promise.resolve();
  }

  setState(state) {
    this.state = state;
    if (state === "disconnected" || state === "idle") this.muted = false;
    this.emit("stateChange", state);
  }

  setMuted(muted) {
    this.muted = muted;
    this.emit("micStateChange", { muted });
  }
}

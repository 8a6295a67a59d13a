// The EventEmitter that Twilio Voice's Call/Device and JsSIP's UA/RTCSession extend
// (npm `events` 3.3, typed by @types/events): the subset the fakes need, same names.

export class EventEmitter {
  constructor() {
    this._listeners = new Map();
  }

  on(type, listener) {
    if (!this._listeners.has(type)) this._listeners.set(type, []);
    this._listeners.get(type).push(listener);
    return this;
  }

  addListener(type, listener) {
    return this.on(type, listener);
  }

  once(type, listener) {
    const wrapped = (...args) => {
      this.removeListener(type, wrapped);
      listener(...args);
    };
    wrapped.listener = listener;
    return this.on(type, wrapped);
  }

  removeListener(type, listener) {
    const list = this._listeners.get(type);
    if (!list) return this;
    const index = list.findIndex((fn) => fn === listener || fn.listener === listener);
    if (index >= 0) list.splice(index, 1);
    return this;
  }

  off(type, listener) {
    return this.removeListener(type, listener);
  }

  emit(type, ...args) {
    const list = this._listeners.get(type);
    if (!list || list.length === 0) return false;
    for (const fn of [...list]) fn.apply(this, args);
    return true;
  }

  listenerCount(type) {
    return this._listeners.get(type)?.length ?? 0;
  }

  eventNames() {
    return [...this._listeners.keys()].filter((type) => this.listenerCount(type) > 0);
  }
}

/** How many listeners an emitter holds in all (a test's leak check). */
export function totalListeners(emitter) {
  return emitter.eventNames().reduce((n, type) => n + emitter.listenerCount(type), 0);
}

// The widget's JavaScript shim: the few things Python cannot do the same way on
// Pyodide and MicroPython. On MicroPython a synchronous throw from a JS function
// called by Python escapes to the page instead of raising, so every call into an
// SDK goes through here and comes back as a value, a rejection or a warning.
// "Nothing" is returned as undefined; Python's bridge maps it (and null) to None,
// because Pyodide turns undefined into None and null into JsNull, MicroPython the
// other way round.

const describe = (error) => {
  if (error && typeof error === "object") {
    const message = error.message ?? error.reason ?? error.error ?? error.statusText;
    if (typeof message === "string" && message) return message.slice(0, 500);
  }
  if (typeof error === "string" && error) return error.slice(0, 500);
  return "unknown error";
};

const warn = (...args) => console.warn("[mute-button]", ...args);

/** Call target[method](...args); report the outcome to onOk(value) or onError(message). */
export function request(target, method, onOk, onError, ...args) {
  let outcome;
  try {
    outcome = Promise.resolve(target[method](...args));
  } catch (error) {
    outcome = Promise.reject(error);
  }
  // After the widget is destroyed its callbacks are gone; a late settle is dropped.
  const settle = (fn, value) => {
    try {
      fn(value);
    } catch {
      /* released */
    }
  };
  outcome.then(
    (value) => settle(onOk, value ?? undefined),
    (error) => settle(onError, describe(error)),
  );
}

/** Call target[method](...args) now; its value, or undefined (with a warning) when it throws. */
export function callSync(target, method, ...args) {
  try {
    const value = target[method](...args);
    return value ?? undefined;
  } catch (error) {
    warn(`${method}() threw: ${describe(error)}`);
    return undefined;
  }
}

/** True when target[name] is a function. */
export function hasMethod(target, name) {
  try {
    return target != null && typeof target[name] === "function";
  } catch {
    return false;
  }
}

/** obj[name] for an object; undefined for anything else or a throwing getter. */
export function field(obj, name) {
  if (obj === null || typeof obj !== "object") return undefined;
  try {
    return obj[name] ?? undefined;
  } catch {
    return undefined;
  }
}

/** The value at a dotted path below root ("GenesysCloud.Client"), or undefined. */
export function resolvePath(root, path) {
  let value = root;
  for (const part of String(path).split(".")) {
    if (value === null || value === undefined || part === "__proto__") return undefined;
    try {
      value = value[part];
    } catch {
      return undefined;
    }
  }
  return value ?? undefined;
}

/** typeof value, with "null" and "array" told apart. */
export function kind(value) {
  if (value === null || value === undefined) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** A function that forwards to fn until its close(); what SDKs and the DOM hold. */
export function gate(fn) {
  let open = true;
  const gated = (...args) => (open ? fn(...args) : undefined);
  gated.close = () => {
    open = false;
  };
  return gated;
}

/**
 * Call target[method](...args, handler); return a function that undoes it with
 * target[remove](...args, handler), or else with what the SDK returned (a
 * subscription's unsubscribe() or an unsubscribe function). Undefined when it threw.
 */
export function subscribe(target, method, remove, handler, ...args) {
  let result;
  try {
    result = target[method](...args, handler);
  } catch (error) {
    warn(`${method}() threw: ${describe(error)}`);
    return undefined;
  }
  return () => {
    handler.close();
    try {
      if (remove) target[remove](...args, handler);
      else if (typeof result === "function") result();
      else if (result && typeof result.unsubscribe === "function") result.unsubscribe();
    } catch (error) {
      warn(`undoing ${method}() threw: ${describe(error)}`);
    }
  };
}

/** Set or remove (value null) attributes given as name, value pairs; one bridge crossing. */
export function setAttributes(element, ...pairs) {
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1];
    if (value === null || value === undefined || value === false) element.removeAttribute(pairs[i]);
    else element.setAttribute(pairs[i], value === true ? "" : String(value));
  }
}

/** Dispatch a CustomEvent whose detail is built from key, value pairs. */
export function emit(element, type, ...pairs) {
  const detail = {};
  for (let i = 0; i < pairs.length; i += 2) detail[pairs[i]] = pairs[i + 1];
  element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
}

export { warn };

/** True when element has the keyboard focus. */
export function hasFocus(element) {
  return element.ownerDocument.activeElement === element;
}

/** Give element the focus back unless the user has put it somewhere else meanwhile. */
export function refocus(element) {
  const active = element.ownerDocument.activeElement;
  if (!active || active === element.ownerDocument.body) element.focus();
}

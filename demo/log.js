// The demo pages' event log (<ol id="log">, emptied by #log-clear): text only, newest
// first, at most LOG_LIMIT rows, each with its time, a tag for its kind (sdk, call, widget,
// demo) and the text.
//   const addLog = eventLog({ call: "API" });   a page may rename a tag
//   addLog("widget", "mute:change …");
const LOG_LIMIT = 200;
const TAGS = { sdk: "SDK", call: "call", widget: "widget", demo: "demo" };

function clock(date) {
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function eventLog(tags = {}) {
  const list = document.getElementById("log");
  const names = { ...TAGS, ...tags };
  document.getElementById("log-clear").addEventListener("click", () => list.replaceChildren());
  return function addLog(kind, text) {
    const now = new Date();
    const row = document.createElement("li");
    row.className = `log__row log__row--${kind}`;
    const time = document.createElement("time");
    time.dateTime = now.toISOString();
    time.textContent = clock(now);
    const tag = document.createElement("span");
    tag.className = `tag tag--${kind}`;
    tag.textContent = names[kind] ?? kind;
    const message = document.createElement("span");
    message.className = "log__text";
    message.textContent = text;
    row.append(time, tag, message);
    list.prepend(row);
    while (list.children.length > LOG_LIMIT) list.lastElementChild.remove();
  };
}

import { api, badge, h, header, pretty, replace } from "./dom.js";

const KEEP = 500;
const POLL_MS = 1000;
const DIALECTS = {
  "entra-legacy": "Entra legacy PATCH (capitalised ops, one path each)",
  "entra-flag": "Entra aadOptscim062020 PATCH (lowercase, path-less replace)",
  rfc7644: "RFC 7644 PATCH",
};

const state = { entries: [], last: 0, listeners: new Set() };

/** Polls the journal for new exchanges, so the timeline grows without a reload. */
export function startTrafficPolling(countElement) {
  const poll = async () => {
    try {
      const { entries, last } = await api("GET", `/api/traffic?after=${state.last}`);
      // A reset journal starts counting again.
      if (last < state.last) state.entries = [];
      state.last = last;
      if (entries.length > 0) {
        state.entries = [...state.entries, ...entries].slice(-KEEP);
        for (const listener of state.listeners) listener(entries);
      }
      replace(countElement, state.entries.length ? String(state.entries.length) : "");
    } catch {
      // The fakes may be restarting; the next poll tries again.
    }
    setTimeout(() => void poll(), POLL_MS);
  };
  void poll();
}

function pathOf(url) {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.pathname + parsed.search);
  } catch {
    return url;
  }
}

function renderEntry(entry) {
  const tone = entry.status >= 400 ? "failure" : "success";
  return h(
    "li",
    { class: "exchange", "data-seq": String(entry.seq) },
    h(
      "details",
      {},
      h(
        "summary",
        {},
        h("span", { class: "time" }, new Date(entry.startedDateTime).toLocaleTimeString()),
        h("span", { class: `method ${entry.method}` }, entry.method),
        h("code", { class: "path" }, pathOf(entry.url)),
        badge(String(entry.status), tone),
        entry.dialect ? h("span", { class: "dialect" }, DIALECTS[entry.dialect]) : null,
        h("span", { class: "muted" }, `${Math.round(entry.time)} ms`),
      ),
      h(
        "div",
        { class: "exchange-body" },
        h(
          "section",
          {},
          h("h3", {}, "Request"),
          h(
            "pre",
            {},
            `${entry.method} ${entry.url}\n`,
            entry.requestHeaders.map((header) => `${header.name}: ${header.value}\n`),
            "\n",
            pretty(entry.requestBody),
          ),
        ),
        h(
          "section",
          {},
          h("h3", {}, "Response"),
          h(
            "pre",
            {},
            `${entry.status}\n`,
            entry.responseHeaders.map((header) => `${header.name}: ${header.value}\n`),
            "\n",
            pretty(entry.responseBody),
          ),
        ),
      ),
    ),
  );
}

/** SCIM traffic: every exchange the fake Immuta answered, newest first, live. */
export function renderTraffic(view) {
  const list = h("ol", { class: "timeline", "aria-label": "SCIM exchanges", reversed: true });
  const empty = h(
    "p",
    { class: "hint" },
    "No SCIM requests yet. Provision on demand, Test Connection or start a cycle.",
  );
  const draw = (entries) => {
    empty.hidden = state.entries.length > 0;
    for (const entry of entries) list.prepend(renderEntry(entry));
  };
  replace(
    view,
    header(
      "SCIM traffic",
      "Requests Entra sent to Immuta's SCIM endpoint, as the fake Immuta recorded them (credentials redacted)",
      h(
        "a",
        { class: "button", href: "/api/traffic.har", download: "synclab-scim-traffic.har" },
        "Download HAR",
      ),
    ),
    empty,
    list,
  );
  draw(state.entries);
  const listener = (entries) => {
    if (!view.isConnected) return state.listeners.delete(listener);
    draw(entries);
  };
  state.listeners.add(listener);
}

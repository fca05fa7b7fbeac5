/**
 * Small DOM helpers: build elements from tags, attributes and children, call the dashboard's API.
 */

/** An element: `h("button", { onclick, class: "primary" }, "Save")`. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else if (name === "value") element.value = value;
    else if (name === "checked") element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** An error raised by the API, with the fake's message when it gave one. */
export class ApiError extends Error {
  constructor(status, body) {
    super(messageOf(body) ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function messageOf(body) {
  if (!body || typeof body !== "object") return null;
  if (body.error && typeof body.error === "object") {
    const details = Array.isArray(body.error.details)
      ? body.error.details.map((detail) => detail.message)
      : [];
    return [body.error.message, ...details].filter(Boolean).join(" — ");
  }
  if (typeof body.message === "string") return body.message;
  if (typeof body.detail === "string") return body.detail;
  return null;
}

/** Calls the dashboard's API; JSON in and out; throws ApiError on a 4xx/5xx. */
export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

/** The page heading and command bar of a view. */
export function header(title, subtitle, ...commands) {
  return h(
    "header",
    { class: "view-header" },
    h(
      "div",
      {},
      h("h1", { tabindex: "-1" }, title),
      subtitle ? h("p", { class: "subtitle" }, subtitle) : null,
    ),
    commands.length
      ? h("div", { class: "command-bar", role: "toolbar", "aria-label": `${title} commands` }, commands)
      : null,
  );
}

/** A command-bar button. */
export function command(label, onclick, options = {}) {
  return h(
    "button",
    { type: "button", class: options.primary ? "primary" : "", onclick },
    options.icon ? h("span", { class: "icon", "aria-hidden": "true" }, options.icon) : null,
    label,
  );
}

/** A status line (role=status), shown under a form or command bar. */
export function statusLine() {
  const element = h("p", { class: "status", role: "status", "aria-live": "polite" });
  return {
    element,
    ok(text) {
      element.className = "status ok";
      replace(element, text);
    },
    fail(error) {
      element.className = "status error";
      replace(element, error instanceof Error ? error.message : String(error));
    },
    busy(text) {
      element.className = "status busy";
      replace(element, text);
    },
    clear() {
      element.className = "status";
      replace(element);
    },
  };
}

/** A table with a header row; `rows` are arrays of cells (or {cells, attributes}). */
export function table(headings, rows, options = {}) {
  return h(
    "table",
    { class: options.class ?? "grid", "aria-label": options.label },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headings.map((heading) => h("th", { scope: "col" }, heading)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.length === 0
        ? h(
            "tr",
            {},
            h("td", { colspan: headings.length, class: "empty" }, options.empty ?? "Nothing to show."),
          )
        : rows.map((row) =>
            Array.isArray(row)
              ? h(
                  "tr",
                  {},
                  row.map((cell) => h("td", {}, cell)),
                )
              : h(
                  "tr",
                  row.attributes ?? {},
                  row.cells.map((cell) => h("td", {}, cell)),
                ),
          ),
    ),
  );
}

/** A label wrapping a control, so the control has an accessible name. */
export function field(label, control, hint) {
  return h(
    "label",
    { class: "field" },
    h("span", { class: "field-label" }, label),
    control,
    hint ? h("span", { class: "hint" }, hint) : null,
  );
}

/** Pretty JSON when the text is JSON, else the text. */
export function pretty(text) {
  if (text === "" || text === undefined || text === null) return "";
  try {
    return JSON.stringify(typeof text === "string" ? JSON.parse(text) : text, null, 2);
  } catch {
    return String(text);
  }
}

/** A status badge: success, failure, warning, skipped. */
export function badge(text, tone) {
  return h("span", { class: `badge ${tone ?? String(text).toLowerCase()}` }, text);
}

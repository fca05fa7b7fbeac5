import { api, ApiError, command, field, h, header, replace, statusLine } from "./dom.js";

/** App Settings → Identity Management: each IAM with its Profile Schema section, editable. */
export async function renderIams(view) {
  const iams = await api("GET", "/api/immuta/_synclab/immuta/iams");
  replace(
    view,
    header("Identity Management", "App Settings → Identity Management → IAMs (synclab control API)"),
    iams.map((iam) => renderIam(iam)),
  );
}

function renderIam(iam) {
  const card = h("section", { class: "card", "aria-label": `IAM ${iam.displayName}` });
  const draft = structuredClone(iam);
  const status = statusLine();
  const sync = h("input", {
    type: "checkbox",
    name: "syncAttributes",
    checked: draft.syncAttributes,
    onchange: (event) => (draft.syncAttributes = event.target.checked),
  });
  const rowsElement = h("div", { class: "schema-rows" });
  const problems = new Map();
  const drawRows = () =>
    drawSchemaRows({ element: rowsElement, rows: draft.attributeSchema, problems, redraw: drawRows });
  const save = async (event) => {
    event.preventDefault();
    problems.clear();
    const { id: _id, ...body } = draft;
    try {
      status.busy("Saving…");
      const saved = await api("PUT", `/api/immuta/_synclab/immuta/iams/${encodeURIComponent(iam.id)}`, body);
      Object.assign(iam, saved);
      status.ok("Saved. Users' IAM attributes were projected again under the new settings.");
    } catch (error) {
      for (const [path, message] of problemsOf(error)) problems.set(path, message);
      status.fail(error);
    }
    drawRows();
  };
  drawRows();
  return replace(
    card,
    h(
      "h2",
      {},
      iam.displayName,
      " ",
      h("span", { class: "muted" }, `(${iam.type.toUpperCase()}, id ${iam.id})`),
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "SCIM"),
      h("dd", {}, iam.scimEnabled ? `enabled, path ${iam.scimPath}` : "disabled"),
    ),
    h(
      "form",
      { onsubmit: save, "aria-label": `Profile Schema of ${iam.displayName}` },
      h("h3", {}, "Profile Schema"),
      h(
        "label",
        { class: "check" },
        sync,
        `Sync attributes from ${iam.type === "saml" ? "SAML" : "OpenID"} to Immuta`,
      ),
      h("h4", {}, "Attribute Schema"),
      rowsElement,
      h(
        "div",
        { class: "form-actions" },
        command("Add Attribute Schema", () => {
          draft.attributeSchema.push({ scimSchema: "", prefix: "" });
          drawRows();
          rowsElement.querySelector(".schema-row:last-child input")?.focus();
        }),
        h("button", { type: "submit", class: "primary" }, "Save"),
      ),
      status.element,
    ),
  );
}

/** The control API lists each problem as `path: message`, separated by `; `. */
function problemsOf(error) {
  if (!(error instanceof ApiError) || typeof error.body?.message !== "string") return [];
  return error.body.message
    .split("; ")
    .map((part) => [part.slice(0, part.indexOf(": ")), part.slice(part.indexOf(": ") + 2)])
    .filter(([path]) => path !== "");
}

/** The Attribute Schema rows as inputs, each problem of the last save shown under its input. */
function drawSchemaRows({ element, rows, problems, redraw }) {
  const input = (row, index, name, label) => {
    const problem = problems.get(`attributeSchema.${index}.${name}`);
    return field(
      label,
      h("input", {
        name: `${name}-${index}`,
        class: name === "scimSchema" ? "wide" : "",
        value: row[name],
        "aria-invalid": problem ? "true" : null,
        oninput: (event) => (row[name] = event.target.value),
      }),
      problem ? h("span", { class: "field-error" }, problem) : null,
    );
  };
  replace(
    element,
    rows.length === 0
      ? h(
          "p",
          { class: "hint" },
          "No attribute schema: SCIM extension attributes are not mapped to Immuta attributes.",
        )
      : null,
    rows.map((row, index) =>
      h(
        "div",
        { class: "schema-row", "data-row": String(index) },
        input(row, index, "scimSchema", "SCIM Schema"),
        input(row, index, "prefix", "IAM Immuta Attribute Prefix"),
        command("Remove", () => {
          rows.splice(index, 1);
          redraw();
        }),
      ),
    ),
  );
}

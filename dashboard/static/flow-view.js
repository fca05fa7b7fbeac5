import { api, field, h, header, replace } from "./dom.js";

const STAGES = [
  ["source", "Entra property"],
  ["mapping", "Mapping"],
  ["scim", "SCIM attribute"],
  ["row", "Immuta attribute-schema row"],
  ["immuta", "Immuta attribute"],
];

const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

const list = (values) => (values && values.length ? values.join(", ") : "—");

function stageContent(stage, flow) {
  switch (stage) {
    case "source":
      return [
        h("code", {}, flow.source.names.join(", ") || "(none)"),
        h("span", { class: "value" }, list(flow.source.values.filter((value) => value !== null))),
      ];
    case "mapping":
      return [
        h(
          "span",
          {},
          `${flow.mapping.type}${flow.mapping.flowType === "ObjectAddOnly" ? ", only during creation" : ""}`,
        ),
        h("code", {}, flow.mapping.expression),
      ];
    case "scim":
      return [h("code", {}, flow.mapping.target), h("span", { class: "value" }, list(flow.scim.value))];
    case "row":
      return flow.row
        ? [h("code", {}, flow.row.scimSchema), h("span", {}, `prefix ${flow.row.prefix}`)]
        : [h("span", { class: "muted" }, "no row claims it")];
    case "immuta":
      return [h("code", {}, flow.immuta.key ?? "—"), h("span", { class: "value" }, list(flow.immuta.values))];
    default:
      return [];
  }
}

function renderFlowRow(flow) {
  const stopAt = flow.stop ? STAGES.findIndex(([stage]) => stage === flow.stop.stage) : -1;
  return h(
    "li",
    { class: `flow ${flow.stop ? "stopped" : "arrived"}`, "data-target": flow.mapping.target },
    h(
      "ol",
      { class: "flow-stages" },
      STAGES.map(([stage, title], index) => {
        const state = stopAt < 0 || index < stopAt ? "passed" : index === stopAt ? "stop" : "unreached";
        return h(
          "li",
          { class: `stage ${state}`, "data-stage": stage },
          h(
            "span",
            { class: "stage-title" },
            title,
            state === "stop" ? h("span", { class: "stop-mark" }, " ✖ value stops here") : null,
          ),
          stageContent(stage, flow),
        );
      }),
    ),
    flow.stop
      ? h(
          "p",
          { class: "stop-reason", role: "note" },
          h("strong", {}, `Stops at “${STAGES[stopAt][1]}”: `),
          flow.stop.reason,
        )
      : h("p", { class: "arrived-note" }, "✔ The value arrives in Immuta."),
    flow.notes.map((note) =>
      h("p", { class: `note ${note.severity}` }, `${note.severity} ${note.code}: ${note.message}`),
    ),
  );
}

/** Attribute flow: for a chosen user, each mapped custom attribute from Entra to its Immuta key. */
export async function renderFlow(view, context) {
  const [chosen] = context.params;
  const { value: users } = await api("GET", "/api/graph/users");
  const upn = chosen ?? users[0]?.userPrincipalName;
  const select = h(
    "select",
    {
      name: "user",
      onchange: (event) => (location.hash = `#/flow/${encodeURIComponent(event.target.value)}`),
    },
    users.map((user) =>
      h(
        "option",
        { value: user.userPrincipalName, selected: user.userPrincipalName === upn },
        `${user.displayName ?? ""} (${user.userPrincipalName})`,
      ),
    ),
  );
  const body = h("div", {});
  replace(
    view,
    header(
      "Attribute flow",
      "Each mapped extension attribute: Entra property → mapping → SCIM attribute → Immuta row → Immuta attribute",
    ),
    h(
      "div",
      { class: "inline-form" },
      field("User", select),
      h("button", { type: "button", onclick: () => void renderFlow(view, context) }, "Refresh"),
    ),
    body,
  );
  if (!upn) return replace(body, h("p", { class: "hint" }, "No users in Entra."));
  const result = await api("GET", `/api/flow?user=${encodeURIComponent(upn)}`);
  const enterprise = (flow) => flow.scim.schema?.toLowerCase() === ENTERPRISE_USER;
  const custom = result.flows.filter((flow) => !enterprise(flow));
  const profile = result.flows.filter(enterprise);
  replace(
    body,
    custom.length === 0
      ? h(
          "p",
          { class: "hint" },
          "No mapping writes a custom extension attribute. Add one under Attribute mapping.",
        )
      : h("ol", { class: "flows", "aria-label": `Attribute flow of ${upn}` }, custom.map(renderFlowRow)),
    profile.length
      ? h(
          "details",
          { class: "more-flows" },
          h(
            "summary",
            {},
            `Enterprise extension attributes (${profile.length}): Immuta profile data, mapped to attributes only by a row`,
          ),
          h(
            "ol",
            { class: "flows", "aria-label": `Enterprise extension flow of ${upn}` },
            profile.map(renderFlowRow),
          ),
        )
      : null,
  );
}

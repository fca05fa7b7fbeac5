import { api, badge, command, field, h, header, replace, table } from "./dom.js";
import { renderModified, renderSteps } from "./entra-provisioning.js";

/** Provisioning logs: a filterable table; a record opens with its steps and modified properties. */
export async function renderLogs(view) {
  const { value: records } = await api("GET", "/api/graph/auditLogs/provisioning");
  const status = h(
    "select",
    { name: "status" },
    ["All", "success", "failure", "skipped", "warning"].map((value) => h("option", { value }, value)),
  );
  const action = h(
    "select",
    { name: "action" },
    ["All", "create", "update", "delete", "disable", "other"].map((value) => h("option", { value }, value)),
  );
  const identity = h("input", { type: "search", name: "identity", placeholder: "name or id" });
  const list = h("div", {});
  const detail = h("section", { class: "detail", "aria-label": "Provisioning record" });
  const show = (record) => renderRecord(detail, record);
  const filter = () => {
    const text = identity.value.trim().toLowerCase();
    const shown = records.filter(
      (record) =>
        (status.value === "All" || record.provisioningStatusInfo.status === status.value) &&
        (action.value === "All" || record.provisioningAction === action.value) &&
        (text === "" ||
          [record.sourceIdentity.displayName, record.sourceIdentity.id, record.targetIdentity.id].some(
            (value) =>
              String(value ?? "")
                .toLowerCase()
                .includes(text),
          )),
    );
    replace(
      list,
      table(
        ["Date", "Identity", "Action", "Status", "Source ID", "Target ID"],
        shown.map((record) => [
          new Date(record.activityDateTime).toLocaleString(),
          h(
            "button",
            { type: "button", class: "link", onclick: () => show(record) },
            record.sourceIdentity.displayName || record.sourceIdentity.id,
          ),
          record.provisioningAction,
          badge(record.provisioningStatusInfo.status),
          record.sourceIdentity.id,
          record.targetIdentity.id ?? "",
        ]),
        { label: "Provisioning log records", empty: "No records. Provision on demand or start a cycle." },
      ),
    );
  };
  for (const control of [status, action]) control.addEventListener("change", filter);
  identity.addEventListener("input", filter);
  replace(
    view,
    header(
      "Provisioning logs",
      "Graph /v1.0/auditLogs/provisioning, newest first",
      command("Refresh", () => renderLogs(view)),
    ),
    h(
      "div",
      { class: "inline-form", role: "search" },
      field("Status", status),
      field("Action", action),
      field("Identity", identity),
    ),
    list,
    detail,
  );
  filter();
}

/** One record, as the portal's log details blade shows it: steps, then modified properties. */
function renderRecord(detail, record) {
  return replace(
    detail,
    h(
      "h2",
      {},
      `${record.sourceIdentity.displayName}: `,
      badge(record.provisioningStatusInfo.status),
      ` ${record.provisioningAction}`,
    ),
    h(
      "p",
      { class: "subtitle" },
      `${new Date(record.activityDateTime).toLocaleString()} · cycle ${record.cycleId} · change ${record.changeId}`,
    ),
    record.provisioningStatusInfo.errorInformation
      ? h(
          "p",
          { class: "status error" },
          `${record.provisioningStatusInfo.errorInformation.errorCode}: ${record.provisioningStatusInfo.errorInformation.reason}`,
        )
      : null,
    h("h3", {}, "Steps"),
    renderSteps(record.provisioningSteps),
    h("h3", {}, "Modified properties"),
    renderModified(record.modifiedProperties),
  );
}

import { api, badge, command, field, h, header, replace, statusLine, table } from "./dom.js";

/**
 * The portal's names for the four steps of a provisioning record, by step type. Graph's
 * provisionOnDemand answer capitalises the types (Import, Scoping, ...), the provisioning logs do not.
 */
const STEP_TITLES = {
  import: "Import user",
  scoping: "Determine if user is in scope",
  matching: "Match user between source and target system",
  export: "Perform action",
};

/** Provisioning → Overview: status, Test Connection, start a cycle, restart. */
export async function renderOverview(view, context) {
  const status = statusLine();
  const facts = h("dl", { class: "facts" });
  const refresh = async () => {
    const [job, entra] = await Promise.all([api("GET", context.job), api("GET", "/api/entra")]);
    const app = entra.apps.find((candidate) => candidate.jobId === context.app.jobId) ?? entra.apps[0];
    const cycle = app.lastCycle;
    replace(
      facts,
      [
        ["Enterprise application", app.displayName],
        ["Provisioning status", job.status?.code ?? app.status],
        ["Tenant URL", app.tenantUrl],
        ["Users linked in the target", String(app.linkedUsers)],
        ["Provisioning log records", String(app.logRecords)],
        [
          "Last cycle",
          cycle ? `${cycle.kind}, ${new Date(cycle.endedDateTime).toLocaleString()}` : "never run",
        ],
      ].map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
    );
  };
  const act = (label, run) =>
    command(label, async () => {
      try {
        status.busy(`${label}…`);
        status.ok(await run());
        await refresh();
      } catch (error) {
        status.fail(error);
      }
    });
  replace(
    view,
    header(
      "Provisioning",
      "Enterprise application → Provisioning (Graph synchronization job)",
      act("Test Connection", async () => {
        await api("POST", `${context.job}/validateCredentials`, { useSavedCredentials: true });
        return "The supplied credentials are authorized to enable provisioning.";
      }),
      act("Start provisioning", async () => {
        await api("POST", `${context.job}/start`, {});
        return "A provisioning cycle ran; see the provisioning logs.";
      }),
      act("Restart provisioning", async () => {
        await api("POST", `${context.job}/restart`, { criteria: { resetScope: "Full" } });
        return "Restarted: the next cycle is an initial cycle.";
      }),
    ),
    status.element,
    facts,
  );
  await refresh();
}

/** Provision on demand: pick a user or group, provision it, see the result step by step. */
export async function renderOnDemand(view, context) {
  const [preselected] = context.params;
  const [{ value: users }, { value: groups }] = await Promise.all([
    api("GET", "/api/graph/users"),
    api("GET", "/api/graph/groups"),
  ]);
  const subject = h(
    "select",
    { name: "subject" },
    h(
      "optgroup",
      { label: "Users" },
      users.map((user) =>
        h(
          "option",
          { value: `User:${user.userPrincipalName}`, selected: user.userPrincipalName === preselected },
          `${user.displayName ?? ""} (${user.userPrincipalName})`,
        ),
      ),
    ),
    groups.length
      ? h(
          "optgroup",
          { label: "Groups" },
          groups.map((group) => h("option", { value: `Group:${group.id}` }, group.displayName)),
        )
      : null,
  );
  const result = h("section", { class: "on-demand-result", "aria-label": "Result", "aria-live": "polite" });
  const status = statusLine();
  const provision = async (event) => {
    event.preventDefault();
    const [type, ...rest] = subject.value.split(":");
    try {
      status.busy("Provisioning…");
      const answer = await api("POST", `${context.job}/provisionOnDemand`, {
        parameters: [
          { ruleId: context.app.ruleId, subjects: [{ objectId: rest.join(":"), objectTypeName: type }] },
        ],
      });
      status.clear();
      renderResult(result, JSON.parse(answer.key), JSON.parse(answer.value));
    } catch (error) {
      status.fail(error);
    }
  };
  replace(
    view,
    header("Provision on demand", "Provision a user or group now, without waiting for the next cycle"),
    h(
      "form",
      { class: "inline-form", onsubmit: provision },
      field("Select a user or group", subject),
      h("button", { type: "submit", class: "primary" }, "Provision"),
    ),
    status.element,
    result,
  );
}

/** The steps, as the portal lists them after "Provision": each with status, description and details. */
export function renderSteps(steps) {
  return h(
    "ol",
    { class: "steps" },
    steps.map((step, index) =>
      h(
        "li",
        { class: `step ${String(step.status).toLowerCase()}` },
        h(
          "div",
          { class: "step-head" },
          h("span", { class: "step-number", "aria-hidden": "true" }, String(index + 1)),
          h(
            "strong",
            {},
            STEP_TITLES[String(step.type ?? step.provisioningStepType).toLowerCase()] ?? step.name,
          ),
          badge(step.status),
        ),
        h("p", {}, step.description),
        Object.keys(step.details ?? {}).length
          ? h(
              "details",
              {},
              h("summary", {}, "View details"),
              table(
                ["Name", "Value"],
                Object.entries(step.details).map(([name, value]) => [name, String(value)]),
                { class: "grid compact" },
              ),
            )
          : null,
      ),
    ),
  );
}

/** The modified properties of one record. */
export function renderModified(properties) {
  return table(
    ["Target attribute", "Old value", "New value"],
    properties.map((property) => [property.displayName, property.oldValue ?? "", property.newValue ?? ""]),
    { label: "Modified properties", empty: "No properties were modified.", class: "grid compact" },
  );
}

function renderResult(element, key, value) {
  replace(
    element,
    h("h2", {}, `${value.reportableIdentifier}: `, badge(key.result), " ", value.action),
    key.details?.errorCode
      ? h("p", { class: "status error" }, `${key.details.errorCode}: ${key.details.errorMessage}`)
      : null,
    renderSteps(value.provisioningSteps),
    h("h3", {}, "Modified properties"),
    renderModified(value.modifiedProperties),
  );
}

import { EntraError } from "../../emulator/entra/entra-error.ts";
import { formatLogRecord } from "../../emulator/entra/provisioning/index.ts";
import type { CycleResult } from "../../emulator/entra/provisioning/index.ts";
import type { ScimExchangeRecord } from "../../emulator/entra/provisioning/index.ts";
import type { Runtime } from "../../emulator/runtime/runtime.ts";
import type { Scenario, ScenarioExpect, ScenarioStep } from "../loader/scenario-schema.ts";
import {
  buildWorld,
  toAttributeMapping,
  upsertMapping,
  type World,
  type WorldOptions,
} from "./build-world.ts";

/** What one step did and, for expectations, whether they held. */
export type StepReport = {
  index: number;
  kind: string;
  ok: boolean;
  lines: string[];
  exchanges: ScimExchangeRecord[];
};

export type ScenarioReport = { name: string; ok: boolean; steps: StepReport[]; world: World };

/** Replays a scenario's steps against its world; expectation failures are reported, not thrown. */
export async function runScenario(
  scenario: Scenario,
  options: Omit<WorldOptions, "runtime"> & { runtime: Runtime },
): Promise<ScenarioReport> {
  const world = buildWorld(scenario, options);
  const steps: StepReport[] = [];
  let previous: StepReport | undefined;
  let lastResult: CycleResult | undefined;
  for (const [index, step] of scenario.steps.entries()) {
    const kind = Object.keys(step)[0] ?? "?";
    const report: StepReport = { index, kind, ok: true, lines: [], exchanges: [] };
    if ("expect" in step) {
      await checkExpectations(world, step.expect, previous, lastResult, report);
    } else {
      try {
        const result = await perform(world, step, report);
        if (result) lastResult = result;
      } catch (error) {
        // A step the directory refuses (e.g. purging a user that is not deleted) fails that step,
        // as Graph would answer the same call with an error; the scenario goes on.
        if (!(error instanceof EntraError)) throw error;
        report.ok = false;
        report.lines.push(`${kind}: refused: ${error.code}: ${error.message}`);
      }
      previous = report;
    }
    steps.push(report);
  }
  return { name: scenario.name, ok: steps.every((step) => step.ok), steps, world };
}

async function perform(
  world: World,
  step: Exclude<ScenarioStep, { expect: unknown }>,
  report: StepReport,
): Promise<CycleResult | undefined> {
  const { tenant, app } = world;
  const describe = (result: CycleResult) => {
    report.exchanges = result.exchanges;
    const { baseUrl } = app.engine.endpoint("initial").endpoint;
    for (const exchange of result.exchanges) {
      report.lines.push(`  → ${requestLine(exchange, baseUrl)}  ${exchange.status}`);
    }
    for (const object of result.results) report.lines.push(indent(formatLogRecord(object.log)));
    return result;
  };
  if ("provision" in step) {
    report.lines.push(`provision on demand: ${step.provision}`);
    return describe(await app.engine.provisionOnDemand(requireUser(world, step.provision)));
  }
  if ("cycle" in step) {
    report.lines.push(`${step.cycle} cycle`);
    return describe(await app.engine.runCycle(step.cycle));
  }
  if ("updateUser" in step) {
    tenant.directory.updateUser(requireUser(world, step.updateUser.user), step.updateUser.set);
    report.lines.push(`update ${step.updateUser.user}: ${JSON.stringify(step.updateUser.set)}`);
    return undefined;
  }
  if ("assign" in step || "unassign" in step) {
    const name = "assign" in step ? step.assign : step.unassign;
    const id =
      tenant.directory.user(name)?.id ??
      tenant.directory.groups().find((group) => group.displayName === name || group.id === name)?.id;
    if (!id) throw new EntraError(404, "Request_ResourceNotFound", `no user or group '${name}'`);
    if ("assign" in step) app.job.assignments.add(id);
    else app.job.assignments.delete(id);
    tenant.directory.touch(id);
    report.lines.push(`${"assign" in step ? "assign" : "unassign"} ${name}`);
    return undefined;
  }
  if ("deleteUser" in step) {
    tenant.directory.softDeleteUser(step.deleteUser);
    report.lines.push(`soft-delete ${step.deleteUser}`);
    return undefined;
  }
  if ("restoreUser" in step) {
    tenant.directory.restore(requireUser(world, step.restoreUser));
    report.lines.push(`restore ${step.restoreUser}`);
    return undefined;
  }
  if ("purgeUser" in step) {
    tenant.directory.purge(requireUser(world, step.purgeUser));
    report.lines.push(`purge ${step.purgeUser}`);
    return undefined;
  }
  if ("setMapping" in step) {
    upsertMapping(app.job.config.users.mappings, toAttributeMapping(step.setMapping));
    // Saving a mapping change starts a new initial cycle (how-provisioning-works.md, entra.md §8).
    app.engine.restart({ resetScope: "Watermark" });
    report.lines.push(`set mapping → ${step.setMapping.target} (the next cycle is an initial one)`);
    return undefined;
  }
  if ("setIam" in step) {
    const response = await world.immutaFetch(
      new Request(`${world.immutaOrigin}/_synclab/immuta/iams/${encodeURIComponent(step.setIam.id)}`, {
        method: "PUT",
        headers: { authorization: world.apiKey, "content-type": "application/json" },
        body: JSON.stringify(step.setIam),
      }),
    );
    report.ok = response.ok;
    report.lines.push(`set IAM ${step.setIam.id}: ${response.status}`);
    return undefined;
  }
  if ("provisionGroup" in step) {
    const spec =
      typeof step.provisionGroup === "string" ? { group: step.provisionGroup } : step.provisionGroup;
    const groupId = requireGroup(world, spec.group);
    report.lines.push(`provision on demand: group ${spec.group}`);
    return describe(
      await app.engine.provisionOnDemand(groupId, {
        ...(spec.members ? { members: spec.members.map((member) => requireUser(world, member)) } : {}),
      }),
    );
  }
  if ("restart" in step) {
    const criteria = step.restart === true ? {} : { resetScope: step.restart.resetScope };
    app.engine.restart(criteria);
    report.lines.push(
      `restart provisioning${step.restart === true ? "" : ` (resetScope ${step.restart.resetScope})`}`,
    );
    return undefined;
  }
  if ("setAccountEnabled" in step) {
    const { user, enabled } = step.setAccountEnabled;
    tenant.directory.updateUser(requireUser(world, user), { accountEnabled: enabled });
    report.lines.push(`set accountEnabled of ${user} to ${String(enabled)}`);
    return undefined;
  }
  if ("createGroup" in step) {
    const input = step.createGroup;
    const group = tenant.directory.createGroup({
      displayName: input.displayName,
      members: input.members.map((member) => requireUser(world, member)),
    });
    if (input.assigned) app.job.assignments.add(group.id);
    report.lines.push(`create group ${input.displayName}${input.assigned ? " (assigned)" : ""}`);
    return undefined;
  }
  if ("updateGroup" in step) {
    tenant.directory.updateGroup(requireGroup(world, step.updateGroup.group), {
      displayName: step.updateGroup.displayName,
    });
    report.lines.push(`rename group ${step.updateGroup.group} to ${step.updateGroup.displayName}`);
    return undefined;
  }
  if ("addMember" in step || "removeMember" in step) {
    const change = "addMember" in step ? step.addMember : step.removeMember;
    const groupId = requireGroup(world, change.group);
    const userId = requireUser(world, change.user);
    if ("addMember" in step) tenant.directory.addMember(groupId, userId);
    else tenant.directory.removeMember(groupId, userId);
    report.lines.push(
      `${"addMember" in step ? "add" : "remove"} member ${change.user} ${"addMember" in step ? "to" : "from"} ${change.group}`,
    );
    return undefined;
  }
  if ("setQuirk" in step) {
    app.job.quirks[step.setQuirk.name] = step.setQuirk.value;
    report.lines.push(`set quirk ${step.setQuirk.name} = ${String(step.setQuirk.value)}`);
    return undefined;
  }
  const result = await app.engine.testConnection();
  report.exchanges = result.exchanges;
  report.ok = result.ok;
  report.lines.push(`test connection: ${result.ok ? "success" : `failed: ${result.error?.reason ?? ""}`}`);
  return undefined;
}

function requireGroup(world: World, idOrName: string): string {
  const directory = world.tenant.directory;
  const group =
    directory.group(idOrName) ??
    directory.groups().find((candidate) => candidate.displayName.toLowerCase() === idOrName.toLowerCase());
  if (!group)
    throw new EntraError(404, "Request_ResourceNotFound", `no group '${idOrName}' in the directory`);
  return group.id;
}

function requireUser(world: World, idOrUpn: string): string {
  const user = world.tenant.directory.user(idOrUpn);
  if (!user) throw new EntraError(404, "Request_ResourceNotFound", `no user '${idOrUpn}' in the directory`);
  return user.id;
}

/** `METHOD /path?query` relative to the tenant URL, query decoded, as expectations write it. */
export function requestLine(exchange: ScimExchangeRecord, baseUrl: string): string {
  const url = new URL(exchange.url);
  const base = new URL(baseUrl);
  const path = url.pathname.startsWith(base.pathname)
    ? url.pathname.slice(base.pathname.length) || "/"
    : url.pathname;
  const query = [...url.searchParams].map(([key, value]) => `${key}=${value}`).join("&");
  return `${exchange.method} ${decodeURIComponent(path)}${query ? `?${query}` : ""}`;
}

async function checkExpectations(
  world: World,
  expect: ScenarioExpect,
  previous: StepReport | undefined,
  lastResult: CycleResult | undefined,
  report: StepReport,
): Promise<void> {
  const failures: string[] = [];
  const passes: string[] = [];
  const check = (ok: boolean, what: string) => (ok ? passes : failures).push(what);

  if (expect.user !== undefined) {
    const iam = expect.iam ?? world.immuta.state.iams()[0]?.config.id ?? "entra";
    const response = await world.immutaFetch(
      new Request(
        `${world.immutaOrigin}/bim/iam/${encodeURIComponent(iam)}/user/${encodeURIComponent(expect.user)}`,
        {
          headers: { authorization: world.apiKey },
        },
      ),
    );
    const exists = response.status === 200;
    const body = exists
      ? ((await response.json()) as { disabled: boolean; iamAuthorizations: Record<string, string[]> })
      : undefined;
    if (expect.exists !== undefined)
      check(
        exists === expect.exists,
        `${expect.user} ${expect.exists ? "exists" : "does not exist"} in Immuta (got HTTP ${response.status})`,
      );
    if (!body) {
      if (expect.exists !== false)
        failures.push(`${expect.user} is not in Immuta IAM '${iam}' (HTTP ${response.status})`);
    } else {
      if (expect.disabled !== undefined)
        check(
          body.disabled === expect.disabled,
          `disabled is ${String(expect.disabled)} (got ${String(body.disabled)})`,
        );
      for (const [key, values] of Object.entries(expect.attributes ?? {})) {
        const actual = Object.hasOwn(body.iamAuthorizations, key) ? body.iamAuthorizations[key] : undefined;
        const same =
          actual !== undefined && JSON.stringify([...actual].sort()) === JSON.stringify([...values].sort());
        check(
          same,
          `${key} = ${JSON.stringify(values)} (got ${actual === undefined ? "nothing" : JSON.stringify(actual)})`,
        );
      }
      for (const key of expect.absent ?? []) {
        const actual = Object.hasOwn(body.iamAuthorizations, key) ? body.iamAuthorizations[key] : undefined;
        check(actual === undefined, `${key} is absent (got ${JSON.stringify(actual)})`);
      }
    }
  }
  if (expect.requests !== undefined) {
    const baseUrl = world.app.engine.endpoint("initial").endpoint.baseUrl;
    const sent = (previous?.exchanges ?? []).map((exchange) => requestLine(exchange, baseUrl));
    const same =
      sent.length === expect.requests.length &&
      sent.every((line, index) => matchesLine(line, expect.requests?.[index] ?? ""));
    check(
      same,
      `requests sent were ${JSON.stringify(expect.requests)}${same ? "" : `\n      got ${JSON.stringify(sent)}`}`,
    );
  }
  if (expect.requestBodies !== undefined) {
    const baseUrl = world.app.engine.endpoint("initial").endpoint.baseUrl;
    const exchanges = previous?.exchanges ?? [];
    for (const { request, body } of expect.requestBodies) {
      const exchange = exchanges.find((candidate) => matchesLine(requestLine(candidate, baseUrl), request));
      const same = exchange !== undefined && matchesJson(exchange.requestBody, body);
      check(
        same,
        `${request} had body ${JSON.stringify(body)}${same ? "" : `\n      got ${exchange ? JSON.stringify(exchange.requestBody) : "no such request"}`}`,
      );
    }
  }
  if (expect.log !== undefined) {
    const record = lastResult?.results.at(-1)?.log;
    if (!record) failures.push("no provisioning log record to check");
    else {
      if (expect.log.action !== undefined)
        check(
          record.provisioningAction === expect.log.action,
          `log action is ${expect.log.action} (got ${record.provisioningAction})`,
        );
      if (expect.log.status !== undefined)
        check(
          record.provisioningStatusInfo.status === expect.log.status,
          `log status is ${expect.log.status} (got ${record.provisioningStatusInfo.status})`,
        );
      if (expect.log.errorCode !== undefined) {
        const code = record.provisioningStatusInfo.errorInformation?.errorCode;
        check(
          code === expect.log.errorCode,
          `log error code is ${expect.log.errorCode} (got ${code ?? "none"})`,
        );
      }
    }
  }
  report.ok = failures.length === 0;
  report.lines.push(`expect${expect.user ? ` ${expect.user}` : ""}`);
  for (const line of passes) report.lines.push(`  ✓ ${line}`);
  for (const line of failures) report.lines.push(`  ✗ ${line}`);
}

/** An expected request line; `*` stands for any text (e.g. the random GUID of the keep-alive probe). */
export function matchesLine(line: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(line);
}

/** Deep JSON equality where an expected string containing `*` matches any text in its place. */
export function matchesJson(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string")
    return expected.includes("*") ? matchesLine(actual, expected) : actual === expected;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => matchesJson(actual[index], item))
    );
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every(
        (key) =>
          Object.hasOwn(actual, key) &&
          matchesJson((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
      )
    );
  }
  return actual === expected;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

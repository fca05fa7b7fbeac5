import type { CycleResult } from "../../emulator/entra/index.ts";
import type { World } from "../world/build-world.ts";
import { printProvisioning } from "./print-provisioning.ts";
import { requireGroup, requireUser } from "./resolve-names.ts";
import { checkNothing, defineStep, DONE, type StepOutcome } from "./step-handler.ts";

/** A provisioning run and the tenant URL its requests are printed against. */
type Provisioned = StepOutcome & { result: CycleResult; baseUrl: string };

function provisioned(world: World, result: CycleResult): Provisioned {
  const { baseUrl } = world.app.engine.endpoint("initial").endpoint;
  return { ok: true, exchanges: result.exchanges, result, baseUrl };
}

/** `provision: <user>`: provision on demand for one user. */
export const provisionStep = defineStep<"provision", Provisioned>({
  role: "action",
  check: (user, scope) => scope.user(user, []),
  run: async (user, { world }) =>
    provisioned(world, await world.tenant.provisionOnDemand(world.app, requireUser(world, user))),
  print: (user, outcome) => [
    `provision on demand: ${user}`,
    ...printProvisioning(outcome.result, outcome.baseUrl),
  ],
});

/** `provisionGroup: <group>` or `{group, members}`: provision on demand for a group and up to five members. */
export const provisionGroupStep = defineStep<"provisionGroup", Provisioned>({
  role: "action",
  check: (argument, scope) => {
    if (typeof argument === "string") return scope.group(argument, []);
    scope.group(argument.group, ["group"]);
    argument.members?.forEach((member, index) => scope.user(member, ["members", index]));
  },
  run: async (argument, { world }) => {
    const spec = typeof argument === "string" ? { group: argument } : argument;
    const groupId = requireGroup(world, spec.group);
    const members = spec.members?.map((member) => requireUser(world, member));
    const result = await world.tenant.provisionOnDemand(world.app, groupId, members ? { members } : {});
    return provisioned(world, result);
  },
  print: (argument, outcome) => [
    `provision on demand: group ${typeof argument === "string" ? argument : argument.group}`,
    ...printProvisioning(outcome.result, outcome.baseUrl),
  ],
});

/** `cycle: initial | incremental`: one provisioning cycle, recorded as the job's last one. */
export const cycleStep = defineStep<"cycle", Provisioned>({
  role: "action",
  check: checkNothing,
  run: async (kind, { world }) => provisioned(world, await world.tenant.runCycle(world.app, kind)),
  print: (kind, outcome) => [`${kind} cycle`, ...printProvisioning(outcome.result, outcome.baseUrl)],
});

/** `restart: true` (the portal's Restart provisioning) or `{resetScope}`. */
export const restartStep = defineStep<"restart", StepOutcome>({
  role: "action",
  check: checkNothing,
  run: (argument, { world }) => {
    world.tenant.restart(world.app, argument === true ? null : [argument.resetScope]);
    return Promise.resolve(DONE);
  },
  print: (argument) => [
    `restart provisioning${argument === true ? "" : ` (resetScope ${argument.resetScope})`}`,
  ],
});

/** `testConnection: true`: Test Connection with the saved credentials. */
export const testConnectionStep = defineStep<"testConnection", StepOutcome & { reason: string }>({
  role: "action",
  check: checkNothing,
  run: async (_argument, { world }) => {
    const result = await world.tenant.validateCredentials(world.app, null);
    return { ok: result.ok, exchanges: result.exchanges, result: null, reason: result.error?.reason ?? "" };
  },
  print: (_argument, outcome) => [`test connection: ${outcome.ok ? "success" : `failed: ${outcome.reason}`}`],
});

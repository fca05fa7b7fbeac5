import { toAttributeMapping } from "../world/scenario-mapping.ts";
import { requirePrincipal } from "./resolve-names.ts";
import { checkNothing, defineStep, DONE, type StepOutcome } from "./step-handler.ts";

/** `assign: <user or group>`: an app role assignment (Default Access). */
export const assignStep = defineStep<"assign", StepOutcome>({
  role: "action",
  check: (name, scope) => scope.principal(name, []),
  run: (name, { world }) => {
    world.tenant.assign(world.app, requirePrincipal(world, name));
    return Promise.resolve(DONE);
  },
  print: (name) => [`assign ${name}`],
});

/** `unassign: <user or group>`: removes the assignment; the next cycle disables the user. */
export const unassignStep = defineStep<"unassign", StepOutcome>({
  role: "action",
  check: (name, scope) => scope.principal(name, []),
  run: (name, { world }) => {
    world.tenant.unassign(world.app, requirePrincipal(world, name));
    return Promise.resolve(DONE);
  },
  print: (name) => [`unassign ${name}`],
});

/** `setMapping: <mapping>`: saves a user attribute mapping, as the portal does; the next cycle is an initial one. */
export const setMappingStep = defineStep<"setMapping", StepOutcome>({
  role: "action",
  check: checkNothing,
  run: (mapping, { world }) => {
    world.tenant.setMapping(world.app, toAttributeMapping(mapping));
    return Promise.resolve(DONE);
  },
  print: (mapping) => [`set mapping → ${mapping.target} (the next cycle is an initial one)`],
});

/** `setQuirk: {name, value}`: flips an emulator quirk switch from now on. */
export const setQuirkStep = defineStep<"setQuirk", StepOutcome>({
  role: "action",
  check: checkNothing,
  run: ({ name, value }, { world }) => {
    world.tenant.setQuirk(world.app, name, value);
    return Promise.resolve(DONE);
  },
  print: ({ name, value }) => [`set quirk ${name} = ${String(value)}`],
});

/** `setIam: <IAM>`: replaces an Immuta IAM's settings through the fake Immuta's control API. */
export const setIamStep = defineStep<"setIam", StepOutcome & { status: number }>({
  role: "action",
  check: checkNothing,
  run: async (iam, { world }) => {
    const response = await world.immutaFetch(
      new Request(`${world.immutaOrigin}/_synclab/immuta/iams/${encodeURIComponent(iam.id)}`, {
        method: "PUT",
        headers: { authorization: world.apiKey, "content-type": "application/json" },
        body: JSON.stringify(iam),
      }),
    );
    return { ...DONE, ok: response.ok, status: response.status };
  },
  print: (iam, outcome) => [`set IAM ${iam.id}: ${outcome.status}`],
});

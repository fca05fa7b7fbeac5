import type { IamConfigInput } from "../../../emulator/immuta/index.ts";
import type { ScenarioStep } from "../../loader/scenario-schema.ts";
import { scenarioSource } from "../../world/scenario-mapping.ts";
import type { JsonValue } from "../../../emulator/scim/index.ts";
import type { ModelMapping, ModelStep } from "../model/index.ts";
import { graphValue, isOnPremisesExtension } from "./graph-value.ts";

type UpdateUserSet = Extract<ScenarioStep, { updateUser: unknown }>["updateUser"]["set"];

/** The scenario step that means the same as a model step (what `synclab run` replays). */
export function toScenarioStep(
  step: ModelStep,
  context: { userPrincipalName: string; iams: readonly IamConfigInput[] },
): ScenarioStep {
  const user = context.userPrincipalName;
  switch (step.kind) {
    case "set": {
      // The scenario language names an extension attribute by its place in Graph's user.
      const key = isOnPremisesExtension(step.source)
        ? `onPremisesExtensionAttributes.${step.source}`
        : step.source;
      const set: Record<string, JsonValue> = { [key]: graphValue(step.value) };
      return { updateUser: { user, set: set as UpdateUserSet } };
    }
    case "provision":
      return { provision: user };
    case "cycle":
      return { cycle: step.run };
    case "restart":
      return { restart: true };
    case "setAccountEnabled":
      return { setAccountEnabled: { user, enabled: step.enabled } };
    case "softDelete":
      return { deleteUser: user };
    case "restore":
      return { restoreUser: user };
    case "purge":
      return { purgeUser: user };
    case "assign":
      return step.assigned ? { assign: user } : { unassign: user };
    case "setRows": {
      const input = context.iams.find((iam) => iam.id === step.iam) ?? { id: step.iam };
      return { setIam: { ...input, attributeSchema: step.rows.map((row) => ({ ...row })) } };
    }
    case "setMapping":
      return { setMapping: scenarioMapping(step.mapping) };
  }
}

function scenarioMapping(
  mapping: ModelMapping,
): Extract<ScenarioStep, { setMapping: unknown }>["setMapping"] {
  return {
    target: mapping.target,
    ...scenarioSource(mapping.source),
    defaultValue: mapping.defaultValue,
    apply: mapping.flow === "ObjectAddOnly" ? "onCreate" : "always",
    matchingPriority: 0,
  };
}

/** A step as one scenario line, e.g. `updateUser: {"user":"pat@contoso.com","set":{"city":"Oslo"}}`. */
export function stepLine(step: ScenarioStep): string {
  const [kind, argument] = Object.entries(step as Record<string, unknown>)[0] ?? ["?", null];
  return `${kind}: ${typeof argument === "string" ? argument : JSON.stringify(argument)}`;
}

import type { AttributeMapping } from "../../emulator/entra/index.ts";
import type { JsonValue } from "../../emulator/scim/index.ts";
import type { Scenario, ScenarioMapping } from "../loader/scenario-schema.ts";

/** A scenario mapping as the provisioning model's attribute mapping. */
export function toAttributeMapping(mapping: ScenarioMapping): AttributeMapping {
  const source: AttributeMapping["source"] =
    mapping.source !== undefined
      ? { type: "Direct", attribute: mapping.source }
      : mapping.constant !== undefined
        ? { type: "Constant", value: mapping.constant }
        : mapping.expression !== undefined
          ? { type: "Expression", expression: mapping.expression }
          : { type: "None" };
  return {
    target: mapping.target,
    source,
    defaultValue: mapping.defaultValue,
    flowType: mapping.apply === "onCreate" ? "ObjectAddOnly" : "Always",
    matchingPriority: mapping.matchingPriority,
  };
}

/** The scenario keys that name a mapping's source: the inverse of toAttributeMapping's source. */
export function scenarioSource(
  source: AttributeMapping["source"],
): { source: string } | { constant: string } | { expression: string } | { none: true } {
  switch (source.type) {
    case "Direct":
      return { source: source.attribute };
    case "Constant":
      return { constant: source.value };
    case "Expression":
      return { expression: source.expression };
    case "None":
      return { none: true };
  }
}

/** A scenario user as Graph properties and an optional object id (the rest is scenario-only). */
export function graphUser(
  input: Scenario["entra"]["users"][number],
): [Record<string, JsonValue>, string | undefined] {
  const { assigned: _assigned, manager: _manager, id, ...properties } = input;
  return [properties, id];
}

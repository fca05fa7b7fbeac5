import type { EngineContext } from "./engine-run.ts";
import { evaluateMappings, type MappedValue } from "./evaluate-mappings.ts";
import type { SourceValue } from "./source-attributes.ts";
import type { AttributeMapping } from "./provisioning-config.ts";

/** Matching mappings in precedence order: lowest positive `matchingPriority` first (Graph attributeMapping). */
export function matchingMappings(mappings: readonly AttributeMapping[]): AttributeMapping[] {
  return mappings
    .filter((mapping) => mapping.matchingPriority > 0)
    .sort((a, b) => a.matchingPriority - b.matchingPriority);
}

/** The matching attributes' values for one object, in precedence order, ready for matchByFilters. */
export function matchingValues(
  context: Pick<EngineContext, "mappingRuntime" | "expressions">,
  mappings: readonly AttributeMapping[],
  read: (name: string) => SourceValue,
): MappedValue[] {
  return evaluateMappings(
    matchingMappings(mappings),
    read,
    "update",
    context.mappingRuntime,
    context.expressions,
  );
}

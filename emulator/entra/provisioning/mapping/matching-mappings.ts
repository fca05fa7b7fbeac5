import { evaluateMappings, type MappedValue, type MappingEnvironment } from "./evaluate-mappings.ts";
import type { SourceValue } from "./source-attributes.ts";
import type { AttributeMapping } from "../config/provisioning-config.ts";

/**
 * Matching mappings in precedence order: lowest positive `matchingPriority` first (Graph
 * attributeMapping).
 */
export function matchingMappings(mappings: readonly AttributeMapping[]): AttributeMapping[] {
  return mappings
    .filter((mapping) => mapping.matchingPriority > 0)
    .sort((a, b) => a.matchingPriority - b.matchingPriority);
}

/** The matching attributes' values for one object, in precedence order, ready for matchByFilters. */
export function matchingValues(
  environment: MappingEnvironment,
  mappings: readonly AttributeMapping[],
  read: (name: string) => SourceValue,
): MappedValue[] {
  return evaluateMappings(matchingMappings(mappings), read, "update", environment);
}

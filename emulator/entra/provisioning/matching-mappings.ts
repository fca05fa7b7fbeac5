import type { AttributeMapping } from "./provisioning-config.ts";

/** Matching mappings in precedence order: lowest positive `matchingPriority` first (Graph attributeMapping). */
export function matchingMappings(mappings: readonly AttributeMapping[]): AttributeMapping[] {
  return mappings
    .filter((mapping) => mapping.matchingPriority > 0)
    .sort((a, b) => a.matchingPriority - b.matchingPriority);
}

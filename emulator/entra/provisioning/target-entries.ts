import type { EngineContext } from "./engine-run.ts";
import { evaluateMappings } from "./evaluate-mappings.ts";
import type { AttributeMapping, TargetAttribute } from "./provisioning-config.ts";
import type { TargetEntry } from "./scim-requests.ts";
import type { SourceValue } from "./source-attributes.ts";

/**
 * Evaluates an object's mappings for a create or an update and keeps the values that flow, each
 * with its parsed target path and its definition from the attribute list (`attributes`, by
 * lower-cased name); `unlisted` types a mapped target that is not in the list.
 */
export function buildTargetEntries(
  context: EngineContext,
  mappings: readonly AttributeMapping[],
  read: (name: string) => SourceValue,
  operation: "create" | "update",
  attributes: ReadonlyMap<string, TargetAttribute>,
  unlisted: (name: string) => TargetAttribute,
): TargetEntry[] {
  const entries: TargetEntry[] = [];
  for (const item of evaluateMappings(
    mappings,
    read,
    operation,
    context.mappingRuntime,
    context.expressions,
  )) {
    if (item.skip) continue;
    const target = item.mapping.target;
    entries.push({
      target,
      path: context.path(target),
      attribute: attributes.get(target.toLowerCase()) ?? unlisted(target),
      value: item.value,
    });
  }
  return entries;
}

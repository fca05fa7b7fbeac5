import type { AttributeMapping, TargetAttribute } from "../config/provisioning-config.ts";
import type { TargetEntry } from "../scim-client/scim-requests.ts";
import { evaluateMappings, type MappingEnvironment, type TargetValue } from "./evaluate-mappings.ts";
import type { SourceValue } from "./source-attributes.ts";

/** Which of an object's mappings to evaluate, for which operation, typed by which attribute list. */
export type EntriesRequest = {
  mappings: readonly AttributeMapping[];
  read: (name: string) => SourceValue;
  operation: "create" | "update";
  /** The attribute list by lower-cased name. */
  attributes: ReadonlyMap<string, TargetAttribute>;
  /** Types a mapped target that is not in the list. */
  unlisted: (name: string) => TargetAttribute;
};

/**
 * Evaluates an object's mappings for a create or an update and keeps the values that flow, each
 * with its parsed target path and its definition from the attribute list.
 */
export function buildTargetEntries(environment: MappingEnvironment, request: EntriesRequest): TargetEntry[] {
  const { attributes, unlisted } = request;
  const entries: TargetEntry[] = [];
  for (const item of evaluateMappings(request.mappings, request.read, request.operation, environment)) {
    if (item.skip) continue;
    const target = item.mapping.target;
    const attribute = attributes.get(target.toLowerCase()) ?? unlisted(target);
    entries.push({
      target,
      path: environment.paths.get(target),
      attribute,
      value: singleValued(target, attribute, item.value),
    });
  }
  return entries;
}

/**
 * A multi-valued source mapped to a single-valued target: the object fails
 * (SchemaPropertyCanOnlyAcceptValue).
 */
export class MultipleValuesError extends Error {
  readonly target: string;

  constructor(target: string, count: number) {
    super(
      `The property ${target} in the target system can only accept one value, but the source has ${count}.`,
    );
    this.name = "MultipleValuesError";
    this.target = target;
  }
}

/**
 * One value for a single-valued target: a one-item list is that item; several fail the object, as
 * Entra logs SchemaPropertyCanOnlyAcceptValue
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs),
 * rather than sending one value while comparing all of them.
 */
function singleValued(target: string, attribute: TargetAttribute, value: TargetValue): TargetValue {
  if (attribute.multiValued || !Array.isArray(value)) return value;
  if (value.length <= 1) return value[0] ?? null;
  throw new MultipleValuesError(target, value.length);
}

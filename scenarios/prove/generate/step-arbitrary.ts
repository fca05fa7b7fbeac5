import fc from "fast-check";
import {
  DIRECTORY_EXTENSION,
  ON_PREMISES_EXTENSION_ATTRIBUTES,
  USER_PROPERTY_TYPES,
} from "../../../emulator/entra/index.ts";
import { classifyTarget, type ModelConfig, type ModelMapping, type ModelStep } from "../model/index.ts";
import { multiValue, prefix, sourceValue } from "./config-arbitrary.ts";

/** Sources whose change would move the user (matching, scope) rather than an attribute. */
const NOT_CHANGED = new Set(["userPrincipalName", "accountEnabled", "IsSoftDeleted", "objectId", "manager"]);

/** A source a step can set: its name and whether it holds a string collection. */
export type SettableSource = { name: string; multi: boolean };

/** The sources the configuration's mappings read that a directory update can set. */
export function settableSources(config: ModelConfig): SettableSource[] {
  const names = new Set<string>();
  for (const mapping of config.mappings) {
    if (mapping.source.type === "Direct") names.add(mapping.source.attribute);
    if (mapping.source.type === "Expression") {
      for (const match of mapping.source.expression.matchAll(/\[([^\]]+)\]/g))
        if (match[1]) names.add(match[1]);
    }
  }
  return [...names]
    .filter((name) => !NOT_CHANGED.has(name))
    .flatMap((name): SettableSource[] => {
      const type = Object.hasOwn(USER_PROPERTY_TYPES, name)
        ? USER_PROPERTY_TYPES[name as keyof typeof USER_PROPERTY_TYPES]
        : undefined;
      if (
        type === "string" ||
        DIRECTORY_EXTENSION.test(name) ||
        ON_PREMISES_EXTENSION_ATTRIBUTES.includes(name)
      )
        return [{ name, multi: false }];
      return type === "string[]" ? [{ name, multi: true }] : [];
    });
}

/** The extension homes the configuration's targets use, for new attribute-schema rows. */
function homes(config: ModelConfig): string[] {
  const found = new Set<string>();
  for (const mapping of config.mappings) {
    const kind = classifyTarget(mapping.target);
    if (kind.kind !== "core" && kind.schema !== null) found.add(kind.schema);
  }
  return found.size > 0 ? [...found] : ["urn:ietf:params:scim:schemas:extension:custom:2.0:User"];
}

/** A mapping change as the portal saves it: the same target, another flow or a constant. */
function changedMapping(mapping: ModelMapping): fc.Arbitrary<ModelMapping> {
  return fc.oneof(
    fc.constant<ModelMapping>({ ...mapping, flow: mapping.flow === "Always" ? "ObjectAddOnly" : "Always" }),
    sourceValue.map((value): ModelMapping => ({ ...mapping, source: { type: "Constant", value } })),
  );
}

/**
 * Steps over one user: set and clear source values, provision on demand, initial and incremental
 * cycles, restart, disable and enable, soft delete, restore and purge, unassign and assign,
 * attribute-schema row changes and mapping changes.
 */
export function stepArbitrary(config: ModelConfig): fc.Arbitrary<ModelStep> {
  const sources = settableSources(config);
  const custom = config.mappings.filter(
    (mapping) => classifyTarget(mapping.target).kind !== "core" && !mapping.multiValued,
  );
  const options: fc.WeightedArbitrary<ModelStep>[] = [
    { weight: 4, arbitrary: fc.constant({ kind: "provision" }) },
    {
      weight: 4,
      arbitrary: fc.constantFrom("initial", "incremental").map((run) => ({ kind: "cycle", run })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "restart" }) },
    { weight: 1, arbitrary: fc.boolean().map((enabled) => ({ kind: "setAccountEnabled", enabled })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<ModelStep>({ kind: "softDelete" }, { kind: "restore" }, { kind: "purge" }),
    },
    { weight: 1, arbitrary: fc.boolean().map((assigned) => ({ kind: "assign", assigned })) },
    {
      weight: 1,
      arbitrary: fc
        .record({
          iam: fc.constantFrom(...config.iams.map((iam) => iam.id)),
          rows: fc.array(fc.record({ scimSchema: fc.constantFrom(...homes(config)), prefix }), {
            maxLength: 3,
          }),
        })
        .map(({ iam, rows }): ModelStep => ({ kind: "setRows", iam, rows })),
    },
  ];
  if (sources.length > 0) {
    const set = fc
      .constantFrom(...sources)
      .chain((source) =>
        fc
          .option<string | readonly string[]>(source.multi ? multiValue : sourceValue, { freq: 4 })
          .map((value): ModelStep => ({ kind: "set", source: source.name, value })),
      );
    options.push({ weight: 6, arbitrary: set });
  }
  if (custom.length > 0) {
    const mapping = fc
      .constantFrom(...custom)
      .chain(changedMapping)
      .map((changed): ModelStep => ({ kind: "setMapping", mapping: changed }));
    options.push({ weight: 1, arbitrary: mapping });
  }
  return fc.oneof(...options);
}

/** Whether a step can run now: a purged user is gone, only a deleted user is restored or purged. */
export function stepApplies(
  step: ModelStep,
  user: { softDeleted: boolean; purged: boolean; assigned: boolean },
): boolean {
  switch (step.kind) {
    case "assign":
      return !user.softDeleted && !user.purged && user.assigned !== step.assigned;
    case "restore":
    case "purge":
      return user.softDeleted && !user.purged;
    case "softDelete":
      return !user.softDeleted;
    case "set":
    case "setAccountEnabled":
      return !user.softDeleted && !user.purged;
    case "provision":
      return !user.purged;
    default:
      return true;
  }
}

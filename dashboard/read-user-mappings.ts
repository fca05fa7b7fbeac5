/** One attribute mapping of the user object mapping, as the portal's Attribute Mappings page lists it. */
export type UserMapping = {
  target: string;
  type: "Direct" | "Constant" | "Expression" | "None";
  /** The source as the portal writes it: `postalCode`, `"value"`, `Join(" ", [givenName], [surname])`. */
  expression: string;
  /** Entra properties the source reads. */
  sourceNames: string[];
  flowType: "Always" | "ObjectAddOnly";
  matchingPriority: number;
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/**
 * The user mappings and the customappsso attribute list of a Graph synchronizationSchema
 * (Microsoft Graph v1.0 synchronizationSchema, attributeMapping, attributeMappingSource).
 */
export function readUserMappings(schema: unknown): {
  mappings: UserMapping[];
  attributes: { name: string; multiValued: boolean }[];
} {
  const root = isObject(schema) ? schema : {};
  const rule = list(root.synchronizationRules)[0] ?? {};
  const objectMapping = list(rule.objectMappings).find((mapping) => mapping.sourceObjectName === "User");
  const enabled = objectMapping?.enabled !== false;
  const mappings = enabled ? list(objectMapping?.attributeMappings).map(toUserMapping) : [];
  const target = list(root.directories).find((directory) => directory.name === rule.targetDirectoryName);
  const userObject = list(target?.objects).find((object) => object.name === objectMapping?.targetObjectName);
  const attributes = list(userObject?.attributes).map((attribute) => ({
    name: String(attribute.name),
    multiValued: attribute.multivalued === true,
  }));
  return { mappings, attributes };
}

function toUserMapping(mapping: Json): UserMapping {
  const source = isObject(mapping.source) ? mapping.source : null;
  const expression = typeof source?.expression === "string" ? source.expression : "";
  const type =
    source === null
      ? "None"
      : source.type === "Attribute"
        ? "Direct"
        : source.type === "Constant"
          ? "Constant"
          : "Expression";
  const sourceNames =
    type === "Direct"
      ? [String(source?.name)]
      : [...expression.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1] ?? "");
  return {
    target: String(mapping.targetAttributeName),
    type,
    expression: type === "Direct" ? String(source?.name) : expression,
    sourceNames: [...new Set(sourceNames)],
    flowType: mapping.flowType === "ObjectAddOnly" ? "ObjectAddOnly" : "Always",
    matchingPriority: typeof mapping.matchingPriority === "number" ? mapping.matchingPriority : 0,
  };
}

/**
 * The configuration the round-trip model reads: what the portal and Immuta's IAM page show, with
 * the Entra quirk and Immuta assumption switches that change what arrives. Plain data, no engine.
 */
export type ModelSource =
  | { type: "Direct"; attribute: string }
  | { type: "Constant"; value: string }
  | { type: "Expression"; expression: string }
  | { type: "None" };

/** One attribute mapping of the user object mapping, with its target attribute's definition. */
export type ModelMapping = {
  target: string;
  source: ModelSource;
  /** "Apply this mapping": Always, or Only during object creation (ObjectAddOnly). */
  flow: "Always" | "ObjectAddOnly";
  /** "Default value if null (optional)": used on create only. */
  defaultValue: string | null;
  multiValued: boolean;
  /** "Exact case?": off, Entra compares values case-insensitively. */
  caseExact: boolean;
  /** A Reference attribute (manager): sent as a separate PATCH, never projected as text. */
  reference: boolean;
};

/** One Immuta IAM: its attribute-schema rows and the assumption switches the projection reads. */
export type ModelIam = {
  id: string;
  syncAttributes: boolean;
  rows: readonly { scimSchema: string; prefix: string }[];
  schemaUrnMatch: "case-insensitive" | "exact";
  attributeKeyCase: "keep" | "lower";
  echoExtensions: boolean;
  multiValueAdd: "append" | "replace";
  nonUrnAttributePaths: "nested" | "reject";
  unknownAttributes: "ignore" | "reject" | "store";
  enterpriseExtensionRows: "project" | "ignore";
  pathlessReplace: "apply" | "without-active" | "ignore";
};

/** The Entra quirk switches the model follows (emulator/entra/quirks.ts names and sources them). */
export type ModelRules = {
  nothingSentOnClear: boolean;
  createSkipsNonUrnCustomAttributes: boolean;
  multiValueAddAlways: boolean;
  disableSendsOnlyActive: boolean;
  mergedPathlessReplace: boolean;
  flagIgnoredOnDemand: boolean;
};

export type ModelConfig = {
  mappings: readonly ModelMapping[];
  /** Every IAM; the app's tenant URL points at `iams[0]`, the others receive nothing. */
  iams: readonly ModelIam[];
  rules: ModelRules;
  actions: { create: boolean; update: boolean; delete: boolean };
  /** The tenant URL carries aadOptscim062020: cycles PATCH in the flag dialect. */
  flagDialect: boolean;
};

import { parseExpression, type Expression } from "../../emulator/entra/index.ts";
import { parseTargetPath, type MappingSource } from "../../emulator/entra/index.ts";
import type { IamConfig } from "../../emulator/immuta/index.ts";
import { URN } from "../../emulator/scim/index.ts";
import type { ConfigurationFinding } from "./diagnose-configuration.ts";
import { rowsFor } from "./predict-landing.ts";

/** The default custom extension of Immuta's Entra guide, for a rename when the IAM has no custom row. */
const DEFAULT_CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const CUSTOM_EXTENSION = /^urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:User$/i;
/** Functions whose value is empty or a fallback when their input is empty (Microsoft Learn, functions reference). */
const CONDITIONALS = new Set(["IIF", "Switch", "SingleAppRoleAssignment"]);

/** One mapping as the mapping checks read it. */
export type MappingInput = {
  target: string;
  source?: MappingSource;
  attribute: { name: string; multiValued: boolean } | undefined;
};

/** The custom extension a non-URN or enterprise attribute should be renamed into. */
function customUrn(iam: IamConfig | undefined): string {
  const custom = iam?.attributeSchema.find(
    (row) =>
      CUSTOM_EXTENSION.test(row.scimSchema) &&
      row.scimSchema.toLowerCase() !== URN.enterpriseUser.toLowerCase(),
  );
  return custom?.scimSchema ?? DEFAULT_CUSTOM;
}

/**
 * Findings about one mapping's own shape: its target name (the URN rule, the enterprise extension,
 * the attribute list) and its source (Join, Split, multi-valued properties, conditionals).
 */
export function diagnoseMapping(options: {
  mapping: MappingInput;
  iam: IamConfig | undefined;
  multiValuedSources: ReadonlySet<string>;
  emptySources: ReadonlySet<string>;
}): ConfigurationFinding[] {
  const { mapping, iam } = options;
  const findings: ConfigurationFinding[] = [];
  const subject = { kind: "mapping", target: mapping.target } as const;
  const add = (finding: Omit<ConfigurationFinding, "subject" | "targets">) =>
    findings.push({ ...finding, subject, targets: [mapping.target] });
  const path = parseTargetPath(mapping.target);
  const rename = (name: string) => `${customUrn(iam)}:${name}`;
  if (path.kind === "nonconforming") {
    const [head, name, ...rest] = path.name.split(":");
    const topRow =
      head !== undefined && name !== undefined && rest.length === 0 && iam ? rowsFor(iam, head) : [];
    const attribute = name !== undefined && rest.length === 0 ? name : path.name;
    if (topRow.length > 0) {
      add({
        severity: "warning",
        code: "non-urn-custom-attribute",
        message: `${mapping.target} is not named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>: Entra leaves it out of the create and sends it only in the next cycle's update (up to 40 minutes later), where row ${head} of IAM '${iam?.id}' maps it (assumption nonUrnAttributePaths=nested)`,
        fix: rename(attribute),
      });
    } else {
      add({
        severity: "error",
        code: "non-urn-attribute-no-row",
        message: `${mapping.target} is not named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>: Entra leaves it out of the create, and the next cycle's update names a path no attribute-schema row maps, so it never becomes an Immuta attribute`,
        fix: rename(attribute),
      });
    }
  }
  if (path.kind === "extension" && path.schema.toLowerCase() === URN.enterpriseUser.toLowerCase() && iam) {
    const written = iam.attributeSchema.some(
      (row) => row.scimSchema.toLowerCase() === path.schema.toLowerCase(),
    );
    const ignored = iam.assumptions.enterpriseExtensionRows === "ignore";
    if (written) {
      add({
        severity: ignored ? "error" : "warning",
        code: "enterprise-extension-row",
        message: `IAM '${iam.id}' has a row for the enterprise extension; Immuta documents rows only for custom extensions. ${ignored ? "Under enterpriseExtensionRows=ignore it maps nothing" : "The fake Immuta projects it (assumption enterpriseExtensionRows=project); set it to ignore to see the customer's outcome"}`,
        fix: rename(path.attribute),
      });
    }
  }
  if (
    options.mapping.attribute === undefined &&
    path.kind !== "simple" &&
    path.kind !== "sub" &&
    path.kind !== "filtered"
  ) {
    // The run adds such a target as a String attribute, so the value still flows; real Entra needs it listed first.
    add({
      severity: "info",
      code: "target-not-in-attribute-list",
      message: `${mapping.target} is mapped but is not in the app's attribute list ("Edit attribute list for customappsso"): the portal cannot save such a mapping`,
      fix: `add ${mapping.target} to entra.app.users.attributes`,
    });
  }
  // Core attributes (displayName's default Join) are Immuta profile fields; only attributes that can land matter here.
  if (path.kind === "extension" || path.kind === "nonconforming")
    findings.push(...diagnoseSource({ ...options, subject }));
  return findings;
}

function diagnoseSource(options: {
  mapping: MappingInput;
  multiValuedSources: ReadonlySet<string>;
  emptySources: ReadonlySet<string>;
  subject: ConfigurationFinding["subject"];
}): ConfigurationFinding[] {
  const { mapping, subject } = options;
  const source = mapping.source;
  const single = mapping.attribute?.multiValued !== true;
  const findings: ConfigurationFinding[] = [];
  const add = (finding: Omit<ConfigurationFinding, "subject" | "targets">) =>
    findings.push({ ...finding, subject, targets: [mapping.target] });
  if (source?.type === "Direct" && single && options.multiValuedSources.has(source.attribute.toLowerCase())) {
    add({
      severity: "error",
      code: "multiple-values-into-single-value",
      message: `${source.attribute} holds several values but ${mapping.target} is single-valued: the user fails with SchemaPropertyCanOnlyAcceptValue and nothing of it is sent`,
      fix: `multiValued: true on ${mapping.target} in entra.app.users.attributes`,
    });
  }
  if (source?.type !== "Expression") return findings;
  const expression = parseExpression(source.expression);
  if (expression.kind === "call" && expression.name === "Split" && single) {
    add({
      severity: "error",
      code: "multiple-values-into-single-value",
      message: `Split gives several values but ${mapping.target} is single-valued: the user fails with SchemaPropertyCanOnlyAcceptValue when it does`,
      fix: `multiValued: true on ${mapping.target} in entra.app.users.attributes`,
    });
  }
  if (expression.kind === "call" && expression.name === "Join") {
    const [separator, ...parts] = expression.args;
    const sep = separator?.kind === "string" ? separator.value : ",";
    add({
      severity: "warning",
      code: "join-into-single-value",
      message: `Join makes one string of ${parts.length} values: Immuta gets one value "${parts.map((part) => (part?.kind === "attribute" ? `<${part.name}>` : "…")).join(sep)}", not one value each`,
      fix: `Split(${source.expression}, "${sep}") into ${mapping.target} with multiValued: true`,
    });
  }
  for (const call of conditionals(expression)) {
    const inputs = attributesOf(call);
    const empty = inputs.filter((name) => options.emptySources.has(name.toLowerCase()));
    if (call.name !== "SingleAppRoleAssignment" && empty.length === 0) continue;
    const guarded = inputs[0] ?? "source";
    add({
      severity: "warning",
      code: "conditional-over-empty-input",
      message: `${call.name} over ${inputs.length > 0 ? inputs.map((name) => `[${name}]`).join(", ") : "the user's app role assignments"}, which may be empty: the expression then gives nothing and Entra sends nothing (the old Immuta value stays)`,
      fix:
        call.name === "SingleAppRoleAssignment"
          ? `IIF(IsNullOrEmpty(${source.expression}), "none", ${source.expression})`
          : `IIF(IsPresent([${guarded}]), ${source.expression}, "none")`,
    });
  }
  return findings;
}

type Call = Extract<Expression, { kind: "call" }>;

function conditionals(expression: Expression): Call[] {
  const found: Call[] = [];
  const visit = (node: Expression | null) => {
    if (node === null) return;
    if (node.kind === "call") {
      if (CONDITIONALS.has(node.name)) found.push(node);
      node.args.forEach(visit);
    }
    if (node.kind === "compare") {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(expression);
  return found;
}

function attributesOf(expression: Expression | null): string[] {
  if (expression === null) return [];
  switch (expression.kind) {
    case "attribute":
      return [expression.name];
    case "call":
      return [...new Set(expression.args.flatMap(attributesOf))];
    case "compare":
      return [...new Set([...attributesOf(expression.left), ...attributesOf(expression.right)])];
    default:
      return [];
  }
}

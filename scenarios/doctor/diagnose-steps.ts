import { parseExpression, type Expression } from "../../emulator/entra/index.ts";
import { parseTargetPath, type AttributeMapping } from "../../emulator/entra/index.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import type { ConfigurationFinding } from "./diagnose-configuration.ts";

/** The source properties a mapping reads, lower case. */
export function sourceNames(mapping: AttributeMapping): string[] {
  const { source } = mapping;
  if (source.type === "Direct") return [source.attribute.toLowerCase()];
  if (source.type !== "Expression") return [];
  const names: string[] = [];
  const visit = (node: Expression | null) => {
    if (node === null) return;
    if (node.kind === "attribute") names.push(node.name.toLowerCase());
    if (node.kind === "call") node.args.forEach(visit);
    if (node.kind === "compare") [node.left, node.right].forEach(visit);
  };
  visit(parseExpression(source.expression));
  return [...new Set(names)];
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** A property of a scenario user or step, by its last dotted segment (`onPremisesExtensionAttributes.extensionAttribute3`). */
const leaf = (name: string) => (name.split(".").at(-1) ?? name).toLowerCase();

/** Reads a user's property case-insensitively, looking one level into objects such as onPremisesExtensionAttributes. */
function readProperty(user: Record<string, unknown>, name: string): unknown {
  for (const [key, value] of Object.entries(user)) {
    if (key.toLowerCase() === name) return value;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const nested = readProperty(value as Record<string, unknown>, name);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/** What the users and steps say about the sources: which are multi-valued, which go empty. */
export function sourceFacts(scenario: Scenario): { multiValued: Set<string>; empty: Set<string> } {
  const multiValued = new Set<string>();
  const empty = new Set<string>();
  const note = (name: string, value: unknown) => {
    if (Array.isArray(value) && value.length > 1) multiValued.add(leaf(name));
    if (isEmpty(value)) empty.add(leaf(name));
  };
  for (const user of scenario.entra.users)
    for (const [name, value] of Object.entries(user)) note(name, value);
  for (const step of scenario.steps) {
    if ("updateUser" in step)
      for (const [name, value] of Object.entries(step.updateUser.set)) note(name, value);
  }
  return { multiValued, empty };
}

/**
 * Findings the configuration alone cannot give: a mapped source a step clears (Entra sends nothing,
 * Microsoft Learn "Known issues and resolutions with SCIM 2.0"), a source that is empty for a user,
 * and an apply-on-create mapping whose source a step changes (flowType ObjectAddOnly, Microsoft
 * Learn "Customize application attributes").
 */
export function diagnoseSteps(
  scenario: Scenario,
  mappings: readonly AttributeMapping[],
): ConfigurationFinding[] {
  const findings: ConfigurationFinding[] = [];
  // Only attributes that can become Immuta attributes: core ones are profile fields.
  const read = mappings
    .filter((mapping) => ["extension", "nonconforming"].includes(parseTargetPath(mapping.target).kind))
    .map((mapping) => ({ mapping, names: sourceNames(mapping) }));
  const provisioned = provisionedUsers(scenario);
  scenario.entra.users.forEach((user, index) => {
    if (!provisioned.has(user.userPrincipalName.toLowerCase())) return;
    for (const { mapping, names } of read) {
      if (mapping.source.type !== "Direct" || mapping.defaultValue !== null) continue;
      const name = names[0] ?? "";
      if (!isEmpty(readProperty(user, name))) continue;
      findings.push({
        severity: "info",
        code: "source-empty-for-user",
        message: `${user.userPrincipalName} has no ${mapping.source.attribute}: Entra omits empty values, so ${mapping.target} gives that user no Immuta attribute`,
        subject: { kind: "user", user: index, property: "userPrincipalName" },
        targets: [mapping.target],
        fix: `defaultValue on the ${mapping.target} mapping (used when the user is created)`,
      });
    }
  });
  scenario.steps.forEach((step, index) => {
    if (!("updateUser" in step)) return;
    for (const [property, value] of Object.entries(step.updateUser.set)) {
      for (const { mapping, names } of read) {
        if (!names.includes(leaf(property))) continue;
        const subject = { kind: "step", step: index, property } as const;
        if (isEmpty(value) && mapping.flowType === "Always") {
          findings.push({
            severity: "warning",
            code: "source-cleared-by-step",
            message: `this step clears ${property} of ${step.updateUser.user}: Entra does not send a cleared value, so Immuta keeps the old ${mapping.target}`,
            subject,
            targets: [mapping.target],
            fix: `expression: IIF(IsPresent([${property}]), [${property}], "none") on ${mapping.target}, or remove the value in Immuta`,
          });
        }
        if (mapping.flowType === "ObjectAddOnly") {
          findings.push({
            severity: "warning",
            code: "apply-on-create-source-changes",
            message: `this step changes ${property} of ${step.updateUser.user}, but ${mapping.target} is applied only during object creation: the change is never sent and Immuta keeps the first value`,
            subject: { kind: "mappingApply", target: mapping.target },
            targets: [mapping.target],
            fix: "apply: always",
          });
        }
      }
    }
  });
  return findings;
}

/** The users the steps send to Immuta: by provision on demand, or every assigned user in a cycle. */
function provisionedUsers(scenario: Scenario): Set<string> {
  const cycles = scenario.steps.some((step) => "cycle" in step);
  const named = scenario.steps.flatMap((step) => ("provision" in step ? [step.provision.toLowerCase()] : []));
  const assigned = scenario.entra.users
    .filter((user) => cycles && user.assigned !== false)
    .map((user) => user.userPrincipalName.toLowerCase());
  return new Set([...named, ...assigned]);
}

import { defaultUserAttributes, parseTenantUrl } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import { buildWorld, IN_PROCESS_ORIGIN } from "../world/build-world.ts";
import {
  diagnoseConfiguration,
  predictLandings,
  type ConfigurationFinding,
  type DoctorConfiguration,
  type FindingCode,
  type FindingSubject,
  type Severity,
} from "./diagnose-configuration.ts";
import { diagnoseSteps, sourceFacts } from "./diagnose-steps.ts";
import type { Landing } from "./predict-landing.ts";

export { FINDING_CODES, type FindingCode, type Severity } from "./diagnose-configuration.ts";
export type { Landing } from "./predict-landing.ts";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const satisfies Record<Severity, number>;

export type Finding = {
  severity: Severity;
  code: FindingCode;
  message: string;
  /** Where in the scenario the cause is written, when it is. */
  path: (string | number)[];
  /** The exact corrected value, when there is one. */
  fix: string | null;
};

/** What the doctor says about one scenario: its findings and where each mapped attribute lands. */
export type DoctorReport = {
  findings: Finding[];
  landings: (Landing & { path: (string | number)[] })[];
};

/**
 * Reads a scenario the way a support engineer would, for the known reasons an Entra attribute never
 * shows up in Immuta (see diagnoseConfiguration and diagnoseSteps). Nothing is sent.
 */
export function diagnoseScenario(scenario: Scenario): Finding[] {
  return examineScenario(scenario).findings;
}

/**
 * The whole doctor: the configuration's findings, those of the users and steps (cleared sources,
 * empty sources, apply-on-create mappings whose source changes), and each mapping's landing place.
 */
export function examineScenario(scenario: Scenario): DoctorReport {
  const { input, pathOf, mappings } = readScenario(scenario);
  const facts = sourceFacts(scenario);
  const configuration = diagnoseConfiguration({
    ...input,
    multiValuedSources: facts.multiValued,
    emptySources: facts.empty,
  });
  const landed = new Set(predictLandings(input).map((landing) => landing.target));
  const seen = new Set<string>();
  const stepFindings = diagnoseSteps(
    scenario,
    mappings.filter((mapping) => landed.has(mapping.target)),
  );
  const findings = [...configuration, ...stepFindings]
    .map((finding) => toFinding(finding, pathOf))
    .filter((finding) => {
      const key = `${finding.code} ${finding.path.join(".")}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    // Errors first: the cause that stops a value is what a reader needs before the notes.
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const landings = predictLandings(input).map((landing) => ({
    ...landing,
    path: pathOf({ kind: "mapping", target: landing.target }),
  }));
  return { findings, landings };
}

function toFinding(
  finding: ConfigurationFinding,
  pathOf: (subject: FindingSubject) => (string | number)[],
): Finding {
  const { severity, code, message, subject } = finding;
  return { severity, code, message, path: pathOf(subject), fix: finding.fix ?? null };
}

function readScenario(scenario: Scenario) {
  const world = buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
  const { config, quirks } = world.app.job;
  const origin = new URL(parseTenantUrl(config.tenantUrl, false).endpointBase).origin;
  const written = scenario.entra.app.users.mappings;
  const input: DoctorConfiguration = {
    usersEnabled: config.users.enabled,
    mappings: config.users.mappings,
    attributes: listedAttributes(scenario, config.userAttributes),
    multiValueAddAlways: quirks.multiValueAddAlways,
    tenantUrl: config.tenantUrl,
    secretToken: config.secretToken,
    iams: world.immuta.state.iams().map((iam) => iam.config),
    ownImmuta: origin === IN_PROCESS_ORIGIN || scenario.entra.app.tenantUrl === undefined,
    declaredTargets: written.map((mapping) => mapping.target),
  };
  const mappingPath = (target: string): (string | number)[] => {
    const index = written.findIndex((m) => m.target.toLowerCase() === target.toLowerCase());
    if (index >= 0) return ["entra", "app", "users", "mappings", index];
    return scenario.entra.app.schema !== undefined ? ["entra", "app", "schema"] : ["entra", "app", "users"];
  };
  const pathOf = (subject: FindingSubject): (string | number)[] => {
    switch (subject.kind) {
      case "users":
        return ["entra", "app", "users"];
      case "tenantUrl":
      case "secretToken":
        return ["entra", "app", subject.kind];
      case "mapping":
        return mappingPath(subject.target);
      case "mappingApply": {
        const path = mappingPath(subject.target);
        return path.length === 5 ? [...path, "apply"] : path;
      }
      case "user":
        return ["entra", "users", subject.user, subject.property];
      case "step":
        return ["steps", subject.step, "updateUser", "set", subject.property];
      case "iam":
        return ["immuta", "iams", subject.iam, subject.field];
      case "row":
        return ["immuta", "iams", subject.iam, "attributeSchema", subject.row];
    }
  };
  return { input, pathOf, mappings: config.users.mappings };
}

/** The attribute list as the customer wrote it: the world adds mapped but unlisted targets, which the doctor reports. */
function listedAttributes<T extends { name: string }>(scenario: Scenario, attributes: readonly T[]): T[] {
  const { users, schema } = scenario.entra.app;
  if (schema !== undefined) return [...attributes];
  const listed = new Set(
    [...users.attributes, ...(users.defaultMappings ? defaultUserAttributes() : [])].map((a) =>
      a.name.toLowerCase(),
    ),
  );
  return attributes.filter((attribute) => listed.has(attribute.name.toLowerCase()));
}

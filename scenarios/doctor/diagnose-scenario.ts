import { parseTenantUrl } from "../../emulator/entra/provisioning/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/runtime.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import { buildWorld, IN_PROCESS_ORIGIN } from "../world/build-world.ts";
import {
  diagnoseConfiguration,
  type FindingCode,
  type FindingSubject,
  type Severity,
} from "./diagnose-configuration.ts";

export { FINDING_CODES, type FindingCode, type Severity } from "./diagnose-configuration.ts";

export type Finding = {
  severity: Severity;
  code: FindingCode;
  message: string;
  /** Where in the scenario the cause is written, when it is. */
  path: (string | number)[];
};

/**
 * Reads a scenario's configuration the way a support engineer would, for the known reasons an
 * Entra attribute never shows up in Immuta (see diagnoseConfiguration). Nothing is sent.
 */
export function diagnoseScenario(scenario: Scenario): Finding[] {
  const world = buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
  const { config, quirks } = world.app.job;
  const origin = new URL(parseTenantUrl(config.tenantUrl, false).endpointBase).origin;
  const written = scenario.entra.app.users.mappings;
  const findings = diagnoseConfiguration({
    usersEnabled: config.users.enabled,
    mappings: config.users.mappings,
    attributes: config.userAttributes,
    multiValueAddAlways: quirks.multiValueAddAlways,
    tenantUrl: config.tenantUrl,
    secretToken: config.secretToken,
    iams: world.immuta.state.iams().map((iam) => iam.config),
    ownImmuta: origin === IN_PROCESS_ORIGIN || scenario.entra.app.tenantUrl === undefined,
    declaredTargets: written.map((mapping) => mapping.target),
  });
  const pathOf = (subject: FindingSubject): (string | number)[] => {
    switch (subject.kind) {
      case "users":
        return ["entra", "app", "users"];
      case "tenantUrl":
      case "secretToken":
        return ["entra", "app", subject.kind];
      case "mapping": {
        const index = written.findIndex((m) => m.target.toLowerCase() === subject.target.toLowerCase());
        if (index >= 0) return ["entra", "app", "users", "mappings", index];
        return scenario.entra.app.schema !== undefined
          ? ["entra", "app", "schema"]
          : ["entra", "app", "users"];
      }
      case "iam":
        return ["immuta", "iams", subject.iam, subject.field];
      case "row":
        return ["immuta", "iams", subject.iam, "attributeSchema", subject.row];
    }
  };
  return findings.map(({ severity, code, message, subject }) => ({
    severity,
    code,
    message,
    path: pathOf(subject),
  }));
}

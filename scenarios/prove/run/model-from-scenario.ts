import { mergeQuirks, type ProvisioningConfig } from "../../../emulator/entra/index.ts";
import { buildIamConfig, type IamConfig } from "../../../emulator/immuta/index.ts";
import type { Scenario } from "../../loader/scenario-schema.ts";
import type { ModelConfig, ModelIam, ModelMapping } from "../model/index.ts";

/** The model's view of a scenario's configuration: the app's user mappings, the IAMs, the switches. */
export function modelConfigFrom(scenario: Scenario, config: ProvisioningConfig): ModelConfig {
  const attributes = new Map(
    config.userAttributes.map((attribute) => [attribute.name.toLowerCase(), attribute]),
  );
  const mappings = config.users.mappings.map((mapping): ModelMapping => {
    const attribute = attributes.get(mapping.target.toLowerCase());
    return {
      target: mapping.target,
      source: mapping.source,
      flow: mapping.flowType === "ObjectAddOnly" ? "ObjectAddOnly" : "Always",
      defaultValue: mapping.defaultValue,
      multiValued: attribute?.multiValued ?? false,
      caseExact: attribute?.caseExact ?? false,
      reference: attribute?.type === "Reference",
    };
  });
  const quirks = mergeQuirks(scenario.entra.app.quirks);
  return {
    mappings,
    iams: scenario.immuta.iams.map((input) => modelIam(buildIamConfig(input))),
    rules: {
      nothingSentOnClear: quirks.nothingSentOnClear,
      createSkipsNonUrnCustomAttributes: quirks.createSkipsNonUrnCustomAttributes,
      multiValueAddAlways: quirks.multiValueAddAlways,
      disableSendsOnlyActive: quirks.disableSendsOnlyActive,
      mergedPathlessReplace: quirks.mergedPathlessReplace,
      flagIgnoredOnDemand: quirks.flagIgnoredOnDemand,
    },
    actions: { ...config.users.actions },
    flagDialect: /[?&]aadOptscim062020(?:[=&]|$)/i.test(scenario.entra.app.tenantUrl ?? ""),
  };
}

/** An IAM's settings as the model reads them. */
export function modelIam(iam: IamConfig): ModelIam {
  return {
    id: iam.id,
    syncAttributes: iam.syncAttributes && iam.scimEnabled,
    rows: iam.attributeSchema.map((row) => ({ ...row })),
    schemaUrnMatch: iam.assumptions.schemaUrnMatch,
    attributeKeyCase: iam.assumptions.attributeKeyCase,
    echoExtensions: iam.assumptions.echoExtensions,
    multiValueAdd: iam.assumptions.multiValueAdd,
    nonUrnAttributePaths: iam.assumptions.nonUrnAttributePaths,
    unknownAttributes: iam.assumptions.unknownAttributes,
    enterpriseExtensionRows: iam.assumptions.enterpriseExtensionRows,
    pathlessReplace: iam.assumptions.pathlessReplace,
  };
}

import type { CycleResult } from "../../../emulator/entra/index.ts";
import type { IamConfigInput } from "../../../emulator/immuta/index.ts";
import type { World } from "../../world/build-world.ts";
import type { ModelMapping, ModelStep } from "../model/index.ts";
import { graphValue, isOnPremisesExtension } from "./graph-value.ts";

/**
 * Runs a model step against the fakes through the tenant's operations, exactly as the scenario
 * step of the same meaning does (see toScenarioStep), without printing; answers the provisioning
 * result of provisioning steps.
 */
export async function performStep(
  world: World,
  context: { userPrincipalName: string; iams: readonly IamConfigInput[] },
  step: ModelStep,
): Promise<CycleResult | null> {
  const { tenant, app } = world;
  const upn = context.userPrincipalName;
  const id = () => tenant.directory.user(upn)?.id ?? upn;
  switch (step.kind) {
    case "set": {
      const value = graphValue(step.value);
      const properties = isOnPremisesExtension(step.source)
        ? { onPremisesExtensionAttributes: { [step.source]: value } }
        : { [step.source]: value };
      tenant.directory.updateUser(upn, properties);
      return null;
    }
    case "setAccountEnabled":
      tenant.directory.updateUser(upn, { accountEnabled: step.enabled });
      return null;
    case "softDelete":
      tenant.directory.softDeleteUser(upn);
      return null;
    case "restore":
      tenant.directory.restore(id());
      return null;
    case "purge":
      tenant.directory.purge(id());
      return null;
    case "assign":
      if (step.assigned) tenant.assign(app, id());
      else tenant.unassign(app, id());
      return null;
    case "restart":
      tenant.restart(app);
      return null;
    case "setMapping":
      tenant.setMapping(app, toEngineMapping(step.mapping));
      return null;
    case "setRows": {
      const input = context.iams.find((iam) => iam.id === step.iam);
      await world.immutaFetch(
        new Request(`${world.immutaOrigin}/_synclab/immuta/iams/${encodeURIComponent(step.iam)}`, {
          method: "PUT",
          headers: { authorization: world.apiKey, "content-type": "application/json" },
          body: JSON.stringify({ ...input, attributeSchema: step.rows }),
        }),
      );
      return null;
    }
    case "provision":
      return tenant.provisionOnDemand(app, id());
    case "cycle":
      return tenant.runCycle(app, step.run);
  }
}

function toEngineMapping(mapping: ModelMapping) {
  return {
    target: mapping.target,
    source: mapping.source,
    defaultValue: mapping.defaultValue,
    flowType: mapping.flow,
    matchingPriority: 0,
  };
}

import { defaultObjectMapping, targetAttribute } from "../../emulator/entra/index.ts";
import type { AttributeMapping, ExchangeLike } from "../../emulator/entra/index.ts";
import { EntraTenant, type TenantApp } from "../../emulator/entra/index.ts";
import { createImmutaApp, type ImmutaApp } from "../../emulator/immuta/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";

export const EXTENSION = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/** The fake Immuta, an Entra tenant with `users` users and one app with 10 mapped attributes. */
export type CycleWorld = {
  immuta: ImmutaApp;
  tenant: EntraTenant;
  app: TenantApp;
  mappings: AttributeMapping[];
};

const direct = (target: string, attribute: string, matchingPriority = 0): AttributeMapping => ({
  target,
  source: { type: "Direct", attribute },
  defaultValue: null,
  flowType: "Always",
  matchingPriority,
});

/** The 10 mapped attributes: core, enterprise-style email and five custom extension attributes. */
export const MAPPINGS: AttributeMapping[] = [
  direct("userName", "userPrincipalName", 1),
  {
    ...direct("active", "IsSoftDeleted"),
    source: { type: "Expression", expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
  },
  direct("displayName", "displayName"),
  direct("externalId", "mailNickname"),
  direct('emails[type eq "work"].value', "mail"),
  direct(`${EXTENSION}:zipcode`, "postalCode"),
  direct(`${EXTENSION}:city`, "city"),
  direct(`${EXTENSION}:department`, "department"),
  direct(`${EXTENSION}:costCenter`, "extensionAttribute1"),
  direct(`${EXTENSION}:division`, "extensionAttribute2"),
];

/** The directory properties of user `index` (10 mapped sources). */
export function benchUser(index: number): Record<string, string | Record<string, string>> {
  return {
    userPrincipalName: `user${index}@contoso.com`,
    displayName: `User ${index}`,
    mailNickname: `user${index}`,
    mail: `user${index}@contoso.com`,
    postalCode: String(10000 + index),
    city: "Oslo",
    department: `Dept ${index % 50}`,
    onPremisesExtensionAttributes: { extensionAttribute1: `CC${index % 97}`, extensionAttribute2: "North" },
  };
}

/**
 * Builds the world in-process: the engine hands the fake Immuta plain exchanges, through `wrap`
 * when given (to record or replay what the fake answers).
 */
export function buildCycleWorld(options: {
  users: number;
  journalLimit?: number;
  wrap?: (exchange: ExchangeLike) => ExchangeLike;
}): CycleWorld {
  const runtime = createDeterministicRuntime(7);
  const immuta = createImmutaApp({
    iams: [{ id: "entra", attributeSchema: [{ scimSchema: EXTENSION, prefix: "entra" }] }],
    runtime: { clock: runtime.clock, newId: runtime.newId },
    ...(options.journalLimit !== undefined ? { journalLimit: options.journalLimit } : {}),
  });
  const iam = immuta.state.iams()[0];
  if (!iam) throw new Error("no IAM");
  const tenant = new EntraTenant({ runtime, exchange: options.wrap?.(immuta.exchange) ?? immuta.exchange });
  const app = tenant.addApp({
    displayName: "Immuta",
    config: {
      tenantUrl: `http://immuta.bench${iam.config.scimPath}`,
      secretToken: iam.config.scimToken,
      scope: "all",
      userAttributes: MAPPINGS.map((mapping) =>
        targetAttribute(mapping.target, mapping.target === "active" ? { type: "Boolean" } : {}),
      ),
      groupAttributes: [],
      users: { ...defaultObjectMapping("User"), mappings: MAPPINGS },
      groups: { ...defaultObjectMapping("Group"), enabled: false },
      skipOutOfScopeDeletions: false,
    },
  });
  for (let index = 0; index < options.users; index++) tenant.directory.createUser(benchUser(index));
  return { immuta, tenant, app, mappings: MAPPINGS };
}

import { createImmutaApp, type ImmutaApp } from "../../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../../emulator/immuta/index.ts";
import { CONTRACT_EXTENSION, type ImmutaScimTarget } from "./scim-target.ts";

/** The IAM the contract runs against: the seed example's row (scenarios/default.yaml) on the default SCIM path. */
export const CONTRACT_IAM = {
  id: "entra",
  attributeSchema: [{ scimSchema: CONTRACT_EXTENSION, prefix: "entraid_attributes" }],
} as const;

/** A fresh fake Immuta with the contract IAM. The journal is off: the suites make many requests. */
export function createContractImmuta(): ImmutaApp {
  return createImmutaApp({
    iams: [{ id: CONTRACT_IAM.id, attributeSchema: CONTRACT_IAM.attributeSchema.map((row) => ({ ...row })) }],
    journalLimit: 0,
  });
}

/** The fake as a contract target at `origin` (an invented host in-process, the listening URL over HTTP). */
export function fakeImmutaTarget(
  immuta: ImmutaApp,
  origin: string,
  fetch: (request: Request) => Promise<Response>,
): ImmutaScimTarget {
  const iam = immuta.state.iam(CONTRACT_IAM.id);
  if (!iam) throw new Error(`the contract IAM '${CONTRACT_IAM.id}' is missing`);
  return {
    baseUrl: `${origin}${iam.config.scimPath}`,
    token: iam.config.scimToken,
    fetch,
    reset: () => Promise.resolve(immuta.state.reset()),
    extensionSchema: CONTRACT_EXTENSION,
    immuta: {
      apiBaseUrl: origin,
      apiKey: DEV_CREDENTIALS.apiKey,
      iamId: CONTRACT_IAM.id,
      ...CONTRACT_IAM.attributeSchema[0],
    },
  };
}

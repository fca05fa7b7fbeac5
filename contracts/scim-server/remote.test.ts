import { describe } from "vitest";
import { describeProjectionContract } from "./projection.case.ts";
import { CONTRACT_EXTENSION, type ImmutaScimTarget, type ScimTarget } from "./scim-target.ts";
import { describeScimServerContract } from "./scim-server-contract.ts";

// Against a real SCIM endpoint (a real Immuta tenant, or `npm start`), to prove the fake's
// assumptions still hold. It creates users and groups with fresh names and deletes them afterwards.
const url = process.env.SYNCLAB_CONTRACT_URL?.replace(/\/+$/, "");
const token = process.env.SYNCLAB_CONTRACT_TOKEN;
const extensionSchema = process.env.SYNCLAB_CONTRACT_SCHEMA ?? CONTRACT_EXTENSION;
const scimTarget: ScimTarget | undefined =
  url && token ? { baseUrl: url, token, fetch: (request) => fetch(request), extensionSchema } : undefined;

// The projection cases also read Immuta's REST API, and need the IAM row the extension maps to.
const apiUrl = process.env.SYNCLAB_CONTRACT_API_URL?.replace(/\/+$/, "");
const apiKey = process.env.SYNCLAB_CONTRACT_API_KEY;
const iamId = process.env.SYNCLAB_CONTRACT_IAM;
const prefix = process.env.SYNCLAB_CONTRACT_PREFIX;
const immutaTarget: ImmutaScimTarget | undefined =
  scimTarget && apiUrl && apiKey && iamId && prefix
    ? { ...scimTarget, immuta: { apiBaseUrl: apiUrl, apiKey, iamId, scimSchema: extensionSchema, prefix } }
    : undefined;

describe.skipIf(!scimTarget)(
  "remote SCIM endpoint (set SYNCLAB_CONTRACT_URL and SYNCLAB_CONTRACT_TOKEN to run against a real SCIM endpoint)",
  () => {
    describeScimServerContract(() => scimTarget as ScimTarget);
  },
);

describe.skipIf(!immutaTarget)(
  "remote Immuta projection (also set SYNCLAB_CONTRACT_API_URL, SYNCLAB_CONTRACT_API_KEY, SYNCLAB_CONTRACT_IAM and SYNCLAB_CONTRACT_PREFIX; the row's SCIM Schema is SYNCLAB_CONTRACT_SCHEMA)",
  () => {
    describeProjectionContract(() => immutaTarget as ImmutaScimTarget);
  },
);

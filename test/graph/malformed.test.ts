import { describe, expect, it } from "vitest";
import { createGraphWorld } from "./graph-world.ts";

describe("Graph API on malformed requests", () => {
  it.each([
    ["GET", "/v1.0/users/%E0%A4%A", undefined],
    // An id spelt like an Object.prototype key, before a segment Graph knows, is still only an id.
    ["GET", "/v1.0/users/__proto__/memberOf", undefined],
    ["DELETE", "/v1.0/groups/GROUP/members/constructor/$ref", undefined],
    ["GET", "/v1.0/users?$filter=%E0%A4%A", undefined],
    [
      "GET",
      "/v1.0/users?$filter=((((((((((((((((((((((((((((((((((((a eq 'b'))))))))))))))))))))))))))))))))))",
      undefined,
    ],
    ["POST", "/v1.0/users", '{"__proto__": {"x": 1}, "constructor": "y"}'],
    ["PATCH", "/v1.0/users/alice@contoso.com", '{"__proto__": "x"}'],
    [
      "PUT",
      "/v1.0/users/alice@contoso.com/manager/$ref",
      '{"@odata.id": "https://graph.microsoft.com/v1.0/users/%E0%A4%A"}',
    ],
    ["POST", "/v1.0/groups", "null"],
    [
      "POST",
      "/v1.0/groups",
      '{"displayName": 1, "mailNickname": [], "mailEnabled": null, "securityEnabled": {}}',
    ],
    ["PUT", "/v1.0/servicePrincipals/SP/synchronization/secrets", '{"value": {"key": "BaseAddress"}}'],
    ["PUT", "JOB/schema", '{"synchronizationRules": [{"objectMappings": "x"}]}'],
    ["PUT", "JOB/schema", "[1, 2]"],
    ["POST", "JOB/provisionOnDemand", '{"parameters": [{"subjects": [{"objectId": 7}]}]}'],
    ["POST", "JOB/validateCredentials", '{"credentials": "x"}'],
    ["GET", "/v1.0/auditLogs/provisioning?$top=1001", undefined],
  ])("answers %s %s with a 4xx Graph error, never a 5xx", async (method, path, body) => {
    const world = createGraphWorld();
    const target = path.replace("JOB", world.jobPath).replace("SP", world.sp);
    const { status, json } = await world.call(method, target, body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(json.error.code).toEqual(expect.any(String));
  });
});

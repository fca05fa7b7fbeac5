import { describe, expect, it } from "vitest";
import { createImmutaApp } from "../../emulator/immuta/index.ts";
import { createGuardedFetch } from "./guarded-fetch.ts";

const ORIGIN = "http://immuta.guard.test";

function guarded() {
  const immuta = createImmutaApp({
    journalLimit: 0,
    iams: [{ id: "entra", scimToken: "synclab-dev-scim-token" }],
  });
  const guard = createGuardedFetch({
    scimUrl: `${ORIGIN}/bim/scim/entra`,
    api: { url: ORIGIN, iamId: "entra" },
    fetch: immuta.fetch,
  });
  return { immuta, guard };
}

const user = (userName: string) =>
  new Request(`${ORIGIN}/bim/scim/entra/Users`, {
    method: "POST",
    headers: { authorization: "Bearer synclab-dev-scim-token", "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName }),
  });

describe("the contract command's guarded transport", () => {
  it.each([
    ["PUT", `${ORIGIN}/_synclab/immuta/iams/entra`],
    ["GET", `${ORIGIN}/bim/iam`],
    ["PUT", `${ORIGIN}/bim/iam/other/user/x/authorizations/k`],
    ["GET", `${ORIGIN}/bim/scim/other/Users`],
  ])("refuses %s %s", async (method, url) => {
    const { guard } = guarded();
    await expect(guard.fetch(new Request(url, { method }))).rejects.toThrow(/refused to send/);
  });

  it("deletes the users a run created and did not delete", async () => {
    const { immuta, guard } = guarded();
    await guard.fetch(user("synclab-x-a@contract.example"));
    await guard.fetch(user("synclab-x-b@contract.example"));
    expect(guard.leftovers()).toHaveLength(2);
    expect(await guard.sweep()).toEqual([]);
    const remaining = [...(immuta.state.iam("entra")?.users.all() ?? [])].filter(
      (entry) => !entry.scimDeleted,
    );
    expect(remaining).toEqual([]);
    expect(guard.leftovers()).toEqual([]);
  });
});

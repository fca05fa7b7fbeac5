import { describe, expect, it } from "vitest";
import { URN } from "../../../scim/index.ts";
import { ImmutaState } from "../../model/immuta-state.ts";
import { patchUserResource } from "../patch-resource.ts";
import { createUser, storeUserVersion, validateUserResource } from "./user-service.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

function world() {
  const state = new ImmutaState({
    iams: [{ id: "entra", attributeSchema: [{ scimSchema: CUSTOM, prefix: "p" }] }],
  });
  return { state, iam: state.iam("entra")! };
}

describe("user-service", () => {
  it("never touches bimAuthorizations on a SCIM write, even on the same key", () => {
    const { state, iam } = world();
    const user = createUser(state, iam, { schemas: [URN.user], userName: "ada", [CUSTOM]: { zipcode: "1" } });
    user.bimAuthorizations.set("p.zipcode", ["set-in-immuta"]);
    const patched = patchUserResource(
      user.resource,
      { schemas: [URN.patchOp], Operations: [{ op: "Remove", path: `${CUSTOM}:zipcode` }] },
      iam.config.assumptions,
    );
    const stored = storeUserVersion(state, iam, user, patched);
    expect(Object.fromEntries(stored.iamAuthorizations)).toEqual({});
    expect(Object.fromEntries(stored.bimAuthorizations)).toEqual({ "p.zipcode": ["set-in-immuta"] });
  });

  it("keeps the version when a write changes nothing", () => {
    const { state, iam } = world();
    const user = createUser(state, iam, { schemas: [URN.user], userName: "ada", displayName: "Ada" });
    const same = storeUserVersion(
      state,
      iam,
      user,
      validateUserResource({ schemas: [URN.user], userName: "ada", displayName: "Ada" }),
    );
    expect(same.version).toBe(1);
    const changed = storeUserVersion(
      state,
      iam,
      user,
      validateUserResource({ schemas: [URN.user], userName: "ada", displayName: "A" }),
    );
    expect(changed.version).toBe(2);
  });

  it.each([
    [{ active: false }, true],
    [{ active: true }, false],
    [{}, false],
  ])("sets disabled from active (%j)", (extra, disabled) => {
    const { state, iam } = world();
    expect(createUser(state, iam, { schemas: [URN.user], userName: "ada", ...extra }).disabled).toBe(
      disabled,
    );
  });

  it("stores attribute names in their schema spelling and drops server-assigned ones", () => {
    const { state, iam } = world();
    const user = createUser(state, iam, {
      schemas: [URN.user],
      USERNAME: "ada",
      id: "client-chosen",
      meta: { resourceType: "User" },
      groups: [{ value: "g" }],
      Title: null,
    });
    expect(user.resource).toEqual({ schemas: [URN.user], userName: "ada" });
    expect(user.scimId).not.toBe("client-chosen");
  });
});

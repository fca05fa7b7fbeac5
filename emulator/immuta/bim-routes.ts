import type { Hono } from "hono";
import type { ImmutaState } from "./immuta-state.ts";
import { ImmutaApiError } from "./immuta-api-error.ts";
import { renderImmutaUser } from "./render-immuta-user.ts";
import type { ImmutaUser } from "./user-store.ts";

/** Immuta's REST API under /bim (reference/immuta.md §3). Auth: `Authorization: <apiKey>` or `Bearer <token>`. */
export function registerBimRoutes(app: Hono, state: ImmutaState): void {
  app.post("/bim/apikey/authenticate", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ImmutaApiError(400, 'request body must be JSON: {"apikey": "..."}');
    }
    const apikey = typeof body === "object" && body !== null && "apikey" in body ? body.apikey : undefined;
    if (apikey !== state.apiKey) throw new ImmutaApiError(401, "invalid API key");
    return c.json({ authenticated: true, token: state.issueToken() });
  });

  app.use("/bim/*", async (c, next) => {
    if (c.req.path === "/bim/apikey/authenticate") return next();
    if (!state.isApiCredential(c.req.header("authorization")))
      throw new ImmutaApiError(401, "missing or invalid API key");
    return next();
  });

  app.get("/bim/iam", (c) =>
    c.json(
      state.iams().map(({ config }) => ({
        id: config.id,
        displayName: config.displayName,
        type: config.type,
        oauth: false,
      })),
    ),
  );

  app.get("/bim/iam/:iamid/user/:userid", (c) => {
    const { iam, user } = findUser(state, c.req.param("iamid"), c.req.param("userid"));
    return c.json(renderImmutaUser(user, iam.config, groupIdsOf(state, iam.config.id, user)));
  });
}

/** A user by Immuta userid (the SCIM userName) or numeric id. */
export function findUser(state: ImmutaState, iamid: string, userid: string) {
  const iam = state.iam(iamid);
  if (!iam) throw new ImmutaApiError(404, `IAM '${iamid}' not found`);
  const byName = iam.users.getByUserName(userid);
  const user =
    byName ??
    (/^\d+$/.test(userid)
      ? [...iam.users.all()].find((candidate) => candidate.immutaId === Number(userid))
      : undefined);
  if (!user) throw new ImmutaApiError(404, `user '${userid}' not found in IAM '${iamid}'`);
  return { iam, user };
}

export function groupIdsOf(state: ImmutaState, iamid: string, user: ImmutaUser): number[] {
  const iam = state.iam(iamid);
  if (!iam) return [];
  return [...iam.groups.all()]
    .filter((group) => group.members.has(user.scimId))
    .map((group) => group.immutaId);
}

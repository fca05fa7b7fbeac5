import type { Context, Hono } from "hono";
import { addAuthorization, removeAuthorization, type Authorizations } from "../model/authorizations.ts";
import { findGroup, findUser, groupsOf } from "./find-immuta-model.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";
import type { ImmutaState } from "../model/immuta-state.ts";
import { renderImmutaGroup } from "./render-immuta-group.ts";
import { renderImmutaUser } from "./render-immuta-user.ts";

type Edit = { method: "PUT" | "DELETE"; key: string; value: string | undefined };

/**
 * `PUT|DELETE /bim/iam/{iamid}/{user|group}/{id}/authorizations/{key}[/{value}]`: "Adds or removes an
 * authorization key or key-value pair for the specified group or user" (v1 Swagger). Writes the
 * Immuta-set attributes only (`bimAuthorizations`); answers with the aggregated user or the group.
 */
export function registerBimAuthorizationRoutes(app: Hono, state: ImmutaState): void {
  const path = "/bim/iam/:iamid/:modelType/:modelId/authorizations/:key/:value?";
  for (const method of ["PUT", "DELETE"] as const) {
    app.on(method, path, (c) => {
      const edit: Edit = { method, ...keyAndValue(c) };
      const iamid = c.req.param("iamid");
      const modelId = c.req.param("modelId");
      switch (c.req.param("modelType")) {
        case "user": {
          const { iam, user } = findUser(state, iamid, modelId);
          const { assumptions } = iam.config;
          if (edit.method === "DELETE" && assumptions.bimRemoveIamValue === "reject") {
            rejectIamOwned(user.iamAuthorizations, edit);
          }
          user.bimAuthorizations = applyEdit(user.bimAuthorizations, edit, assumptions.keyOnlyAuthorization);
          const groupIds = groupsOf(iam, user).map((group) => group.immutaId);
          return c.json(renderImmutaUser(user, iam.config, groupIds));
        }
        case "group": {
          const { iam, group } = findGroup(state, iamid, modelId);
          const next = applyEdit(
            state.groupAuthorizations(group.immutaId),
            edit,
            iam.config.assumptions.keyOnlyAuthorization,
          );
          state.setGroupAuthorizations(group.immutaId, next);
          return c.json(renderImmutaGroup(state, group));
        }
        default:
          throw new ImmutaApiError(400, "modelType must be user or group");
      }
    });
  }
}

/**
 * Key and value from the raw path, percent-decoded once (Immuta's clients URL-encode both, e.g. the
 * public script github.com/aakashdevaraj7/Immuta-Saas-Dev-API), so `a%2Fb` is the key `a/b` and bad
 * encoding is a 400, not a guess.
 */
function keyAndValue(c: Context): { key: string; value: string | undefined } {
  // ["", "bim", "iam", iamid, modelType, modelId, "authorizations", key, value?]
  const [rawKey = "", rawValue] = new URL(c.req.url).pathname.split("/").slice(7);
  const key = decode(rawKey);
  const value = rawValue === undefined ? undefined : decode(rawValue);
  if (key === "") throw new ImmutaApiError(400, "the attribute key must not be empty");
  if (value === "") throw new ImmutaApiError(400, "the attribute value must not be empty");
  return { key, value };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ImmutaApiError(400, "the attribute key or value is not valid percent-encoding");
  }
}

function applyEdit(map: Authorizations, edit: Edit, keyOnly: "empty-key" | "reject"): Authorizations {
  if (edit.method === "DELETE") return removeAuthorization(map, edit.key, edit.value);
  if (edit.value === undefined && keyOnly === "reject") {
    throw new ImmutaApiError(400, "a value is required: PUT …/authorizations/{key}/{value}");
  }
  return addAuthorization(map, edit.key, edit.value);
}

/** `bimRemoveIamValue: reject`: the IAM owns these values, so removing them in Immuta is a conflict. */
function rejectIamOwned(iamAuthorizations: Authorizations, edit: Edit): void {
  const values = iamAuthorizations.get(edit.key);
  if (values === undefined) return;
  if (edit.value === undefined || values.includes(edit.value)) {
    throw new ImmutaApiError(
      409,
      `attribute '${edit.key}' comes from the IAM and cannot be removed in Immuta`,
    );
  }
}

import { isJsonObject, type JsonObject } from "../../../scim/index.ts";
import type { ErrorInformation, ProvisioningErrorCode } from "../log/provisioning-log.ts";
import type { ScimExchangeRecord } from "./scim-transport.ts";

/** What the provisioning service expected back. */
export type Expectation = "list" | "groupList" | "resource" | "patch" | "delete";

/** Options of one judgement: whether the request addressed an object Entra holds the target id of. */
export type JudgeOptions = { knownId?: boolean };

export type Judgement = { ok: true; body: JsonObject } | { ok: false; error: ErrorInformation };

const INCOMPATIBLE =
  "We are not able to deserialize the resource received from your SCIM endpoint because your SCIM endpoint is not fully compatible with the Azure Active Directory SCIM client.";

/**
 * Judges one SCIM response the way Entra does: the status codes it expects
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups),
 * the error codes of the provisioning logs
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs),
 * with the target's body quoted as "Web Response".
 */
export function judgeResponse(
  exchange: ScimExchangeRecord,
  expectation: Expectation,
  options: JudgeOptions = {},
): Judgement {
  const { status } = exchange;
  if (status === 0 && exchange.timedOut)
    return fail(
      "Timeout",
      `The request to customappsso timed out: ${exchange.networkError ?? "no response"}. We will retry this operation on the next synchronization attempt.`,
      exchange,
    );
  if (status === 0)
    return fail(
      "WebExceptionProtocolError",
      `No response from ${exchange.url}: ${exchange.networkError ?? "network error"}`,
      exchange,
    );
  if (status >= 200 && status < 300) return judgeSuccess(exchange, expectation);
  if (status === 401 || status === 403)
    return fail(
      "Unauthorized",
      `customappsso returned HTTP ${status}: the Secret Token was not accepted.`,
      exchange,
    );
  // A 404 on an id Entra created or matched: the object is gone from the target (InvalidAnchor).
  if (status === 404 && options.knownId === true)
    return fail(
      "InvalidAnchor",
      "The object Entra previously created or matched no longer exists in customappsso.",
      exchange,
    );
  if (status === 405) return fail("MethodNotAllowed", "customappsso returned HTTP 405.", exchange);
  if (status === 501) return fail("NotImplemented", "customappsso returned HTTP 501.", exchange);
  if (status === 409) {
    return fail(
      "EntryConflict",
      "customappsso returned an error response with the HTTP status code 409. This response indicates that a user or a group already exists with the same name.",
      exchange,
    );
  }
  if (status === 429)
    return fail(
      "TooManyRequests",
      "customappsso returned HTTP 429; the operation will be retried.",
      exchange,
    );
  if (status === 422) return fail("UnprocessableEntity", "customappsso returned HTTP 422.", exchange);
  if (status >= 500)
    return fail(
      "InternalServerError",
      `customappsso returned HTTP ${status}; the operation will be retried in the next cycle.`,
      exchange,
    );
  return fail(
    "SystemForCrossDomainIdentityManagementServiceIncompatible",
    `StatusCode: ${status}. Message: Processing of the HTTP request resulted in an exception. Please see the HTTP response returned by the 'Response' property of this exception for details.`,
    exchange,
  );
}

function judgeSuccess(
  exchange: ScimExchangeRecord,
  expectation: Expectation,
  body = exchange.responseBody,
): Judgement {
  switch (expectation) {
    case "list": {
      const resources = isJsonObject(body) ? body.Resources : undefined;
      const total = isJsonObject(body) ? body.totalResults : undefined;
      if (
        !isJsonObject(body) ||
        (resources !== undefined && !Array.isArray(resources)) ||
        (resources === undefined && total !== 0)
      ) {
        return fail("SystemForCrossDomainIdentityManagementServiceIncompatible", INCOMPATIBLE, exchange);
      }
      return { ok: true, body };
    }
    case "groupList": {
      const judged = judgeSuccess(exchange, "list", body);
      if (!judged.ok) return judged;
      // A group query with excludedAttributes=members that still returns members
      // (the error table of howto-analyze-provisioning-logs, linked above).
      const resources = Array.isArray(judged.body.Resources) ? judged.body.Resources : [];
      if (resources.some((item) => isJsonObject(item) && Object.hasOwn(item, "members"))) {
        return fail(
          "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse",
          "The group query asked for excludedAttributes=members but the response contains members.",
          exchange,
        );
      }
      return judged;
    }
    case "resource":
      if (!isJsonObject(body) || typeof body.id !== "string") {
        return fail("SystemForCrossDomainIdentityManagementServiceIncompatible", INCOMPATIBLE, exchange);
      }
      return { ok: true, body };
    case "patch":
    case "delete":
      // A body is not needed ("It isn't necessary to include the entire resource in the PATCH response").
      if (!/^\s*$/.test(exchange.responseText) && body === undefined) {
        return fail("SystemForCrossDomainIdentityManagementServiceIncompatible", INCOMPATIBLE, exchange);
      }
      return { ok: true, body: isJsonObject(body) ? body : {} };
  }
}

function fail(errorCode: ProvisioningErrorCode, reason: string, exchange: ScimExchangeRecord): Judgement {
  return {
    ok: false,
    error: {
      errorCode,
      reason,
      additionalDetails: exchange.responseText
        ? `Web Response: ${exchange.responseText.slice(0, 2000)}`
        : null,
      errorCategory:
        errorCode === "TooManyRequests" || errorCode === "InternalServerError" || errorCode === "Timeout"
          ? "failure"
          : "nonServiceFailure",
      recommendedAction: null,
    },
  };
}

import { isJsonObject, type JsonObject, type JsonValue } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";

/** Graph's limit of requests in one batch (https://learn.microsoft.com/graph/json-batching). */
export const MAX_BATCH_REQUESTS = 20;

type BatchStep = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: JsonValue | undefined;
  dependsOn: string[];
};

function bad(message: string): never {
  throw new EntraError(400, "BadRequest", message);
}

/** The `requests` of a JSON batch body, checked as Graph checks them. */
export function readBatch(body: JsonObject): BatchStep[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    bad("Invalid batch payload format: 'requests' must be a non-empty array.");
  // Assumed wording; the limit itself is documented.
  if (requests.length > MAX_BATCH_REQUESTS)
    bad(`Invalid batch payload format: a batch holds at most ${MAX_BATCH_REQUESTS} requests.`);
  const steps = requests.map((item, index): BatchStep => {
    if (!isJsonObject(item)) bad(`Invalid batch payload format: requests[${index}] must be an object.`);
    const { id, method, url, headers, body: stepBody, dependsOn } = item;
    if (typeof id !== "string" || id === "")
      bad(`Invalid batch payload format: requests[${index}].id is required.`);
    if (typeof method !== "string" || !/^(GET|POST|PUT|PATCH|DELETE)$/i.test(method))
      bad(`Invalid batch payload format: requests[${index}].method is not a supported HTTP method.`);
    if (typeof url !== "string" || url === "" || /^[a-z]+:\/\//i.test(url))
      bad(`Invalid batch payload format: requests[${index}].url must be a relative URL such as '/users'.`);
    const headerMap: Record<string, string> = {};
    if (headers !== undefined) {
      if (!isJsonObject(headers))
        bad(`Invalid batch payload format: requests[${index}].headers must be an object.`);
      for (const [name, value] of Object.entries(headers))
        if (typeof value === "string") headerMap[name] = value;
    }
    if (
      stepBody !== undefined &&
      !Object.keys(headerMap).some((name) => name.toLowerCase() === "content-type")
    )
      bad(`Invalid batch payload format: requests[${index}] has a body but no Content-Type header.`);
    if (
      dependsOn !== undefined &&
      (!Array.isArray(dependsOn) || !dependsOn.every((dep) => typeof dep === "string"))
    )
      bad(`Invalid batch payload format: requests[${index}].dependsOn must be an array of ids.`);
    return {
      id,
      method: method.toUpperCase(),
      url,
      headers: headerMap,
      body: stepBody,
      dependsOn: dependsOn ?? [],
    };
  });
  const ids = new Set<string>();
  for (const step of steps) {
    // Ids compare case-insensitively and must be unique (json-batching "Request format").
    if (ids.has(step.id.toLowerCase()))
      bad(`Invalid batch payload format: duplicate request id '${step.id}'.`);
    ids.add(step.id.toLowerCase());
  }
  for (const step of steps) {
    for (const dep of step.dependsOn)
      if (!ids.has(dep.toLowerCase()) || dep.toLowerCase() === step.id.toLowerCase())
        bad(`Invalid batch payload format: request '${step.id}' depends on unknown request '${dep}'.`);
  }
  return steps;
}

/**
 * Runs a JSON batch through `send` (the same pipeline as a single request): steps in order, a
 * step after the steps it depends on; a step whose dependency failed answers 424 Failed Dependency.
 * Answers `{"responses": [{id, status, headers, body}]}` in request order.
 */
export async function runBatch(
  steps: BatchStep[],
  options: { origin: string; send: (request: Request) => Promise<Response> },
): Promise<JsonObject> {
  const results = new Map<string, JsonObject>();
  const running = new Set<string>();
  const byId = new Map(steps.map((step) => [step.id.toLowerCase(), step]));
  const run = async (step: BatchStep): Promise<JsonObject> => {
    const done = results.get(step.id.toLowerCase());
    if (done) return done;
    if (running.has(step.id.toLowerCase()))
      bad(`Invalid batch payload format: requests depend on each other in a cycle ('${step.id}').`);
    running.add(step.id.toLowerCase());
    let failed = false;
    for (const dep of step.dependsOn) {
      const target = byId.get(dep.toLowerCase());
      if (target && Number((await run(target)).status) >= 400) failed = true;
    }
    const result = failed ? failedDependency(step) : await sendStep(step, options);
    results.set(step.id.toLowerCase(), result);
    return result;
  };
  const responses: JsonObject[] = [];
  for (const step of steps) responses.push(await run(step));
  return { responses };
}

function failedDependency(step: BatchStep): JsonObject {
  return {
    id: step.id,
    status: 424,
    headers: { "Content-Type": "application/json" },
    body: { error: { code: "FailedDependency", message: "The request depends on a request that failed." } },
  };
}

async function sendStep(
  step: BatchStep,
  options: { origin: string; send: (request: Request) => Promise<Response> },
): Promise<JsonObject> {
  const path = step.url.startsWith("/") ? step.url : `/${step.url}`;
  const init: RequestInit = { method: step.method, headers: step.headers };
  if (step.body !== undefined && step.method !== "GET" && step.method !== "DELETE")
    init.body = typeof step.body === "string" ? step.body : JSON.stringify(step.body);
  const response = await options.send(new Request(`${options.origin}/v1.0${path}`, init));
  const headers: JsonObject = {};
  response.headers.forEach((value, name) => {
    if (name !== "content-length") headers[name] = value;
  });
  const text = await response.text();
  const result: JsonObject = { id: step.id, status: response.status, headers };
  if (text !== "") {
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    result.body = isJson ? (JSON.parse(text) as JsonValue) : text;
  }
  return result;
}

import type { Context } from "hono";
import { EdgeError, parseBoundedJson, readBoundedText } from "../http/index.ts";
import { ImmutaApiError } from "./immuta-api-error.ts";
import type { ImmutaLimits } from "./model/limits.ts";

/**
 * The JSON body of a /bim or control request, within the body-size and depth limits; every problem
 * is an ImmutaApiError (413, or 400 with `what` saying what was expected).
 */
export async function readApiJson(c: Context, limits: ImmutaLimits, what: string): Promise<unknown> {
  try {
    const text = await readBoundedText(c.req.raw, limits.apiBodyBytes);
    if (text.trim() === "") throw new ImmutaApiError(400, `request body must be JSON: ${what}`);
    return parseBoundedJson(text, limits.jsonDepth);
  } catch (error) {
    if (!(error instanceof EdgeError)) throw error;
    if (error.code === "InvalidJson") throw new ImmutaApiError(400, `request body must be JSON: ${what}`);
    throw ImmutaApiError.fromEdge(error);
  }
}

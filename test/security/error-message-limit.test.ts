import { describe, expect, it } from "vitest";
import { EntraError } from "../../emulator/entra/index.ts";
import { MAX_ERROR_MESSAGE } from "../../emulator/http/index.ts";
import { ImmutaApiError } from "../../emulator/immuta/index.ts";
import { ScimError } from "../../emulator/scim/index.ts";

const LONG = "x".repeat(5_000);
const MARKER = `… (${5_000 - MAX_ERROR_MESSAGE} more characters)`;

/** Each fake's error types, rendered as they go over the wire, and the message in their body. */
const RENDERINGS: [string, () => string | Promise<string>][] = [
  [
    "a SCIM error's detail",
    () => (JSON.parse(new ScimError(400, LONG, "invalidValue").toReply().body) as { detail: string }).detail,
  ],
  [
    "a Graph error's message",
    async () =>
      (
        (await new EntraError(400, "Request_BadRequest", LONG).toResponse().json()) as {
          error: { message: string };
        }
      ).error.message,
  ],
  [
    "an Immuta API error's message",
    async () => ((await new ImmutaApiError(400, LONG).toResponse().json()) as { message: string }).message,
  ],
];

describe("error bodies quote at most MAX_ERROR_MESSAGE characters of a message", () => {
  it.each(RENDERINGS)("%s is cut with a marker", async (_, render) => {
    expect(await render()).toBe(`${"x".repeat(MAX_ERROR_MESSAGE)}${MARKER}`);
  });

  it("a short message is rendered whole", () => {
    const body = JSON.parse(new ScimError(404, "no such user").toReply().body) as { detail: string };
    expect(body.detail).toBe("no such user");
  });
});

import { createImmutaApp } from "../../emulator/immuta/index.ts";
import { URN } from "../../emulator/scim/index.ts";
import type { SwitchValue } from "../../contracts/probes/probe-types.ts";

/**
 * A stand-in for the target in a dry run: an in-process fake Immuta set up like the target (its
 * SCIM path, token, IAM, row and the expected settings), so the probes and cases take the path they
 * would take where everything holds, and nothing leaves the process.
 */
export function createDryRunFetch(options: {
  scimUrl: string;
  token: string;
  extensionSchema: string;
  api: { url: string; apiKey: string; iamId: string; prefix: string; enterprisePrefix?: string } | undefined;
  expected: Readonly<Record<string, SwitchValue>>;
}): (request: Request) => Promise<Response> {
  const scim = new URL(options.scimUrl);
  const iamId = options.api?.iamId ?? (scim.pathname.split("/").filter(Boolean).pop() || "entra");
  const immuta = createImmutaApp({
    ...(options.api ? { apiKey: options.api.apiKey } : {}),
    journalLimit: 0,
    iams: [
      {
        id: iamId,
        scimPath: scim.pathname.replace(/\/+$/, ""),
        scimToken: options.token,
        attributeSchema: options.api
          ? [
              { scimSchema: options.extensionSchema, prefix: options.api.prefix },
              ...(options.api.enterprisePrefix === undefined
                ? []
                : [{ scimSchema: URN.enterpriseUser, prefix: options.api.enterprisePrefix }]),
            ]
          : [],
        assumptions: options.expected,
      },
    ],
  });
  const apiBase = options.api?.url.replace(/\/+$/, "");
  return (request) => {
    // The fake serves SCIM and /bim from one origin: map the API base onto it.
    const url =
      apiBase && request.url.startsWith(`${apiBase}/bim/`)
        ? `${scim.origin}${request.url.slice(apiBase.length)}`
        : request.url;
    return immuta.fetch(url === request.url ? request : new Request(url, request));
  };
}

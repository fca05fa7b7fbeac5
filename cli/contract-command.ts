import { parseArgs } from "./parse-options.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";

export const CONTRACT_HELP = `Usage: synclab contract --target URL --token TOKEN [options]

Calibrates the fake Immuta against a SCIM endpoint (a real Immuta IAM's SCIM URL, or a running
'npm start'): one probe per assumption switch of the fake and per behaviour it models, then the SCIM
contract cases. Prints one line per assumption (holds / differs: the target behaves like X /
cannot tell: why), per behaviour and per case. It creates only users and groups named
synclab-<run id>-..., deletes them at the end (also on Ctrl+C), and never changes IAM settings.

Options:
  --target URL        the SCIM base URL, e.g. https://acme.immuta.example/bim/scim/entra
  --token TOKEN       the IAM's SCIM token (Entra's Secret Token)
  --schema URN        the extension URN the IAM's attribute-schema row maps
                      (default urn:ietf:params:scim:schemas:extension:custom:2.0:User)
  --api-url URL       Immuta's base URL for /bim reads (enables the projection probes and cases)
  --api-key KEY       an Immuta API key
  --iam ID            the IAM id whose attribute-schema row maps --schema
  --prefix PREFIX     that row's prefix
  --enterprise-prefix PREFIX
                      the prefix of the IAM's row for the enterprise extension, if it has one
                      (only the enterpriseExtensionRows probe needs it)
  --profile FILE      judge against the settings of this profile instead of the fake's defaults
  --profile-out FILE  write the assumptions: block that makes the fake behave like the target
  --json              print the report as JSON (and nothing else) on stdout
  --junit FILE        write a JUnit XML report
  --probes-only       run the probes, not the contract cases
  --dry-run           list the requests it would send (against an in-process fake), send none
  -h, --help          show this help

Exit: 0 everything holds and every case passed (a cannot-tell is reported, not a failure),
1 an assumption or behaviour differs or a case failed, 2 bad options. See docs/calibration.md.`;

/** The options of one contract run, checked. */
export type ContractOptions = {
  target: string;
  token: string;
  schema: string;
  api: { url: string; apiKey: string; iamId: string; prefix: string; enterprisePrefix?: string } | undefined;
  profile: string | undefined;
  profileOut: string | undefined;
  json: boolean;
  junit: string | undefined;
  probesOnly: boolean;
  dryRun: boolean;
};

const DEFAULT_SCHEMA = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

function httpUrl(name: string, value: string): string {
  if (!/^https?:\/\/[^/]/.test(value)) throw new UsageError(`${name} must be an http(s) URL, got '${value}'`);
  return value.replace(/\/+$/, "");
}

/** Parses and checks the command line; a problem is a UsageError (exit 2). */
export function parseContractOptions(args: string[]): ContractOptions | "help" {
  const { values } = parseArgs({
    args,
    options: {
      target: { type: "string" },
      token: { type: "string" },
      schema: { type: "string" },
      "api-url": { type: "string" },
      "api-key": { type: "string" },
      iam: { type: "string" },
      prefix: { type: "string" },
      "enterprise-prefix": { type: "string" },
      profile: { type: "string" },
      "profile-out": { type: "string" },
      json: { type: "boolean" },
      junit: { type: "string" },
      "probes-only": { type: "boolean" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (!values.target || !values.token) throw new UsageError("contract needs --target URL and --token TOKEN");
  const apiParts = [values["api-url"], values["api-key"], values.iam, values.prefix];
  if (apiParts.some((part) => part !== undefined) && !apiParts.every((part) => part !== undefined))
    throw new UsageError("--api-url, --api-key, --iam and --prefix go together: give all four or none");
  const [apiUrl, apiKey, iamId, prefix] = apiParts;
  const enterprisePrefix = values["enterprise-prefix"];
  if (enterprisePrefix !== undefined && apiUrl === undefined)
    throw new UsageError("--enterprise-prefix needs --api-url, --api-key, --iam and --prefix");
  return {
    target: httpUrl("--target", values.target),
    token: values.token,
    schema: values.schema ?? DEFAULT_SCHEMA,
    api:
      apiUrl && apiKey && iamId && prefix
        ? {
            url: httpUrl("--api-url", apiUrl),
            apiKey,
            iamId,
            prefix,
            ...(enterprisePrefix === undefined ? {} : { enterprisePrefix }),
          }
        : undefined,
    profile: values.profile,
    profileOut: values["profile-out"],
    json: values.json ?? false,
    junit: values.junit,
    probesOnly: values["probes-only"] ?? false,
    dryRun: values["dry-run"] ?? false,
  };
}

/** `synclab contract`: probes, then contract cases, in this process (no test runner is started). */
export async function contractCommand(args: string[], io: Io): Promise<ExitCode> {
  const options = parseContractOptions(args);
  if (options === "help") {
    io.out(CONTRACT_HELP);
    return EXIT.ok;
  }
  // Loaded only when a run starts, so that `synclab --help` stays instant.
  const { runContract } = await import("./contract/run-contract.ts");
  return runContract(options, io);
}

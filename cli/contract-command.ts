import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "./parse-options.ts";
import { EXIT, UsageError, type ExitCode, type Io } from "./exit-codes.ts";

export const CONTRACT_HELP = `Usage: synclab contract --target URL --token TOKEN [options]

Runs the SCIM server contract suite (contracts/scim-server) against a SCIM endpoint: a real Immuta
IAM's SCIM URL, or a running 'npm start'. It creates users and groups with fresh names and deletes
them afterwards. With the Immuta options it also checks attribute projection through /bim.

Options:
  --target URL        the SCIM base URL, e.g. https://acme.immuta.example/bim/scim/entra
  --token TOKEN       the IAM's SCIM token (Entra's Secret Token)
  --schema URN        the extension URN the suite writes (default urn:ietf:params:scim:schemas:extension:custom:2.0:User)
  --api-url URL       Immuta's base URL for /bim reads (enables the projection cases)
  --api-key KEY       an Immuta API key
  --iam ID            the IAM id whose attribute-schema row maps --schema
  --prefix PREFIX     that row's prefix
  -h, --help          show this help

Exit: 0 every case passed, 1 a case failed, 2 bad options.`;

/** Runs the contract suite in a child vitest process, pointed at the target by environment variables. */
export async function contractCommand(args: string[], io: Io): Promise<ExitCode> {
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
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(CONTRACT_HELP);
    return EXIT.ok;
  }
  if (!values.target || !values.token) throw new UsageError("contract needs --target URL and --token TOKEN");
  if (!/^https?:\/\//.test(values.target))
    throw new UsageError(`--target must be an http(s) URL, got '${values.target}'`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SYNCLAB_CONTRACT_URL: values.target,
    SYNCLAB_CONTRACT_TOKEN: values.token,
    ...(values.schema ? { SYNCLAB_CONTRACT_SCHEMA: values.schema } : {}),
    ...(values["api-url"] ? { SYNCLAB_CONTRACT_API_URL: values["api-url"] } : {}),
    ...(values["api-key"] ? { SYNCLAB_CONTRACT_API_KEY: values["api-key"] } : {}),
    ...(values.iam ? { SYNCLAB_CONTRACT_IAM: values.iam } : {}),
    ...(values.prefix ? { SYNCLAB_CONTRACT_PREFIX: values.prefix } : {}),
  };
  // vitest's own command (its package "bin"), found next to its package.json.
  const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  const root = fileURLToPath(new URL("..", import.meta.url));
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [vitest, "run", "contracts/scim-server/remote.test.ts"], {
      cwd: root,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (status) => resolve(status ?? 1));
  });
  return code === 0 ? EXIT.ok : EXIT.failed;
}

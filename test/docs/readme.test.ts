import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServers } from "../../cli/serve-command.ts";
import { loadScenarioFile } from "../../scenarios/index.ts";
import { docBlocks, isShell, shellScript, type DocBlock } from "./doc-blocks.ts";

const README = readFileSync("README.md", "utf8");
const FILES = ["README.md", ...readdirSync("docs").map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith(".md"),
);
const SCRIPTS = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
  .scripts;

const shellBlocks = (path: string) => docBlocks(readFileSync(path, "utf8")).filter(isShell);
const runnable = FILES.filter((path) => shellBlocks(path).some((block) => block.skip === undefined));
const skipped = FILES.flatMap((path) =>
  shellBlocks(path)
    .filter((block) => block.skip !== undefined)
    .map((block) => [`${path}:${block.line}`, block] as const),
);

// The blocks run in a copy of the working tree (node_modules linked, not copied), so what they
// write (schema.json, immuta.har) lands there. A copy, not links: the CLI runs only as its own file.
const scratch = mkdtempSync(join(tmpdir(), "synclab-docs-"));
for (const entry of readdirSync(".")) {
  if (entry === "node_modules") symlinkSync(resolve(entry), join(scratch, entry));
  else if (entry !== ".git") cpSync(entry, join(scratch, entry), { recursive: true });
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of the blocks: the user's, without this test runner's own variables. */
function blockEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$|NODE_OPTIONS$)/.test(name)),
  );
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0" };
}

function runBash(script: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn("bash", ["-c", script], { cwd: scratch, env: blockEnv() });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    child.on("close", () => done(output));
  });
}

/** Each block's output and the statuses of its failed commands, keyed by the block's line. */
function splitOutput(output: string): Map<number, { text: string; failures: number[] }> {
  const byBlock = new Map<number, { text: string; failures: number[] }>();
  for (const part of output.split(/\n@@block (?=\d+\n)/).slice(1)) {
    const [line, ...rest] = part.split("\n");
    const failures = [...part.matchAll(/\n@@fail \d+ (\d+)\n/g)].map((match) => Number(match[1]));
    byBlock.set(Number(line), { text: rest.join("\n"), failures });
  }
  return byBlock;
}

/**
 * What a skipped block is checked for: every command names an npm script or a file that exists,
 * or installs a package (`npm install`, which a reader runs in their own project).
 */
function unknownCommands(block: DocBlock): string[] {
  return block.text
    .split(/\n|&&/)
    .map((command) => command.replace(/#.*$/, "").trim())
    .filter((command) => command !== "")
    .filter((command) => {
      if (/^npm install\b/.test(command)) return false;
      const npm = /^npm (ci|start|test|run (\S+))\b/.exec(command);
      if (npm) return npm[1] === "ci" ? !existsSync("package-lock.json") : !((npm[2] ?? npm[1]!) in SCRIPTS);
      const tsx = /^npx tsx (\S+)/.exec(command);
      return !(tsx && existsSync(tsx[1]!));
    });
}

describe("README and docs", () => {
  it("README says each paragraph once (a merge once left the dashboard's twice)", () => {
    const paragraphs = README.split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 80 && !paragraph.startsWith("```"));
    const repeated = paragraphs.filter((paragraph, index) => paragraphs.indexOf(paragraph) !== index);
    expect(repeated).toEqual([]);
  });

  // Each file gets its own servers, so the files run side by side.
  it.concurrent.each(runnable)(
    "%s: every shell block runs against servers started as npm start starts them",
    async (path) => {
      const served = await startServers({
        scenario: "scenarios/default.yaml",
        entraPort: 0,
        immutaPort: 0,
        host: "127.0.0.1",
      });
      try {
        const blocks = shellBlocks(path).filter((block) => block.skip === undefined);
        const hosts = { entra: new URL(served.entra.url).host, immuta: new URL(served.immuta.url).host };
        const outputs = splitOutput(await runBash(shellScript(blocks, hosts)));
        for (const block of blocks) {
          const where = `${path}:${block.line}`;
          const result = outputs.get(block.line);
          expect(result, `${where} did not run`).toBeDefined();
          const allowed = block.exit === undefined ? [] : [block.exit];
          expect(
            result!.failures.filter((status) => !allowed.includes(status)),
            `${where} has a failing command:\n${result!.text}`,
          ).toEqual([]);
          if (block.exit !== undefined) {
            expect(result!.failures, `${where} should end with exit ${block.exit}`).toContain(block.exit);
          }
          for (const line of (block.expectedOutput ?? "").split("\n").filter((text) => text.trim() !== "")) {
            expect(result!.text, `${where} should print what the docs show after it`).toContain(line.trim());
          }
        }
      } finally {
        await served.close();
      }
    },
    240_000,
  );

  it.each(skipped)(
    "%s is not run (its reason is given) and names only scripts and files that exist",
    (_, block) => {
      expect(block.skip).not.toBe("");
      expect(unknownCommands(block)).toEqual([]);
    },
  );

  it("uses the service principal and job ids that scenarios/default.yaml fixes", async () => {
    const { app } = (await loadScenarioFile("scenarios/default.yaml")).entra;
    expect(README).toContain(`SP=${app.servicePrincipalId}\n`);
    expect(README).toContain(`JOB=${app.jobId}\n`);
    expect(README).toContain(
      "J=http://127.0.0.1:4100/v1.0/servicePrincipals/$SP/synchronization/jobs/$JOB\n",
    );
  });
});

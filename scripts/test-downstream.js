// @ts-check
/**
 * Packs synclab, installs the tarball into a copy of examples/downstream and runs that project's
 * suite, so a broken package (a missing file, an export that does not resolve, a bin that needs
 * tsx) fails `npm test`. The copy lives outside the repository: inside it, Node would find any
 * package the tarball forgot in the repository's own node_modules. Only the tarball is installed
 * (with its dependencies, from npm's cache when it can); the example's test tools (vitest, msw,
 * typescript) are linked from the repository's node_modules when it holds the pinned version,
 * which keeps this to seconds instead of a minute of unpacking.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "downstream");
const TIMEOUT_MS = 300_000;

/**
 * Runs a command, its output shown as it comes; throws when it fails.
 * @param {string} command @param {string[]} args @param {string} cwd
 */
function run(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    timeout: TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd} (${result.error?.message ?? `exit ${String(result.status)}`})`,
    );
  }
  console.error(
    `downstream: ${command} ${args.join(" ")} took ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * Installs synclab from the tarball, and each other dev dependency either by a link to the
 * repository's copy (same version) or from the registry; returns the linked names.
 * @param {string} project
 */
function installTarball(project) {
  const manifestFile = join(project, "package.json");
  const manifest = /** @type {{ devDependencies: Record<string, string> }} */ (
    JSON.parse(readFileSync(manifestFile, "utf8"))
  );
  const linked = Object.keys(manifest.devDependencies).filter(
    (name) => name !== "synclab" && installedVersion(name) === manifest.devDependencies[name],
  );
  for (const name of linked) delete manifest.devDependencies[name];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project);
  // After the install, which would prune them as extraneous.
  for (const name of linked)
    symlinkSync(join(ROOT, "node_modules", name), join(project, "node_modules", name), "dir");
  return linked;
}

/** @param {string} name */
function installedVersion(name) {
  try {
    const manifest = /** @type {{ version: string }} */ (
      JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"))
    );
    return manifest.version;
  } catch {
    return undefined;
  }
}

const project = mkdtempSync(join(tmpdir(), "synclab-downstream-"));
let passed = false;
try {
  cpSync(EXAMPLE, project, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|package-lock\.json|[^/\\]*\.tgz)$/.test(source),
  });
  const pack = spawnSync("npm", ["pack", "--silent", "--pack-destination", project], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: TIMEOUT_MS,
  });
  const tarball = pack.stdout.trim().split("\n").at(-1);
  if (pack.status !== 0 || !tarball) throw new Error(`npm pack failed (exit ${String(pack.status)})`);
  renameSync(join(project, tarball), join(project, "synclab.tgz"));
  const linked = installTarball(project);
  run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "--noEmit"], project);
  run(process.execPath, [join(project, "node_modules", "vitest", "vitest.mjs"), "run"], project);
  console.error(`downstream: linked from the repository: ${linked.join(", ") || "nothing"}`);
  passed = true;
} finally {
  if (passed) rmSync(project, { recursive: true, force: true });
  else console.error(`downstream: the failing project is kept in ${project}`);
}

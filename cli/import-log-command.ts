import { writeFile } from "node:fs/promises";
import { parseArgs } from "./parse-options.ts";
import { buildSkeleton } from "./import-log/build-skeleton.ts";
import { LogImportError, readLogExport } from "./import-log/read-log-export.ts";
import { renderSkeleton } from "./import-log/render-skeleton.ts";
import { schemaComment } from "./import-log/schema-comment.ts";
import { EXIT, type ExitCode, type Io } from "./exit-codes.ts";
import { readOneFile } from "./read-one-file.ts";

export const IMPORT_LOG_HELP = `Usage: synclab import-log <export.json> [--out FILE]

Reads a provisioning log export (Graph GET auditLogs/provisioning: {"value": [...]}, an array of
records, one record, or the portal's JSON download) and prints a scenario skeleton: the users with
the source values found in modifiedProperties, the target attributes and mappings they imply, and
per record a provision on demand with an expect.log of its action, status and error code. Running
the skeleton shows whether synclab reproduces the customer's outcome. What the log cannot tell
(source attributes of custom targets, Immuta prefixes) is marked "TO FILL IN" in a YAML comment.
Its first line names the scenario JSON Schema relative to where it is written (FILE's folder, or
the current folder when printed), so editors complete and validate it.

Options:
  --out FILE    write the skeleton to FILE instead of printing it
  -h, --help    show this help

Exit: 0 written, 2 the export is missing or not a provisioning log.`;

export async function importLogCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.out(IMPORT_LOG_HELP);
    return EXIT.ok;
  }
  const input = await readOneFile(
    "import-log",
    positionals,
    { needs: "a provisioning log export (JSON)", takes: "one export file" },
    io,
  );
  if (!input) return EXIT.badInput;
  const { file, text } = input;
  try {
    const skeleton = buildSkeleton(readLogExport(text), file);
    const schema = schemaComment(values.out);
    const yaml = renderSkeleton(
      schema === null ? skeleton : { ...skeleton, header: [schema, ...skeleton.header] },
    );
    if (values.out === undefined) io.out(yaml.trimEnd());
    else await writeFile(values.out, yaml);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof LogImportError)) throw error;
    io.err(`${file}: ${error.code}: ${error.message}`);
    return EXIT.badInput;
  }
}

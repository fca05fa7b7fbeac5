import { glob, isDynamicPattern } from "tinyglobby";

/** What the command line named: the files in order (each once) and the patterns that matched nothing. */
export type ExpandedFiles = { files: string[]; unmatched: string[] };

/**
 * The scenario files named by paths and glob patterns (`scenarios/**\/*.yaml`), in the order given;
 * a pattern's matches are sorted. Node 20 has no fs.glob, and a shell on Windows expands nothing.
 */
export async function expandScenarioFiles(patterns: readonly string[]): Promise<ExpandedFiles> {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches = (await glob(pattern, { onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length === 0) unmatched.push(pattern);
    files.push(...matches);
  }
  return { files: [...new Set(files)], unmatched };
}

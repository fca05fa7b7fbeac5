/** A fenced block of a markdown file, with what the docs test needs to know about it. */
export type DocBlock = {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  /** From a `<!-- docs-test: skip (reason) -->` comment right before the block. */
  skip?: string;
  /** From a `<!-- docs-test: exit N (reason) -->` comment: the one non-zero status its commands may end with. */
  exit?: number;
  /** A `text` block right after a shell block: lines the shell block must print. */
  expectedOutput?: string;
};

const FENCE = /^(\s*)```(\w*)\s*$/;
const MARKER = /^<!-- docs-test: (skip|exit (\d+)) \((.+)\) -->$/;

/** The fenced blocks of a markdown file (indented fences included), in order. */
export function docBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocBlock[] = [];
  let marker: { skip?: string; exit?: number } = {};
  let afterShell: DocBlock | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (!fence) {
      const found = MARKER.exec(line.trim());
      if (found) marker = found[2] ? { exit: Number(found[2]) } : { skip: found[3]! };
      if (line.trim() !== "") afterShell = undefined;
      continue;
    }
    const indent = fence[1]!;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && lines[i]!.trim() !== "```"; i += 1)
      body.push(lines[i]!.slice(indent.length));
    const block: DocBlock = { line: start + 1, lang: fence[2]!, text: body.join("\n"), ...marker };
    if (block.lang === "text" && afterShell) afterShell.expectedOutput = block.text;
    blocks.push(block);
    marker = {};
    afterShell = isShell(block) ? block : undefined;
  }
  return blocks;
}

export function isShell(block: DocBlock): boolean {
  return block.lang === "sh" || block.lang === "bash" || block.lang === "shell";
}

/** The fakes' default addresses as the docs write them. */
export const DOC_PORTS = { entra: "127.0.0.1:4100", immuta: "127.0.0.1:4200" } as const;

/**
 * One bash script that runs the runnable shell blocks of a file in order, in one shell (later
 * blocks use the variables of earlier ones), with the fakes' ports replaced by the test's. Each
 * block's output follows a `@@block <line>` line; a failing command prints `@@fail <line> <status>`.
 */
export function shellScript(blocks: readonly DocBlock[], hosts: { entra: string; immuta: string }): string {
  const parts = ["exec 2>&1", `trap 'printf "\\n@@fail %s %s\\n" "$B" "$?"' ERR`];
  for (const block of blocks) {
    const text = block.text
      .replaceAll(DOC_PORTS.entra, hosts.entra)
      .replaceAll(DOC_PORTS.immuta, hosts.immuta);
    parts.push(`B=${block.line}; printf '\\n@@block %s\\n' "$B"`, text);
  }
  return `${parts.join("\n")}\n`;
}

// The README and docs/*.md as data for the tests: pages, fenced blocks and the
// `<!-- certkit:<kind> <args> -->` marker in front of a block.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");

/** README.md and every docs/*.md, relative to the project root. */
export function docPages(): string[] {
  const docs = join(ROOT, "docs");
  const pages = existsSync(docs)
    ? readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...pages];
}

export const readPage = (page: string) => readFileSync(join(ROOT, page), "utf8");

/** A fenced code block of a page. */
export interface Block {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The info string's first word: `yaml`, `sh`, or "" for none. */
  readonly lang: string;
  readonly body: string;
  /** The marker comment on the nearest non-blank line above the fence, if any. */
  readonly marker?: { readonly kind: string; readonly args: string };
  /** Whether only blank lines and prose (no heading, no other block) lie between the previous block and this one. */
  readonly followsPrevious: boolean;
}

const MARKER = /^<!-- certkit:([a-z-]+)(?: (.+?))? -->$/;

export function blocksOf(page: string, text = readPage(page)): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let sinceLast = true; // no heading since the previous block
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("#")) sinceLast = false;
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && l.trim() === open[1]);
    if (close < 0) throw new Error(`${page}:${i + 1}: a code block that is never closed`);
    let above = i - 1;
    while (above >= 0 && !lines[above].trim()) above--;
    const m = above >= 0 ? MARKER.exec(lines[above].trim()) : null;
    blocks.push({
      page,
      line: i + 1,
      lang: open[2],
      body: lines.slice(i + 1, close).join("\n") + "\n",
      marker: m ? { kind: m[1], args: m[2] ?? "" } : undefined,
      followsPrevious: blocks.length > 0 && sinceLast,
    });
    sinceLast = true;
    i = close;
  }
  return blocks;
}

/**
 * The block after each `<!-- certkit:<kind> <args> -->` marker in the README
 * and the docs pages, by its args (unique across the pages).
 */
export function docBlocks(kind: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const page of docPages()) {
    for (const b of blocksOf(page)) {
      if (b.marker?.kind !== kind) continue;
      if (found.has(b.marker.args)) {
        throw new Error(`${page}:${b.line}: a second certkit:${kind} ${b.marker.args} block`);
      }
      found.set(b.marker.args, b.body);
    }
  }
  return found;
}

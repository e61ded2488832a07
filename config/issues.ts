// Config problems as people can act on them: key path, what is wrong, the fix.

export type KeyPath = readonly (string | number)[];

/** One problem in the config file. */
export interface ConfigIssue {
  readonly path: KeyPath;
  /** What is wrong, what was received, and how to fix it. */
  readonly message: string;
  /** Where in the file, 1-based, when known better than from `path` (YAML syntax errors). */
  readonly line?: number;
  readonly column?: number;
}

/** What the rules found: problems stop synthesis, warnings do not. */
export interface RuleFindings {
  readonly issues: ConfigIssue[];
  readonly warnings: ConfigIssue[];
}

/** `environments.prod.certificates.web.domains[2]`; keys with dots are quoted. */
export function formatPath(path: KeyPath): string {
  return path
    .map((p, i) => {
      if (typeof p === "number") return `[${p}]`;
      if (/^[A-Za-z0-9_$-]+$/.test(p)) return i === 0 ? p : `.${p}`;
      return `["${p}"]`;
    })
    .join("");
}

/** `path (line L, column C): message`, as errors and warnings are listed. */
export function formatIssue(i: ConfigIssue): string {
  const at = i.line === undefined ? "" : ` (line ${i.line}, column ${i.column})`;
  return `${formatPath(i.path) || "(top level)"}${at}: ${i.message}`;
}

/** Thrown before anything is synthesized; carries every problem found, not the first. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super("");
    this.message = this.report("nothing was synthesized");
    this.name = "ConfigError";
  }

  /** The message with what did not happen, as the command says it ("nothing was written"). */
  report(outcome: string): string {
    const { file, issues } = this;
    return [
      `${file}: ${issues.length} problem${issues.length === 1 ? "" : "s"}, ${outcome}:`,
      ...issues.map((i) => `  - ${formatIssue(i)}`),
    ].join("\n");
  }
}

/** A fact resolving needs is missing: the rules refuse such a file, so this is certkit's bug. */
export class ResolveInvariantError extends Error {
  constructor(where: string, what: string) {
    super(`${where}: ${what} (the config rules refuse this; resolve ran without them)`);
    this.name = "ResolveInvariantError";
  }
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** A message ending in a full stop. */
export const sentence = (m: string) => (m.endsWith(".") ? m : `${m}.`);

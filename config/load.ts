// Reading the config file: YAML -> schema -> rules -> resolved model. Throws a
// ConfigError listing every problem; nothing downstream runs on a bad file.
import { readFileSync } from "node:fs";
import { Document, LineCounter, Node, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import { ConfigError, ConfigIssue, KeyPath } from "./issues";
import { ResolvedConfig, resolveConfig } from "./resolve";
import { checkConfig } from "./rules";
import { ConfigSchema } from "./schema";
import { SourceView, fromZodIssue } from "./zod-issues";

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** Soft problems: synthesis goes on, the user should still read them. */
  readonly warnings: string[];
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : (e as Error).message;
    throw new ConfigError(file, [
      {
        path: [],
        message: `${reason}. Fix: create it, or point CERTKIT_CONFIG at your config file.`,
      },
    ]);
  }
  return loadConfigText(text, file);
}

export function loadConfigText(text: string, file = "certkit.yaml"): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const locate = (path: KeyPath) => position(doc, lines, path);
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        return {
          path: [],
          message: `YAML: ${e.message.split("\n")[0]}${at ? ` (line ${at.line}, column ${at.col})` : ""}`,
        };
      }),
    );
  }
  const data = doc.toJS() ?? {};
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    const src = sourceView(doc, data);
    const issues = parsed.error.issues.flatMap((i) => fromZodIssue(i, src, ConfigSchema));
    throw new ConfigError(file, issues, locate);
  }
  const { issues, warnings } = checkConfig(parsed.data);
  if (issues.length) throw new ConfigError(file, sortByPosition(issues, doc), locate);
  return { config: resolveConfig(parsed.data), warnings };
}

function sourceView(doc: Document, data: unknown): SourceView {
  return {
    valueAt: (path) =>
      path.reduce<unknown>(
        (v, k) => (v as Record<string | number, unknown> | undefined)?.[k],
        data,
      ),
    sourceAt: (path) => {
      const node = nodeAt(doc, path);
      return isScalar(node) ? node.source : undefined;
    },
  };
}

/** The node for a path, or for a missing key its parent (so errors still point somewhere). */
function nodeAt(doc: Document, path: KeyPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) return node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key] ?? node;
    } else break;
  }
  return node as Node | undefined;
}

function position(doc: Document, lines: LineCounter, path: KeyPath): string {
  const start = nodeAt(doc, path)?.range?.[0];
  if (start === undefined) return "";
  const { line, col } = lines.linePos(start);
  return ` (line ${line}, column ${col})`;
}

/** File order reads best: issues from rules come grouped by rule otherwise. */
function sortByPosition(issues: ConfigIssue[], doc: Document): ConfigIssue[] {
  const at = (i: ConfigIssue) => nodeAt(doc, i.path)?.range?.[0] ?? 0;
  return [...issues].sort((a, b) => at(a) - at(b));
}

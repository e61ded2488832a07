// Reading the config file: YAML -> schema -> rules -> resolved model. Throws a
// ConfigError listing every problem; nothing downstream runs on a bad file.
import { readFileSync } from "node:fs";
import {
  Document,
  LineCounter,
  Node,
  YAMLError,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from "yaml";
import { checkAlarmPlacement } from "./alarm-rules";
import { ConfigError, ConfigIssue, KeyPath, formatPath, sentence } from "./issues";
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
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: [], message: yamlMessage(e, text), ...at(e.pos[0]) })),
    );
  }
  if (doc.contents === null) {
    throw new ConfigError(file, [
      {
        path: [],
        message:
          "the file is empty. Fix: describe cloudflare.zones and environments with their certificates (the bundled certkit.yaml is a starting point).",
      },
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // An alias without its anchor, for one: the document parsed but has no value.
    throw new ConfigError(file, [{ path: [], message: `YAML: ${sentence((e as Error).message)}` }]);
  }
  // Issues carry their position so that they can be listed in file order.
  const located = (issue: ConfigIssue, onKey = false): ConfigIssue => {
    const start = nodeAt(doc, issue.path, onKey)?.range?.[0];
    return start === undefined ? issue : { ...issue, ...at(start) };
  };
  // zod would turn a `__proto__` key into the prototype of the object it builds:
  // the entry (a certificate, an environment, a tag) would vanish without a word.
  const prototypeKeys = prototypeKeyPaths(data);
  const keyIssues = prototypeKeys.map((path) =>
    located(
      {
        path,
        message:
          'cannot be a key: "__proto__" has a special meaning in JavaScript, and certkit would drop the entry. Fix: rename it.',
      },
      true,
    ),
  );
  if (prototypeKeys.length) data = withoutPaths(data, prototypeKeys);
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    const src = sourceView(doc, data);
    const issues = [...keyIssues];
    issues.push(
      ...parsed.error.issues.flatMap((i) => {
        // A misspelt or invalid key is best shown where the key is, not its value.
        const onKey = i.code === "unrecognized_keys" || i.code === "invalid_key";
        return fromZodIssue(i, src, ConfigSchema).map((x) => located(x, onKey));
      }),
    );
    // Without the values the schema refused, the rest can still be checked, so that
    // one run shows every problem. Not after a misspelt or invalid key: the rules
    // would then report what the typo hid (a missing region, an unknown zone).
    const keyIssue =
      keyIssues.length > 0 ||
      parsed.error.issues.some((i) => i.code === "unrecognized_keys" || i.code === "invalid_key");
    const refused = parsed.error.issues.map((i) => i.path as KeyPath);
    const rest = keyIssue ? undefined : ConfigSchema.safeParse(withoutPaths(data, refused));
    if (rest?.success) {
      // defaults.x stands under every environments.<env>.x.
      const under = (r: KeyPath, p: KeyPath) =>
        startsWith(p, r) ||
        (r[0] === "defaults" && p[0] === "environments" && startsWith(p.slice(2), r.slice(1)));
      const related = (p: KeyPath) => refused.some((r) => under(r, p) || startsWith(r, p));
      issues.push(
        ...checkConfig(rest.data)
          .issues.filter((i) => !related(i.path))
          .map((i) => located(i)),
      );
    }
    throw new ConfigError(file, inFileOrder(issues));
  }
  // As after a misspelt key, the rules would report what the dropped entry hid.
  if (keyIssues.length) throw new ConfigError(file, inFileOrder(keyIssues));
  const { issues, warnings } = checkConfig(parsed.data);
  if (issues.length) throw new ConfigError(file, inFileOrder(issues.map((i) => located(i))));
  const config = resolveConfig(parsed.data);
  // Where alarm topics may live depends on each certificate's resolved region.
  const placement = checkAlarmPlacement(parsed.data, config);
  if (placement.issues.length) {
    throw new ConfigError(file, inFileOrder(placement.issues.map((i) => located(i))));
  }
  return { config, warnings: [...warnings, ...placement.warnings] };
}

/** The parser's message, with the key a duplicate-key error is about and a fix where one is known. */
function yamlMessage(e: YAMLError, text: string): string {
  switch (e.code) {
    case "DUPLICATE_KEY": {
      const key = /^\s*(.*?)\s*:/.exec(text.slice(e.pos[0]))?.[1]?.replace(/^["']|["']$/g, "");
      return `YAML: the key ${key ? `"${key}" ` : ""}appears twice in one map. Fix: keep one.`;
    }
    case "MULTIPLE_DOCS":
      return 'YAML: the file holds several documents separated by "---"; certkit reads one. Fix: merge them into one.';
    default:
      return `YAML: ${sentence(e.message.split("\n")[0])}`;
  }
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

/**
 * The node for a path (with `onKey`, the key of its last step), or for a missing
 * key its parent (so errors still point somewhere).
 */
function nodeAt(doc: Document, path: KeyPath, onKey = false): Node | undefined {
  let node: unknown = doc.contents;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) return node;
      node = (onKey && i === path.length - 1 ? undefined : pair.value) ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key] ?? node;
    } else break;
  }
  return node as Node | undefined;
}

/** File order reads best: zod lists issues by schema shape, rules group them by rule. */
function inFileOrder(issues: ConfigIssue[]): ConfigIssue[] {
  const at = (i: ConfigIssue) => [i.line ?? 0, i.column ?? 0];
  return [...issues].sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
}

/** Paths of every `__proto__` key (an own key: the YAML parser defines it as one). */
function prototypeKeyPaths(data: unknown): KeyPath[] {
  const found: KeyPath[] = [];
  // A loop, not recursion: deeply nested input must not overflow the stack here.
  const todo: [unknown, KeyPath][] = [[data, []]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [value, path] = next;
    if (!value || typeof value !== "object") continue;
    for (const key of Object.keys(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      if (key === "__proto__" && !Array.isArray(value)) found.push(at);
      else todo.push([(value as Record<string, unknown>)[key], at]);
    }
  }
  return found.sort((a, b) => formatPath(a).localeCompare(formatPath(b)));
}

/** A copy of `data` without the object keys at `paths` (array items stay, so later paths keep their index). */
function withoutPaths(data: unknown, paths: readonly KeyPath[]): unknown {
  const copy = JSON.parse(JSON.stringify(data ?? {})) as unknown;
  for (const path of paths) {
    const key = path[path.length - 1];
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], copy);
    if (typeof key === "string" && parent && typeof parent === "object" && !Array.isArray(parent)) {
      delete (parent as Record<string, unknown>)[key];
    }
  }
  return copy;
}

const startsWith = (path: KeyPath, prefix: KeyPath) => prefix.every((p, i) => path[i] === p);

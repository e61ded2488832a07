// Reading the config file, one way: YAML with positions -> schema -> rules on the
// raw document -> resolved model. Throws a ConfigError listing every problem;
// nothing downstream runs on a bad file.
import { readFileSync } from "node:fs";
import {
  Alias,
  Document,
  LineCounter,
  Node,
  YAMLError,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
} from "yaml";
import { ConfigError, ConfigIssue, KeyPath, formatPath, sentence } from "./issues";
import { ResolvedConfig, resolveConfig } from "./resolve";
import { checkConfig, validateConfig } from "./rules";
import { ConfigSchema } from "./schema";
import { SourceView, fromZodIssue } from "./zod-issues";

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** Soft problems: synthesis goes on, the user should still read them. */
  readonly warnings: ConfigIssue[];
}

export function loadConfigFile(file: string): LoadedConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ConfigError(file, [{ path: [], message: unreadable(e as NodeJS.ErrnoException) }]);
  }
  const text = decode(bytes);
  if (typeof text !== "string") throw new ConfigError(file, [{ path: [], message: text.problem }]);
  return loadConfigText(text, file);
}

function unreadable(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case "ENOENT":
      return "does not exist. Fix: create it, or point CERTKIT_CONFIG at your config file.";
    case "EISDIR":
      return "is a directory, not a file. Fix: point CERTKIT_CONFIG at the config file itself (such as <directory>/certkit.yaml).";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied. Fix: make it readable by this user (chmod u+r).";
    default:
      return `cannot be read (${e.code ?? e.message}). Fix: check that it is a readable file.`;
  }
}

/**
 * The file's text, or what is wrong with its encoding. YAML 1.2 allows UTF-16,
 * but the editors and tools around a config (git diffs, CI) read UTF-8; a UTF-8
 * byte order mark is fine (the yaml parser skips it).
 */
function decode(bytes: Buffer): string | { problem: string } {
  const saveAsUtf8 =
    "Fix: save it as UTF-8 (your editor's encoding setting, or iconv -f UTF-16 -t UTF-8).";
  const bom = bytes.subarray(0, 2).toString("hex");
  const nulAt = bytes.subarray(0, 64).indexOf(0);
  if (bom === "fffe" || bom === "feff" || nulAt >= 0) {
    const order =
      bom === "fffe"
        ? " (little-endian)"
        : bom === "feff"
          ? " (big-endian)"
          : nulAt % 2
            ? " (little-endian, no byte order mark)"
            : " (big-endian, no byte order mark)";
    return { problem: `is encoded as UTF-16${order}; certkit reads UTF-8. ${saveAsUtf8}` };
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      problem: `is not valid UTF-8 (another encoding, such as Latin-1 or Windows-1252?); certkit reads UTF-8. ${saveAsUtf8.replace("UTF-16", "<its encoding>")}`,
    };
  }
}

export function loadConfigText(text: string, file = "certkit.yaml"): LoadedConfig {
  try {
    return loadText(text, file);
  } catch (e) {
    // The parser, zod and the rules recurse; whatever nesting slips past the depth
    // check below still ends as a config error, never as a stack trace.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new ConfigError(file, [{ path: [], message: TOO_DEEP }]);
    }
    throw e;
  }
}

/** Far deeper than any config: the file, environments, <env>, certificates, <name>, attach, alb are 7 maps. */
export const MAX_NESTING = 32;
const TOO_DEEP = `YAML: the file nests maps and lists more than ${MAX_NESTING} levels deep; a certkit config needs at most 7. Fix: check indentation and brackets: a key indented too far, or a "[" or "{" left open, nests everything after it.`;

function loadText(text: string, file: string): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    // The parser reports a stack overflow once per level it unwinds: one message says it.
    const deep = doc.errors.find((e) => /call stack/i.test(e.message));
    throw new ConfigError(
      file,
      deep
        ? [{ path: [], message: TOO_DEEP, ...at(deep.pos[0]) }]
        : doc.errors.map((e) => ({ path: [], message: yamlMessage(e, text), ...at(e.pos[0]) })),
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
  const tooDeep = nodeDeeperThan(doc.contents, MAX_NESTING);
  if (tooDeep !== undefined)
    throw new ConfigError(file, [{ path: [], message: TOO_DEEP, ...at(tooDeep) }]);
  const loop = aliasInsideItsAnchor(doc);
  if (loop) {
    throw new ConfigError(file, [
      {
        path: [],
        message: `YAML: the alias *${loop.source} stands inside the node anchored &${loop.source}, so the value would contain itself. Fix: write the value out there.`,
        ...at(loop.range?.[0] ?? 0),
      },
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    if (e instanceof RangeError) throw e;
    // An alias without its anchor, for one: the document parsed but has no value.
    const message = (e as Error).message;
    const fix = /alias count/i.test(message)
      ? "write the values out instead of through so many aliases."
      : "define each anchor (&name) before the aliases (*name) that use it.";
    throw new ConfigError(file, [{ path: [], message: `YAML: ${sentence(message)} Fix: ${fix}` }]);
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
  const merges = mergeKeys(doc).map((path) => located({ path, message: MERGE_KEY }, true));
  const mergePaths = new Set(merges.map((m) => formatPath(m.path)));
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success || merges.length) {
    const zodIssues = parsed.success ? [] : parsed.error.issues;
    const src = sourceView(doc, data);
    const issues = [...keyIssues];
    issues.push(
      ...zodIssues.flatMap((i) => {
        // A misspelt or invalid key is best shown where the key is, not its value.
        const onKey = i.code === "unrecognized_keys" || i.code === "invalid_key";
        return fromZodIssue(i, src, ConfigSchema)
          .filter((x) => !mergePaths.has(formatPath(x.path))) // reported as merge keys
          .map((x) => located(x, onKey));
      }),
    );
    issues.push(...merges);
    // Without the values the schema refused, the rest can still be checked, so that
    // one run shows every problem. Not after a misspelt or invalid key (or a merge
    // key): the rules would then report what the typo hid (a missing region, an
    // unknown zone).
    const keyIssue =
      keyIssues.length > 0 ||
      merges.length > 0 ||
      zodIssues.some((i) => i.code === "unrecognized_keys" || i.code === "invalid_key");
    const refused = zodIssues.map((i) => i.path as KeyPath);
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
  const { issues, warnings } = validateConfig(parsed.data);
  if (issues.length) throw new ConfigError(file, inFileOrder(issues.map((i) => located(i))));
  return {
    config: resolveConfig(parsed.data),
    warnings: inFileOrder(warnings.map((w) => located(w))),
  };
}

const MERGE = "<<";
const MERGE_KEY =
  'YAML merge keys ("<<") are not supported: certkit reads YAML 1.2, where "<<" is an ordinary key. Fix: write the keys out here; values every environment shares belong in defaults, which merges under each of them.';

/** Paths of every plain `<<` key (a quoted "<<" is an ordinary key, and stays one). */
function mergeKeys(doc: Document): KeyPath[] {
  const found: KeyPath[] = [];
  const walk = (node: unknown, path: KeyPath) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value as string | number;
        if (key === MERGE && pair.key.type === "PLAIN") found.push([...path, MERGE]);
        else walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return found;
}

/** An alias inside the node it refers to (`a: &x [*x]`): its value would contain itself. */
function aliasInsideItsAnchor(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      const [start, end] = alias.range ?? [];
      if (target?.range && start !== undefined && end !== undefined) {
        if (target.range[0] <= start && end <= target.range[2]) {
          found = alias;
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

/** Where the first node nested deeper than `max` maps and lists starts, if any. Iterative: no recursion to overflow. */
function nodeDeeperThan(root: unknown, max: number): number | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth + 1 > max) return node.range?.[0] ?? 0;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
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
      return `YAML: ${sentence(e.message.split("\n")[0])} Fix: correct the YAML there (indentation, quoting, brackets).`;
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

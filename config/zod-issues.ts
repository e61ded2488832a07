// Turns zod's issues into one actionable line each.
import type { z } from "zod";
import { hostZoneKeyProblem } from "./dns-host-schema";
import { ConfigIssue, KeyPath, didYouMean, sentence } from "./issues";

/** Reads what the YAML file actually said at a path, for "got ..." and numeric-ID hints. */
export interface SourceView {
  /** The value as parsed. */
  valueAt(path: KeyPath): unknown;
  /** The scalar's original text (`0123` stays `0123`), if it is a scalar. */
  sourceAt(path: KeyPath): string | undefined;
}

export function fromZodIssue(
  issue: z.core.$ZodIssue,
  src: SourceView,
  root: z.ZodType,
): ConfigIssue[] {
  const path = issue.path as KeyPath;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: hostZoneKeyProblem(path, key) ?? unknownKey(key, keysAt(root, path)),
      }));
    case "invalid_key": {
      const [what, fix] = withoutFix(keyProblem(issue.issues[0]));
      return [
        {
          path,
          message: `${what}, got "${String(path[path.length - 1])}". Fix: ${fix ?? "rename the key."}`,
        },
      ];
    }
    case "invalid_value": {
      const got = src.valueAt(path);
      const allowed = issue.values.map(String);
      const guess = typeof got === "string" ? didYouMean(got, allowed) : undefined;
      const list =
        allowed.length <= 6
          ? ` Fix: use one of ${allowed.join(", ")}.`
          : ` Fix: use one of ${allowed.length} values, such as ${allowed.slice(0, 3).join(", ")} (certkit.schema.json lists them all).`;
      return [
        {
          path,
          message: `${show(got)} is not allowed.${guess ? ` Did you mean "${guess}"?` : ""}${list}`,
        },
      ];
    }
    case "invalid_type":
      return [{ path, message: invalidType(issue.expected, path, src) }];
    case "too_small":
      return [{ path, message: outOfRange("at least", issue.minimum, issue.origin, path, src) }];
    case "too_big":
      return [{ path, message: outOfRange("at most", issue.maximum, issue.origin, path, src) }];
    default: {
      const [what, fix] = withoutFix(issue.message);
      return [
        {
          path,
          message: `${sentence(what)} Got ${show(src.valueAt(path))}. Fix: ${fix ?? "correct the value as described."}`,
        },
      ];
    }
  }
}

/** A schema message split at its " Fix: ", so that what was received goes between. */
function withoutFix(message: string): [string, string | undefined] {
  const at = message.indexOf(" Fix: ");
  return at < 0 ? [message, undefined] : [message.slice(0, at), message.slice(at + 6)];
}

/** What is wrong with a record key, in words (zod's own text for lengths reads "Too big: ..."). */
function keyProblem(inner: z.core.$ZodIssue | undefined): string {
  if (inner?.code === "too_big")
    return `a key here must be at most ${inner.maximum} characters long`;
  if (inner?.code === "too_small")
    return `a key here must be at least ${inner.minimum} character long`;
  return inner?.message ?? "is not a valid name";
}

function invalidType(expected: string, path: KeyPath, src: SourceView): string {
  const got = src.valueAt(path);
  const kind = YAML_KINDS[expected] ?? article(expected);
  if (got === undefined) return `is required (${kind}). Fix: add it.`;
  const text = src.sourceAt(path);
  if (expected === "string" && typeof got === "number" && text !== undefined) {
    // YAML turns 0123 into 123 and long digit strings into imprecise floats.
    const altered = String(got) === text ? "" : ` (${got}), which would alter the ID`;
    return `YAML reads ${text} as a number${altered}. Fix: quote it: "${text}".`;
  }
  return `must be ${kind}, got ${show(got)}. Fix: write ${expected === "boolean" ? "true or false" : `${kind} here`}.`;
}

/** "must have at least 1 item, got []", "must be at most 1440, got 2000". */
function outOfRange(
  bound: "at least" | "at most",
  limit: number | bigint,
  origin: string,
  path: KeyPath,
  src: SourceView,
): string {
  const got = show(src.valueAt(path));
  const more = bound === "at least";
  if (origin === "array") {
    const items = `${limit} item${limit === 1 ? "" : "s"}`;
    return `must have ${bound} ${items}, got ${got}. Fix: ${more ? `list at least ${items}` : `list at most ${items}`}.`;
  }
  if (origin === "string") {
    return `must be ${bound} ${limit} characters long, got ${got}. Fix: ${more ? "write a longer value" : "shorten it"}.`;
  }
  return `must be ${bound} ${limit}, got ${got}. Fix: use a value of ${bound} ${limit}.`;
}

function unknownKey(key: string, known: readonly string[]): string {
  const guess = didYouMean(key, known);
  return `unknown key "${key}".${guess ? ` Did you mean "${guess}"? Fix: rename it to "${guess}", or remove it.` : " Fix: remove it or check the spelling."}${
    known.length ? ` Known keys here: ${known.join(", ")}.` : ""
  }`;
}

/** The keys the object schema at `path` accepts (walks records, arrays, optionals). */
function keysAt(schema: z.ZodType, path: KeyPath): string[] {
  // zod v4's public `def` is the stable way to walk a schema.
  let def = schema.def as unknown as SchemaDef;
  for (let i = 0; ; ) {
    if (def.innerType) def = def.innerType.def;
    else if (def.type === "object" && i < path.length) def = def.shape![path[i++]].def;
    else if (def.type === "record" && i < path.length) {
      def = def.valueType!.def;
      i++;
    } else if (def.type === "array" && i < path.length) {
      def = def.element!.def;
      i++;
    } else break;
  }
  return def.type === "object" ? Object.keys(def.shape!).filter((k) => !k.startsWith("$")) : [];
}

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, { def: SchemaDef }>;
  valueType?: z.ZodType;
  element?: z.ZodType;
}

/** zod's type names in the words of a YAML file. */
const YAML_KINDS: Record<string, string> = {
  object: "a map of keys",
  record: "a map of names",
  array: "a list",
};
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// A synthesized stack (Terraform JSON) as HCL, already in `terraform fmt` form:
// cdktf metadata dropped, blocks in a fixed order, arguments sorted, lists one
// item per line, `=` aligned the way terraform aligns it. Pure.
import { bareExpression, literalString, stringValue } from "./hcl-expression";
import {
  ATTRIBUTES_ONLY,
  BodySchema,
  IMPORT,
  MODULE,
  OUTPUT,
  StringMode,
  TERRAFORM,
  VARIABLE,
  providerSchema,
  resourceSchema,
} from "./hcl-schema";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One output line: an `=` line whose value fits on it can be aligned with its neighbours. */
interface Line {
  readonly depth: number;
  readonly text: string;
  readonly key?: string;
}

const INDENT = "  ";
/** cdktf's metadata key, anywhere in a stack. */
const METADATA = "//";

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The stack as HCL. Top-level blocks: terraform, providers, variables, locals,
 * data sources, resources, imports, modules, outputs; each group sorted by type and name.
 * `header` lines become comments at the top.
 */
export function stackToHcl(stack: JsonObject, header: readonly string[] = []): string {
  const blocks: Line[][] = [];
  const add = (lines: Line[]) => blocks.push(lines);
  const section = (key: string) => (isObject(stack[key]) ? stack[key] : {});

  if (isObject(stack.terraform)) add(block(["terraform"], stack.terraform, TERRAFORM, 0));
  for (const [name, configs] of sorted(section("provider"))) {
    const list = (Array.isArray(configs) ? configs : [configs]).filter(isObject);
    const alias = (c: JsonObject) => (typeof c.alias === "string" ? c.alias : "");
    const byAlias = [...list].sort((a, b) => compare(alias(a), alias(b)));
    for (const config of byAlias) add(block(["provider", name], config, providerSchema(name), 0));
  }
  for (const [name, body] of sorted(section("variable"))) {
    if (isObject(body)) add(block(["variable", name], body, VARIABLE, 0));
  }
  const locals = section("locals");
  if (Object.keys(locals).length) add(block(["locals"], locals, ATTRIBUTES_ONLY("template"), 0));
  for (const kind of ["data", "resource"] as const) {
    for (const [type, byName] of sorted(section(kind))) {
      if (!isObject(byName)) continue;
      for (const [name, body] of sorted(byName)) {
        if (isObject(body)) add(block([kind, type, name], body, resourceSchema(type), 0));
      }
    }
  }
  // Import blocks (adopted resources), after the resources they fill, by address.
  const imports = (Array.isArray(stack.import) ? stack.import : []).filter(isObject);
  const to = (i: JsonObject) => (typeof i.to === "string" ? i.to : "");
  for (const body of [...imports].sort((a, b) => compare(to(a), to(b)))) {
    add(block(["import"], body, IMPORT, 0));
  }
  for (const [name, body] of sorted(section("module"))) {
    if (isObject(body)) add(block(["module", name], body, MODULE, 0));
  }
  for (const [name, body] of sorted(section("output"))) {
    if (isObject(body)) add(block(["output", name], body, OUTPUT, 0));
  }

  const comment = header.map((h) => (h ? `# ${h}` : "#")).join("\n");
  const body = blocks.map(render).join("\n\n");
  return `${comment ? `${comment}\n\n` : ""}${body}\n`;
}

/** `type "label" ... {` body `}`; an empty body stays on one line. */
function block(
  words: readonly string[],
  body: JsonObject,
  schema: BodySchema,
  depth: number,
): Line[] {
  const [type, ...labels] = words;
  const head = [type, ...labels.map((l) => JSON.stringify(l))].join(" ");
  const inner = bodyLines(body, schema, depth + 1);
  if (inner.length === 0) return [{ depth, text: `${head} {}` }];
  return [{ depth, text: `${head} {` }, ...inner, { depth, text: "}" }];
}

/**
 * A body: meta-arguments first, then arguments (sorted), then nested blocks
 * (sorted, each after a blank line), then `lifecycle` and `depends_on`.
 */
function bodyLines(body: JsonObject, schema: BodySchema, depth: number): Line[] {
  const entries = Object.entries(body).filter(([k]) => k !== METADATA);
  const first = schema.first ?? [];
  const last = schema.last ?? [];
  const rank = (k: string) => (first.includes(k) ? 0 : last.includes(k) ? 2 : 1);
  const order = (a: string, b: string) =>
    rank(a) - rank(b) ||
    (rank(a) === 0 ? first.indexOf(a) - first.indexOf(b) : 0) ||
    (rank(a) === 2 ? last.indexOf(a) - last.indexOf(b) : 0) ||
    compare(a, b);

  const groups: Line[][] = [];
  let run: Line[] = [];
  const endRun = () => {
    if (run.length) groups.push(run);
    run = [];
  };
  const emit = (key: string, value: Json) => {
    if (!nested(schema, key, value)) {
      run.push(...argument(key, value, schema.strings(key), depth));
      return;
    }
    endRun();
    const labelled = schema.labelled?.(key);
    if (labelled && isObject(value)) {
      for (const [label, inner] of sorted(value)) {
        if (isObject(inner)) groups.push(block([key, label], inner, labelled, depth));
      }
      return;
    }
    const inner = schema.block(key, value)!;
    for (const item of (Array.isArray(value) ? value : [value]).filter(isObject)) {
      groups.push(block([key], item, inner, depth));
    }
  };
  const byRank = (r: number, blocks: boolean) =>
    entries
      .filter(([k, v]) => rank(k) === r && (r === 2 || nested(schema, k, v) === blocks))
      .sort(([a], [b]) => order(a, b));
  // Meta-arguments; arguments; nested blocks; lifecycle and depends_on: each part apart.
  for (const part of [byRank(0, false), byRank(1, false), byRank(1, true), byRank(2, false)]) {
    part.forEach(([k, v]) => emit(k, v));
    endRun();
  }
  return groups.flatMap((g, i) => (i === 0 ? g : [{ depth: -1, text: "" }, ...g]));
}

function nested(schema: BodySchema, key: string, value: Json): boolean {
  if (schema.labelled?.(key) && isObject(value)) return true;
  return schema.block(key, value) !== undefined;
}

/** `key = value`, the value on the same line or opening a multi-line list or object. */
function argument(key: string, value: Json, mode: StringMode, depth: number): Line[] {
  const [head, ...rest] = valueLines(value, mode, depth);
  const name = attributeName(key);
  if (rest.length === 0) return [{ depth, text: `${name} = ${head}`, key: name }];
  return [{ depth, text: `${name} = ${head}` }, ...rest.map((text) => ({ depth: -2, text }))];
}

/** A value's lines: the first continues the current line, the rest are indented. */
function valueLines(value: Json, mode: StringMode, depth: number): string[] {
  if (value === null) return ["null"];
  if (typeof value === "boolean" || typeof value === "number") return [String(value)];
  if (typeof value === "string") return [scalar(value, mode)];
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return ["[]"];
    const items = value.flatMap((item) => {
      const [head, ...rest] = valueLines(item, mode, depth + 1);
      const lines = [`${pad}${INDENT}${head}`, ...rest];
      lines[lines.length - 1] += ",";
      return lines;
    });
    return ["[", ...items, `${pad}]`];
  }
  const entries = sorted(value).filter(([k]) => k !== METADATA);
  if (entries.length === 0) return ["{}"];
  const lines: Line[] = entries.flatMap(([k, v]) => {
    const [head, ...rest] = valueLines(v, mode, depth + 1);
    const name = objectKey(k);
    const first: Line = { depth: depth + 1, text: `${name} = ${head}` };
    return rest.length
      ? [first, ...rest.map((text) => ({ depth: -2, text }))]
      : [{ ...first, key: name }];
  });
  return ["{", ...render(lines).split("\n"), `${pad}}`];
}

function scalar(value: string, mode: StringMode): string {
  if (mode === "literal") return literalString(value);
  if (mode === "expression") return bareExpression(value);
  return stringValue(value);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "endfor", "endif"]);

/** Argument names are identifiers; JSON keys that are not get quoted (never in practice). */
const attributeName = (key: string) => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/** Object keys: bare when an identifier, else a quoted literal (`"kubernetes.io/role"`). */
function objectKey(key: string): string {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key) ? key : literalString(key);
}

/**
 * Lines to text. Runs of single-line `key = value` lines at one depth get their
 * `=` aligned one column after the longest key, as `terraform fmt` does (any
 * other line, blank ones included, ends a run). Depth -1 is a blank line; -2 a
 * line already indented.
 */
function render(lines: readonly Line[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i].key === undefined) {
      out.push(text(lines[i]));
      i += 1;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].key !== undefined && lines[j].depth === lines[i].depth) j++;
    const width = Math.max(...lines.slice(i, j).map((l) => columns(l.key!)));
    for (const line of lines.slice(i, j)) {
      const padded = line.key! + " ".repeat(width - columns(line.key!));
      out.push(text({ depth: line.depth, text: padded + line.text.slice(line.key!.length) }));
    }
    i = j;
  }
  return out.join("\n");
}

function text(line: Line): string {
  if (line.depth === -1) return "";
  if (line.depth === -2) return line.text;
  return INDENT.repeat(line.depth) + line.text;
}

/** Columns as terraform counts them: characters, not UTF-16 units. */
const columns = (s: string) => [...s].length;

/** Code-point order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(o: JsonObject): [string, Json][] {
  return Object.entries(o)
    .filter(([k]) => k !== METADATA)
    .sort(([a], [b]) => compare(a, b));
}

// docs/configuration.md, generated from the same JSON schema as certkit.schema.json:
// every description is written once, in the zod schema's `.meta({ description })`,
// with `@default` there (or the schema's own default). `npm run schema` writes it.
import { configSchemaObject } from "./json-schema";

/** A JSON schema node, as far as this page reads it. */
interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
}

/** What a map's keys stand for in a path, by the map's key. */
const PLACEHOLDERS: Record<string, string> = {
  zones: "<apex>",
  environments: "<env>",
  certificates: "<name>",
};

/** Enums longer than this are summarized (the regions), not listed. */
const MAX_LISTED_VALUES = 8;

interface Section {
  readonly node: Node;
  /** Every path where this object appears, in the order of the page. */
  readonly paths: string[];
}

const code = (s: unknown) => `\`${typeof s === "string" ? s : JSON.stringify(s)}\``;

const isObject = (n: Node) => n.type === "object" && n.properties !== undefined;

/** The object schema a map holds, if its values are objects. */
const mapValue = (n: Node): Node | undefined =>
  n.type === "object" && typeof n.additionalProperties === "object" && !n.properties
    ? n.additionalProperties
    : undefined;

/** `description` without its `@default ...` part, and that part. */
function splitDescription(n: Node): { text: string; fallback?: string } {
  const [text, fallback] = (n.description ?? "").split(/\s*@default\s+/);
  return { text: text.trim(), fallback: fallback?.trim() };
}

/** The default as the page shows it: the description's wording wins (it may name a policy, not its id). */
function defaultOf(n: Node): string | undefined {
  const { fallback } = splitDescription(n);
  if (fallback !== undefined) return fallback.startsWith("- ") ? fallback.slice(2) : code(fallback);
  return n.default === undefined ? undefined : code(n.default);
}

function typeOf(n: Node, link: (n: Node) => string | undefined): string {
  const section = link(n);
  if (section) return section;
  if (n.anyOf) return n.anyOf.map((o) => typeOf(o, link)).join(" or ");
  if (n.enum) {
    return n.enum.length > MAX_LISTED_VALUES
      ? `one of ${n.enum.length} values, listed in certkit.schema.json`
      : `one of ${n.enum.map(code).join(", ")}`;
  }
  const value = n.items ? undefined : mapValue(n);
  if (value) return `map of ${typeOf(value, link)}`;
  if (n.type === "object" && n.additionalProperties !== false && !n.properties) {
    return "map of string";
  }
  if (n.type === "array" && n.items) {
    const min = n.minItems ? `, at least ${n.minItems}` : "";
    return `list of ${typeOf(n.items, link)}${min}`;
  }
  const limits: string[] = [];
  if (n.pattern) limits.push(`matching ${code(n.pattern)}`);
  if (n.minimum !== undefined && n.maximum !== undefined)
    limits.push(`${n.minimum} to ${n.maximum}`);
  if (n.minLength === 1 && !n.pattern) limits.push("not empty");
  else if (n.minLength && !n.pattern) limits.push(`at least ${n.minLength} characters`);
  const type = Array.isArray(n.type) ? n.type.join(" or ") : (n.type ?? "any");
  return [type, ...limits].join(", ");
}

/**
 * Every object in the schema, once, in the order a reader meets it, with the paths
 * it appears at (a shared schema, such as `alarm`, appears at several). `defaults`
 * comes last: it holds environment keys, documented under `environments` first.
 */
function collectSections(root: Node): Section[] {
  const sections = new Map<string, Section>();
  const visit = (n: Node, path: string): void => {
    for (const option of n.anyOf ?? []) visit(option, path);
    const value = mapValue(n);
    if (n.items) visit(n.items, `${path}[]`);
    else if (value) visit(value, `${path}.${PLACEHOLDERS[path.split(".").pop() ?? ""] ?? "<key>"}`);
    if (!isObject(n)) return;
    const id = JSON.stringify(n);
    const known = sections.get(id);
    if (known) {
      known.paths.push(path);
      return;
    }
    sections.set(id, { node: n, paths: [path] });
    const children = Object.entries(n.properties ?? {});
    const later = (k: string) => (path === "" && k === "defaults" ? 1 : 0);
    for (const [key, child] of children.sort(([a], [b]) => later(a) - later(b))) {
      visit(child, path ? `${path}.${key}` : key);
    }
  };
  visit(root, "");
  return [...sections.values()];
}

/** A short, unique heading per section: its last named key. */
function headings(sections: readonly Section[]): Map<Section, string> {
  const used = new Set<string>();
  const result = new Map<Section, string>();
  for (const s of sections) {
    const named = s.paths[0].split(".").filter((p) => p && !p.startsWith("<"));
    let title = (named.pop() ?? "top level").replace(/\[\]$/, " items");
    while (used.has(title)) title = `${named.pop() ?? "_"}.${title}`;
    used.add(title);
    result.set(s, title);
  }
  return result;
}

const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");

export function configurationMarkdown(): string {
  const root = configSchemaObject() as Node;
  const sections = collectSections(root);
  const titles = headings(sections);
  const byNode = new Map(sections.map((s) => [JSON.stringify(s.node), s]));
  const link = (n: Node) => {
    const s = byNode.get(JSON.stringify(n));
    return s ? `object, see [${titles.get(s)}](#${anchor(titles.get(s)!)})` : undefined;
  };
  const out: string[] = [
    "# Configuration",
    "",
    "<!-- Generated from the zod schema (config/schema.ts and the files it imports) by",
    "     `npm run schema`. Edit the descriptions there, not this page. -->",
    "",
    "certkit reads `certkit.yaml`, or the file named by `CERTKIT_CONFIG`. Every key below",
    "is checked before anything is synthesized; `certkit.schema.json`, generated from the",
    "same schema, lets editors complete and check the file. In paths, `<env>`, `<name>` and",
    "`<apex>` stand for names you choose.",
  ];
  for (const s of sections) {
    const title = titles.get(s)!;
    const [main, ...others] = s.paths;
    const { text } = splitDescription(s.node);
    out.push("", `## ${title}`, "");
    if (main) {
      out.push(
        `Path: ${code(main)}${others.length ? `; also ${others.map(code).join(", ")}` : ""}.`,
      );
    }
    if (text) out.push(...(main ? [""] : []), text);
    if (main || text) out.push("");
    const required = new Set(s.node.required ?? []);
    for (const [key, child] of Object.entries(s.node.properties ?? {})) {
      if (key === "$schema") continue;
      const facts = [typeOf(child, link)];
      if (required.has(key)) facts.push("required");
      const def = defaultOf(child);
      if (def !== undefined) facts.push(`default: ${def}`);
      // An object's own description heads its section.
      const { text: what } = byNode.has(JSON.stringify(child))
        ? { text: "" }
        : splitDescription(child);
      out.push(`- ${code(key)} (${facts.join("; ")})${what ? `: ${what}` : ""}`);
    }
  }
  return `${out.join("\n")}\n`;
}

// Which keys of a synthesized stack are blocks in HCL. Terraform JSON writes a
// nested block and an object-valued argument the same way; HCL does not
// (`options { ... }` vs `tags = { ... }`), and only the provider schema tells
// them apart. This file holds that knowledge for the providers certkit uses;
// __tests__/review/hcl-schema.test.ts checks it against the AWS provider schema.

/** How the strings of a body are read. */
export type StringMode =
  /** Terraform JSON templates: `${...}` is an expression (resources, providers, outputs). */
  | "template"
  /** Taken literally: backend settings, provider requirements, descriptions. */
  | "literal"
  /** Expressions written as strings: `provider`, `depends_on`, `ignore_changes`. */
  | "expression";

export interface BodySchema {
  /** How `key`'s string values are read. */
  strings(key: string): StringMode;
  /** The schema of `key`'s body when `key` (holding `value`) is a nested block, else undefined. */
  block(key: string, value: unknown): BodySchema | undefined;
  /** Blocks with one label, written in JSON as `{ key: { label: body } }` (`backend "s3"`). */
  labelled?(key: string): BodySchema | undefined;
  /** Arguments written first (meta-arguments), in this order. */
  readonly first?: readonly string[];
  /** Blocks and arguments written last, in this order (`lifecycle`, `depends_on`). */
  readonly last?: readonly string[];
}

/**
 * Providers built on terraform-plugin-framework: their nested objects are
 * attributes (`filter = { name = "example.com" }` on cloudflare_zone), never blocks.
 */
export const FRAMEWORK_PROVIDERS: ReadonlySet<string> = new Set(["cloudflare"]);

/**
 * Map-typed arguments of SDKv2 providers such as hashicorp/aws, where every other
 * nested object is a block. The names the kit's resources use; the schema test
 * names any key missing here.
 */
export const MAP_ARGUMENTS: ReadonlySet<string> = new Set([
  "tags",
  "tags_all",
  "dimensions",
  "input_paths",
  "header_parameters",
  "query_string_parameters",
  "path_parameter_values",
  "authentication_request_extra_params",
  "variables",
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** An object, or a list of objects (a repeated block in JSON). */
const objectLike = (v: unknown) =>
  isObject(v) || (Array.isArray(v) && v.length > 0 && v.every(isObject));

const templates = () => "template" as const;

/** Everything nested is an argument. */
export const ATTRIBUTES_ONLY = (strings: StringMode): BodySchema => ({
  strings: () => strings,
  block: () => undefined,
});

/** The body of a provider's resource, data source or provider block. */
function providerBody(provider: string): BodySchema {
  if (FRAMEWORK_PROVIDERS.has(provider)) return ATTRIBUTES_ONLY("template");
  const body: BodySchema = {
    strings: templates,
    block: (key, value) => (objectLike(value) && !MAP_ARGUMENTS.has(key) ? body : undefined),
  };
  return body;
}

const LIFECYCLE: BodySchema = {
  strings: (key) =>
    key === "ignore_changes" || key === "replace_triggered_by" ? "expression" : "template",
  block: (key) =>
    key === "precondition" || key === "postcondition" ? ATTRIBUTES_ONLY("template") : undefined,
};

const META_BLOCKS: Record<string, BodySchema> = {
  lifecycle: LIFECYCLE,
  connection: ATTRIBUTES_ONLY("template"),
  precondition: ATTRIBUTES_ONLY("template"),
  postcondition: ATTRIBUTES_ONLY("template"),
};

/** `resource "type" "name"` and `data "type" "name"`: meta-arguments, then the provider's schema. */
export function resourceSchema(type: string): BodySchema {
  const provider = type.split("_")[0];
  const own = providerBody(provider);
  return {
    strings: (key) => (key === "provider" || key === "depends_on" ? "expression" : "template"),
    block: (key, value) => {
      if (key in META_BLOCKS) return META_BLOCKS[key];
      // SDKv2 and framework resources alike declare `timeouts` as a block.
      if (key === "timeouts" && !FRAMEWORK_PROVIDERS.has(provider))
        return ATTRIBUTES_ONLY("template");
      return own.block(key, value);
    },
    first: ["count", "for_each", "provider"],
    last: ["lifecycle", "depends_on"],
  };
}

/** `provider "name"`. */
export function providerSchema(name: string): BodySchema {
  const own = providerBody(name);
  return { strings: templates, block: (k, v) => own.block(k, v) };
}

const CLOUD: BodySchema = {
  strings: () => "literal",
  block: (key) => (key === "workspaces" ? ATTRIBUTES_ONLY("literal") : undefined),
};

/** The `terraform` block: requirements, then `backend "<type>"` or `cloud`. */
export const TERRAFORM: BodySchema = {
  strings: () => "literal",
  block: (key) => {
    if (key === "required_providers") return ATTRIBUTES_ONLY("literal");
    if (key === "cloud") return CLOUD;
    return undefined;
  },
  // Backend settings are all arguments: `assume_role = { role_arn = ... }` on s3.
  labelled: (key) => (key === "backend" ? ATTRIBUTES_ONLY("literal") : undefined),
};

export const OUTPUT: BodySchema = {
  strings: (key) =>
    key === "description" ? "literal" : key === "depends_on" ? "expression" : "template",
  block: (key) => META_BLOCKS[key],
  last: ["depends_on"],
};

export const VARIABLE: BodySchema = {
  strings: (key) => (key === "type" ? "expression" : "literal"),
  block: (key) => (key === "validation" ? ATTRIBUTES_ONLY("template") : undefined),
};

export const MODULE: BodySchema = {
  strings: (key) =>
    key === "source" || key === "version"
      ? "literal"
      : key === "depends_on" || key === "providers"
        ? "expression"
        : "template",
  block: () => undefined,
  first: ["source", "version", "count", "for_each", "providers"],
  last: ["depends_on"],
};

/** `import { to = ..., id = "...", provider = ... }`: `to` and `provider` are references. */
export const IMPORT: BodySchema = {
  strings: (key) => (key === "to" || key === "provider" ? "expression" : "template"),
  block: () => undefined,
  first: ["to", "provider"],
};

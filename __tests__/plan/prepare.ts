// Turns a cdktf-synthesized stack (cdk.tf.json) into JSON that `terraform plan` can
// run with no network, no credentials and only the AWS provider from a local mirror.
import { loadPlanConfig } from "./config";
import { rewriteBareExpression, rewriteTemplate, type CodeRewriter } from "./references";

export type Json = Record<string, unknown>;

/** Stands for every value the plan JSON reports as unknown ("known after apply"). */
export const KNOWN_AFTER_APPLY = "(known after apply)";

export interface PrepareOptions {
  /** Default: plan.config.json awsVersionConstraint. */
  awsVersionConstraint?: string;
  /** Providers replaced by terraform_data stand-ins. Default: plan.config.json (cloudflare). */
  standInProviders?: string[];
  /** Extra data source types to stand in, e.g. ["aws_lb"]: AWS data sources call the API. */
  standInDataSources?: string[];
  /**
   * URL of a stand-in STS on 127.0.0.1 (sts-fake.ts): assume_role and
   * allowed_account_ids are kept, and the provider assumes the role there and reads
   * the assumed credentials' account there, as at apply. @default - both dropped
   */
  sts?: string;
}

export interface StandIn {
  /** `cloudflare_dns_record.rec` or `data.cloudflare_zone.zone` (no index). */
  original: string;
  /** `terraform_data.cloudflare_dns_record__rec` */
  address: string;
  /** Arguments that became `input` keys; references to them read `.input.<arg>`. */
  inputs: string[];
}

export interface OfflineNote {
  standIns: StandIn[];
  notes: string[];
}

const AWS_OFFLINE_SETTINGS = {
  access_key: "offline-plan",
  secret_key: "offline-plan",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  // Provider 5.x validates regions against its own list; 6.x knows newer ones.
  skip_region_validation: true,
};

// Measured with provider 5.100: with skip_requesting_account_id the account ID is
// empty, so allowed_account_ids fails every plan ("AWS account ID not allowed: ");
// assume_role* call STS and profile/shared files/token read local credentials.
const AWS_UNUSABLE_OFFLINE = [
  "allowed_account_ids",
  "assume_role",
  "assume_role_with_web_identity",
  "profile",
  "shared_credentials_files",
  "shared_config_files",
  "token",
];

// With a stand-in STS the provider calls AssumeRole (external_id, session_name), then
// GetCallerIdentity with the assumed credentials and compares that account with
// allowed_account_ids (measured with provider 5.100; "AWS account ID not allowed").
const AWS_KEPT_WITH_STS = ["allowed_account_ids", "assume_role"];
const awsStsSettings = (sts: string) => ({
  endpoints: [{ sts }],
  skip_credentials_validation: false,
  skip_requesting_account_id: false,
  // A stand-in answers at once; retrying a refusal 25 times only slows the failure.
  max_retries: 1,
});

/** Meta-arguments that keep their meaning on terraform_data; the rest become `input`. */
const KEPT_META = ["count", "for_each", "depends_on", "lifecycle"];
/** Meta-arguments that cannot follow: the provider is gone, provisioners would run on apply. */
const DROPPED_META = ["provider", "provisioner", "connection"];
/** Terraform JSON positions holding bare references (`aws_x.y`, not `${aws_x.y}`). */
const STATIC_REFERENCE_KEYS = new Set(["depends_on", "replace_triggered_by"]);

const IDENT = "[A-Za-z_][\\w-]*";
const INDEX = "\\[[^\\[\\]]*\\]";
const REFERENCE = new RegExp(
  `(?<![\\w.-])((?:data\\.)?${IDENT})\\.(${IDENT})(${INDEX})?((?:\\.${IDENT}|${INDEX})*)`,
  "g",
);
const SELF_REFERENCE = new RegExp(`(?<![\\w.-])self((?:\\.${IDENT}|${INDEX})*)`, "g");

/**
 * Pure: returns a new stack; the input is not modified. What was replaced is
 * recorded under `"//".offlinePlan` (Terraform ignores "//"); read it with offlineNote().
 */
export function prepareForOfflinePlan(stackJson: object, options: PrepareOptions = {}): Json {
  const config = loadPlanConfig();
  // A JSON round trip, not structuredClone: under jest that returns arrays of another realm.
  const stack = JSON.parse(JSON.stringify(stackJson)) as Json;
  const note: OfflineNote = { standIns: [], notes: [] };
  const standInProviders = options.standInProviders ?? config.standInProviders;
  const isStandIn = standInMatcher(standInProviders, options.standInDataSources ?? []);

  replaceWithStandIns(stack, isStandIn, note);
  rewriteReferences(stack, note.standIns);
  adjustMovedAndImports(stack, note);
  adjustTerraformBlock(stack, options.awsVersionConstraint ?? config.awsVersionConstraint, note);
  removeProviders(stack, standInProviders);
  adjustAwsProviders(stack, note, options.sts);
  moveResourceRegionsToProviders(stack, note);
  dropEmptyBlocks(stack);

  stack["//"] = { ...asObject(stack["//"]), offlinePlan: note };
  return stack;
}

/** What prepareForOfflinePlan replaced or dropped. */
export function offlineNote(prepared: object): OfflineNote {
  const note = asObject((prepared as Json)["//"]).offlinePlan as OfflineNote | undefined;
  if (!note) throw new Error("not a stack returned by prepareForOfflinePlan");
  return note;
}

/** `terraform_data` name for a stood-in resource or data source. */
export function standInName(kind: "resource" | "data", type: string, name: string): string {
  return kind === "data" ? `data_${type}__${name}` : `${type}__${name}`;
}

type StandInMatcher = (kind: "resource" | "data", type: string) => boolean;

function standInMatcher(providers: string[], dataSources: string[]): StandInMatcher {
  return (kind, type) =>
    providers.some((p) => type.startsWith(`${p}_`)) ||
    (kind === "data" && dataSources.includes(type));
}

// --- stand-ins -------------------------------------------------------------

function replaceWithStandIns(stack: Json, isStandIn: StandInMatcher, note: OfflineNote): void {
  const standIns: Json = {};
  for (const kind of ["resource", "data"] as const) {
    const blocks = asObject(stack[kind]);
    for (const [type, byName] of Object.entries(blocks)) {
      if (!isStandIn(kind, type)) continue;
      for (const [name, config] of Object.entries(asObject(byName))) {
        const original = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        const standIn = standInBlock(asObject(config), original, kind, note);
        const localName = standInName(kind, type, name);
        standIns[localName] = standIn.block;
        note.standIns.push({
          original,
          address: `terraform_data.${localName}`,
          inputs: standIn.inputs,
        });
      }
      delete blocks[type];
    }
  }
  if (Object.keys(standIns).length === 0) return;
  const resources = asObject((stack.resource ??= {}));
  resources.terraform_data = { ...asObject(resources.terraform_data), ...standIns };
}

function standInBlock(
  config: Json,
  original: string,
  kind: "resource" | "data",
  note: OfflineNote,
): { block: Json; inputs: string[] } {
  const input: Json = {};
  const block: Json = { "//": { ...asObject(config["//"]), standInFor: original } };
  for (const [key, value] of Object.entries(config)) {
    if (key === "//") continue;
    if (DROPPED_META.includes(key)) {
      if (key !== "provider") note.notes.push(`${original}: dropped ${key}`);
    } else if (KEPT_META.includes(key)) block[key] = value;
    else input[key] = value;
  }
  block.input = input;
  if (block.lifecycle !== undefined) block.lifecycle = standInLifecycle(block.lifecycle, kind);
  return { block, inputs: Object.keys(input) };
}

/** ignore_changes named the original's arguments; they now live inside `input`. */
function standInLifecycle(lifecycle: unknown, kind: "resource" | "data"): unknown {
  if (kind === "data" || Array.isArray(lifecycle)) return lifecycle;
  const result = { ...asObject(lifecycle) };
  const ignored = result.ignore_changes;
  if (Array.isArray(ignored)) {
    result.ignore_changes = ignored.map((path: unknown) =>
      typeof path === "string" && path !== "all" ? `input.${path}` : path,
    );
  }
  return result;
}

// --- references ------------------------------------------------------------

/**
 * Arguments the original was given read `.input.<arg>`: measured, terraform_data's
 * `output` is wholly unknown while planning a create, `input` keeps known values known.
 * Anything else (id, zone_id of a zone looked up by name, ...) reads the stand-in's
 * `id`: unknown at plan time, as a computed attribute of a new resource would be.
 */
function referenceRewriter(standIns: StandIn[]): CodeRewriter {
  const byOriginal = new Map(standIns.map((s) => [s.original, s]));
  const rewrite: CodeRewriter = (code) =>
    code.replace(REFERENCE, (_m, type: string, name: string, index: string = "", chain: string) => {
      const standIn = byOriginal.get(`${type}.${name}`);
      // Index expressions may hold references too: `aws_x.y[cloudflare_z.w.id]`.
      if (!standIn) return `${type}.${name}${rewrite(index + chain)}`;
      return standInReference(`${standIn.address}${rewrite(index)}`, standIn, chain);
    });
  return rewrite;
}

function selfRewriter(standIn: StandIn): CodeRewriter {
  return (code) =>
    code.replace(SELF_REFERENCE, (_m, chain: string) => standInReference("self", standIn, chain));
}

function standInReference(base: string, standIn: StandIn, chain: string): string {
  const attribute = new RegExp(`^\\.(${IDENT})`).exec(chain);
  if (!attribute) return `${base}${chain}`;
  if (standIn.inputs.includes(attribute[1])) return `${base}.input${chain}`;
  return `${base}.id`;
}

function rewriteReferences(stack: Json, standIns: StandIn[]): void {
  const rewrite = referenceRewriter(standIns);
  for (const [key, value] of Object.entries(stack)) {
    if (key !== "//" && key !== "terraform") stack[key] = rewriteValue(value, rewrite, false);
  }
  // `self` inside a stand-in's own conditions means the stand-in now.
  const blocks = asObject(asObject(stack.resource).terraform_data);
  for (const standIn of standIns) {
    const block = asObject(blocks[standIn.address.slice("terraform_data.".length)]);
    if (block.lifecycle === undefined) continue;
    block.lifecycle = rewriteValue(block.lifecycle, selfRewriter(standIn), false);
  }
}

function rewriteValue(value: unknown, rewrite: CodeRewriter, bare: boolean): unknown {
  if (typeof value === "string") {
    return bare ? rewriteBareExpression(value, rewrite) : rewriteTemplate(value, rewrite);
  }
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rewrite, bare));
  if (!isObject(value)) return value;
  const result: Json = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = key === "//" ? item : rewriteValue(item, rewrite, STATIC_REFERENCE_KEYS.has(key));
  }
  return result;
}

// --- other blocks ------------------------------------------------------------

function adjustMovedAndImports(stack: Json, note: OfflineNote): void {
  const standIns = new Map(note.standIns.map((s) => [s.original, s]));
  const rewrite = referenceRewriter(note.standIns);
  if (Array.isArray(stack.moved)) {
    stack.moved = stack.moved.map((block: Json) => ({
      ...block,
      from: rewriteBareExpression(String(block.from), rewrite),
      to: rewriteBareExpression(String(block.to), rewrite),
    }));
  }
  if (Array.isArray(stack.import)) {
    // terraform_data cannot be imported; the import only matters against real state anyway.
    stack.import = stack.import.filter((block: Json) => {
      const target = String(block.to).replace(/\[.*$/, "");
      const stoodIn = standIns.has(target);
      if (stoodIn) note.notes.push(`import into ${target} dropped`);
      return !stoodIn;
    });
  }
}

function adjustTerraformBlock(stack: Json, awsConstraint: string, note: OfflineNote): void {
  const terraform = asObject((stack.terraform ??= {}));
  for (const key of ["backend", "cloud"]) {
    if (terraform[key] === undefined) continue;
    delete terraform[key];
    note.notes.push(`terraform.${key} removed: local state in the plan's temp dir`);
  }
  const aws = asObject(terraform.required_providers).aws;
  if (!isObject(aws) || aws.version === awsConstraint) return;
  note.notes.push(`hashicorp/aws version ${String(aws.version)} -> "${awsConstraint}"`);
  aws.version = awsConstraint;
}

/** Stood-in providers leave both `provider` and `required_providers`. */
function removeProviders(stack: Json, providers: string[]): void {
  const required = asObject(asObject(stack.terraform).required_providers);
  for (const provider of providers) {
    delete asObject(stack.provider)[provider];
    delete required[provider];
  }
}

function adjustAwsProviders(stack: Json, note: OfflineNote, sts?: string): void {
  const providers = asObject(stack.provider);
  if (providers.aws === undefined) return;
  providers.aws = awsProviderBlocks(stack).map((block) => offlineAwsProvider(block, note, sts));
}

function offlineAwsProvider(block: Json, note: OfflineNote, sts?: string): Json {
  const result: Json = { ...block, ...AWS_OFFLINE_SETTINGS, ...(sts ? awsStsSettings(sts) : {}) };
  const unusable = sts
    ? AWS_UNUSABLE_OFFLINE.filter((key) => !AWS_KEPT_WITH_STS.includes(key))
    : AWS_UNUSABLE_OFFLINE;
  for (const key of unusable) {
    if (result[key] === undefined) continue;
    delete result[key];
    note.notes.push(
      `provider aws${typeof block.alias === "string" ? `.${block.alias}` : ""}: dropped ${key}`,
    );
  }
  return result;
}

/**
 * hashicorp/aws 6 takes a per-resource `region`; 5.x rejects it ("No argument or
 * block type is named region"). Plan such resources through a provider alias instead.
 */
function moveResourceRegionsToProviders(stack: Json, note: OfflineNote): void {
  const providers = asObject(stack.provider);
  if (providers.aws === undefined) return;
  const blocks = awsProviderBlocks(stack);
  for (const kind of ["resource", "data"]) {
    for (const [type, byName] of Object.entries(asObject(stack[kind]))) {
      if (!type.startsWith("aws_")) continue;
      for (const [name, block] of Object.entries(asObject(byName))) {
        const config = asObject(block);
        if (typeof config.region !== "string" || config.region.includes("${")) continue;
        config.provider = regionalProvider(blocks, config.provider, config.region);
        note.notes.push(
          `${type}.${name}: region ${config.region} -> provider ${String(config.provider)}`,
        );
        delete config.region;
      }
    }
  }
  providers.aws = blocks;
}

function regionalProvider(blocks: Json[], provider: unknown, region: string): string {
  const baseAlias = typeof provider === "string" ? provider.split(".")[1] : undefined;
  const base = blocks.find((b) => b.alias === baseAlias) ?? { ...AWS_OFFLINE_SETTINGS };
  if (base.region === region) return typeof provider === "string" ? provider : "aws";
  const alias = `${baseAlias ?? "default"}__${region.replace(/-/g, "_")}`;
  if (!blocks.some((b) => b.alias === alias)) blocks.push({ ...base, alias, region });
  return `aws.${alias}`;
}

function awsProviderBlocks(stack: Json): Json[] {
  const aws = asObject(stack.provider).aws;
  return (Array.isArray(aws) ? aws : [aws]).map(asObject);
}

/** Terraform rejects `"provider": {}` ("Missing block label") and the like. */
function dropEmptyBlocks(stack: Json): void {
  const terraform = asObject(stack.terraform);
  if (isEmptyObject(terraform.required_providers)) delete terraform.required_providers;
  for (const key of ["provider", "resource", "data", "terraform"]) {
    if (isEmptyObject(stack[key])) delete stack[key];
  }
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

// --- helpers -------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object itself (so callers can edit it in place), or an empty object. */
export function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}

// Offline `terraform plan` of synthesized stacks: the real AWS provider from a local
// mirror, dummy credentials, Cloudflare stood in by terraform_data (see prepare.ts).
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { devNull, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { Testing } from "cdktf";
import type { ResolvedConfig, ResolvedEnvironment } from "../../config/resolve";
import { EnvironmentStack } from "../../stacks/environment-stack";
import {
  ENV_KEEP_DIR,
  ENV_MIRROR,
  ENV_REQUIRE,
  ENV_TERRAFORM,
  envFlag,
  loadPlanConfig,
  mirrorCandidates,
  pluginCacheDir,
  terraformBinary,
} from "./config";
import {
  checkCloudflareResources,
  formatViolations,
  type CloudflareRuleOptions,
} from "./cloudflare-rules";
import { plannedCloudflareResources, zoneNames } from "./plan-queries";
import type {
  PlanJson,
  PlanResult,
  PlanTimings,
  PlannedResource,
  PlannedStandIn,
} from "./plan-result";
import {
  KNOWN_AFTER_APPLY,
  asObject,
  offlineNote,
  prepareForOfflinePlan,
  type Json,
  type OfflineNote,
  type PrepareOptions,
} from "./prepare";

export { KNOWN_AFTER_APPLY, offlineNote, prepareForOfflinePlan, standInName } from "./prepare";
export type { Json, OfflineNote, PrepareOptions, StandIn } from "./prepare";
export { loadPlanConfig, type PlanConfig } from "./config";
export type {
  PlanJson,
  PlanResult,
  PlanTimings,
  PlannedResource,
  PlannedStandIn,
  ResourceChange,
} from "./plan-result";

const execFileAsync = promisify(execFile);

export interface PlanEnvironment {
  /** The terraform command (CERTKIT_TF_BIN or `terraform` on PATH). */
  terraform: string;
  terraformVersion: string;
  /** Filesystem mirror holding registry.terraform.io/hashicorp/aws. */
  mirror: string;
}

export interface PlanOptions {
  /** Default: planEnvironment(), throwing if plans cannot run. */
  environment?: PlanEnvironment;
  prepare?: PrepareOptions;
  /** Values for the stack's variables (written as terraform.tfvars.json). */
  variables?: Json;
  /**
   * Cloudflare's API rules (cloudflare-rules.ts) over each stack's stand-ins: a
   * violation fails the plan; `false` returns the plan unchecked.
   * @default - checked, zones known from their lookups only
   */
  cloudflare?: CloudflareCheck | false;
}

export interface CloudflareCheck extends CloudflareRuleOptions {
  /** Zone id -> apex, for zones the stack names by id (a config's `zoneId`s). */
  readonly zoneNames?: Record<string, string>;
}

// --- environment -----------------------------------------------------------------

/** Where terraform and the AWS provider are, or why plans cannot run here. */
export function planEnvironment(): PlanEnvironment | string {
  const terraform = findTerraform();
  const mirror = findMirror();
  if (typeof terraform !== "string" && typeof mirror !== "string")
    return { ...terraform, ...mirror };
  return [terraform, mirror].filter((reason) => typeof reason === "string").join("; ");
}

function findTerraform(): Pick<PlanEnvironment, "terraform" | "terraformVersion"> | string {
  const terraform = terraformBinary();
  const run = spawnSync(terraform, ["version", "-json"], {
    encoding: "utf8",
    env: terraformEnv(devNull),
    timeout: 30_000,
  });
  if (run.status === 0) {
    return {
      terraform,
      terraformVersion: (JSON.parse(run.stdout) as { terraform_version: string }).terraform_version,
    };
  }
  const why = run.error ? run.error.message : `exit ${run.status}: ${run.stderr.trim()}`;
  const source = process.env[ENV_TERRAFORM]
    ? `${ENV_TERRAFORM}=${terraform}`
    : "`terraform` on PATH";
  return `terraform not usable (${source}: ${why}); install it or set ${ENV_TERRAFORM}=/path/to/terraform`;
}

function findMirror(): Pick<PlanEnvironment, "mirror"> | string {
  const candidates = mirrorCandidates();
  const mirror = candidates.find(holdsAwsProvider);
  if (mirror) return { mirror };
  const source = process.env[ENV_MIRROR] ? ENV_MIRROR : "plan.config.json providerMirrorCandidates";
  return (
    `no provider mirror holding registry.terraform.io/hashicorp/aws in ${candidates.join(", ")} ` +
    `(from ${source}); set ${ENV_MIRROR}=<dir>, filled where the registry is reachable with ` +
    "`terraform providers mirror -platform=<os_arch> <dir>`"
  );
}

function holdsAwsProvider(dir: string): boolean {
  try {
    return readdirSync(join(dir, "registry.terraform.io", "hashicorp", "aws")).length > 0;
  } catch {
    return false;
  }
}

// --- jest integration ---------------------------------------------------------------

const warned = new Set<string>();

/**
 * describe() for tests that run real plans. Where terraform or the mirror is missing
 * the tests are skipped with a loud warning, or fail when CI or CERTKIT_REQUIRE_PLAN
 * is set (a CI lane that silently plans nothing would prove nothing).
 */
export function describePlan(name: string, fn: (environment: PlanEnvironment) => void): void {
  const environment = planEnvironment();
  describe(name, () => {
    jest.setTimeout(loadPlanConfig().timeoutsSeconds.test * 1000);
    if (typeof environment !== "string") return fn(environment);
    if (envFlag("CI") || envFlag(ENV_REQUIRE)) {
      test("terraform plan prerequisites", () => {
        throw new Error(`${environment} (plans are required: CI or ${ENV_REQUIRE} is set)`);
      });
      return;
    }
    warnOnce(environment);
    test.skip(`terraform plan unavailable: ${environment}`, () => undefined);
  });
}

function warnOnce(reason: string): void {
  if (warned.has(reason)) return;
  warned.add(reason);
  const bar = "!".repeat(78);
  console.warn(
    `${bar}\nSKIPPING real terraform plan tests: ${reason}\n` +
      `Set ${ENV_REQUIRE}=1 (CI does) to make this a failure.\n${bar}`,
  );
}

// --- planning -------------------------------------------------------------------------

/** Prepares the stack (prepareForOfflinePlan), then init, plan and show in a temp dir. */
export async function planStack(stackJson: object, options: PlanOptions = {}): Promise<PlanResult> {
  const environment = options.environment ?? requireEnvironment();
  const prepared = prepareForOfflinePlan(stackJson, options.prepare);
  const files: Record<string, Json> = { "main.tf.json": prepared };
  if (options.variables) files["terraform.tfvars.json"] = options.variables;
  const { json, timings } = await runPlan(files, environment);
  const named = asObject(asObject(asObject(stackJson)["//"]).metadata).stackName;
  const stackName = typeof named === "string" ? named : "stack";
  const plan = planResult(json, prepared, timings);
  return checkedForCloudflare({ [stackName]: plan }, options.cloudflare)[stackName];
}

/** An environment's stack synthesized in a fresh app, as planStack takes it. */
export function environmentStackJson(environment: ResolvedEnvironment): object {
  return JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), { environment }))) as object;
}

/**
 * Plans the first environment of `config`; planStack checks the Cloudflare stand-ins
 * against the API's rules, zones given by id too.
 */
export function planFirstEnvironment(
  config: ResolvedConfig,
  prepare?: PrepareOptions,
): Promise<PlanResult> {
  return planStack(environmentStackJson(config.environments[0]), {
    prepare,
    cloudflare: { zoneNames: zoneNames(config.zones) },
  });
}

export interface BatchPlanOptions extends Omit<PlanOptions, "variables"> {
  /** Variable values per stack name (passed as module arguments). */
  variables?: Record<string, Json>;
}

/**
 * Plans several stacks in ONE terraform run, each as a child module: every plan or
 * show pays ~3-5 s loading the AWS provider schema, a second stack adds about 1 s.
 * Results look like planStack()'s: addresses without the `module.<name>.` prefix;
 * `json` and `timings` are the whole batch's. Child modules may not hold import
 * blocks, so those are dropped; their outputs are not in the plan.
 */
export async function planStacks(
  stacks: Record<string, object>,
  options: BatchPlanOptions = {},
): Promise<Record<string, PlanResult>> {
  const environment = options.environment ?? requireEnvironment();
  const files: Record<string, Json> = {};
  const modules: Json = {};
  const prepared: Record<string, Json> = {};
  for (const [name, stack] of Object.entries(stacks)) {
    if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new Error(`not a module name: ${name}`);
    prepared[name] = withoutImports(prepareForOfflinePlan(stack, options.prepare));
    files[`${name}/main.tf.json`] = prepared[name];
    modules[name] = { source: `./${name}`, ...options.variables?.[name] };
  }
  files["main.tf.json"] = { module: modules };
  const { json, timings } = await runPlan(files, environment);
  // Checked per stack: a batch may hold several configurations (examples.plan.test.ts
  // checks the stacks of one configuration together).
  const plans = Object.fromEntries(
    Object.keys(stacks).map((name) => [
      name,
      planResult(moduleScope(json, name), prepared[name], timings),
    ]),
  );
  return checkedForCloudflare(plans, options.cloudflare);
}

/**
 * The plans, once each stack's Cloudflare stand-ins pass Cloudflare's API rules. Each
 * stack alone: a batch may hold several configurations (examples.plan.test.ts checks
 * the stacks of one configuration together).
 */
function checkedForCloudflare(
  plans: Record<string, PlanResult>,
  check: CloudflareCheck | false = {},
): Record<string, PlanResult> {
  if (check === false) return plans;
  const violations = Object.entries(plans).flatMap(([stack, plan]) =>
    checkCloudflareResources(plannedCloudflareResources(plan, stack, check.zoneNames), check),
  );
  if (violations.length === 0) return plans;
  throw new Error(
    `Cloudflare would refuse at apply what this plan holds:\n${formatViolations(violations)}\n` +
      "(the rules and their sources: __tests__/plan/cloudflare-rules.ts)",
  );
}

function withoutImports(prepared: Json): Json {
  if (!Array.isArray(prepared.import) || prepared.import.length === 0) return prepared;
  offlineNote(prepared).notes.push("import blocks dropped: only the root module may hold them");
  const { import: _dropped, ...rest } = prepared;
  return rest;
}

/** The plan as one stack would see it: its resources, addresses without the module. */
function moduleScope(json: PlanJson, name: string): PlanJson {
  const prefix = `module.${name}.`;
  const changes = (json.resource_changes ?? [])
    .filter((r) => r.module_address === `module.${name}`)
    .map(({ module_address: _module, ...r }) => ({
      ...r,
      address: r.address.slice(prefix.length),
    }));
  return { ...json, resource_changes: changes };
}

function requireEnvironment(): PlanEnvironment {
  const environment = planEnvironment();
  if (typeof environment === "string") throw new Error(`cannot plan: ${environment}`);
  return environment;
}

/** Writes `files` (paths relative to a fresh temp dir), then init, plan, show -json. */
async function runPlan(
  files: Record<string, Json>,
  environment: PlanEnvironment,
): Promise<{ json: PlanJson; timings: PlanTimings }> {
  return limitConcurrency(async () => {
    const timeouts = loadPlanConfig().timeoutsSeconds;
    const dir = await mkdtemp(join(tmpdir(), "certkit-plan-"));
    try {
      const cliConfig = await writeWorkingDir(dir, files, environment);
      const run = (args: string[], seconds: number) =>
        runTerraform(environment.terraform, dir, cliConfig, args, seconds);
      const start = performance.now();
      await withInitLock(() => run(["init", "-input=false", "-no-color"], timeouts.init));
      const planned = performance.now();
      await run(PLAN_ARGS, timeouts.plan);
      const shown = performance.now();
      const shownJson = await run(["show", "-json", "-no-color", "plan.bin"], timeouts.show);
      const json = JSON.parse(shownJson) as PlanJson;
      const end = performance.now();
      const timings = {
        initMs: Math.round(planned - start),
        planMs: Math.round(shown - planned),
        showMs: Math.round(end - shown),
        totalMs: Math.round(end - start),
      };
      return { json, timings };
    } finally {
      if (envFlag(ENV_KEEP_DIR)) console.info(`kept plan working directory ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  });
}

// No state exists, so refreshing has nothing to read; data sources are still read.
const PLAN_ARGS = ["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"];

/** Writes the files and the CLI config; returns the CLI config's path. */
async function writeWorkingDir(
  dir: string,
  files: Record<string, Json>,
  environment: PlanEnvironment,
): Promise<string> {
  const cache = pluginCacheDir();
  await mkdir(cache, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(content, null, 2));
  }
  const cliConfig = join(dir, "cli.tfrc");
  await writeFile(cliConfig, cliConfigText(environment.mirror, cache));
  return cliConfig;
}

/** Only the mirror is an installation source, so terraform never tries the network. */
export function cliConfigText(mirror: string, cacheDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    "  }",
    "}",
    `plugin_cache_dir = ${JSON.stringify(cacheDir)}`,
    "",
  ].join("\n");
}

const CREDENTIAL_ENV = /^(AWS_|CLOUDFLARE_|TF_)/;
const KEPT_TF_ENV = new Set(["TF_LOG", "TF_LOG_CORE", "TF_LOG_PROVIDER", "TF_LOG_PATH"]);

/**
 * The caller's environment minus anything that could reach a real account (AWS_*,
 * CLOUDFLARE_*) or change terraform's behaviour (TF_*, except logging).
 */
export function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!CREDENTIAL_ENV.test(key) || KEPT_TF_ENV.has(key)) env[key] = value;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    // Keep the SDK from reading ~/.aws even where the provider block would let it.
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

async function runTerraform(
  terraform: string,
  dir: string,
  cliConfig: string,
  args: string[],
  timeoutSeconds: number,
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(terraform, args, {
      cwd: dir,
      env: terraformEnv(cliConfig),
      timeout: timeoutSeconds * 1000,
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    throw terraformError(args, timeoutSeconds, error);
  }
}

function terraformError(args: string[], timeoutSeconds: number, error: unknown): Error {
  const e = error as { killed?: boolean; code?: number | string; stderr?: string; stdout?: string };
  const command = `terraform ${args.join(" ")}`;
  const what = e.killed ? `timed out after ${timeoutSeconds}s` : `failed (exit ${e.code})`;
  // terraform writes diagnostics to stderr; init writes some to stdout.
  const output = [e.stderr, e.stdout].filter(Boolean).join("\n").trim();
  const hint = `(set ${ENV_KEEP_DIR}=1 to keep the working directory)`;
  return new Error(`${command} ${what} ${hint}:\n${output || String(error)}`);
}

// --- concurrency ----------------------------------------------------------------------

let active = 0;
const waiting: Array<() => void> = [];

/**
 * A plan peaks at ~1.5 GB (terraform ~0.6 GB, AWS provider ~1 GB) and loading the
 * provider schema is CPU-bound: cap how many run at once (planStacks batches instead).
 */
async function limitConcurrency<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= loadPlanConfig().maxConcurrentPlans) {
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  active += 1;
  try {
    return await fn();
  } finally {
    active -= 1;
    waiting.shift()?.();
  }
}

const LOCK_POLL_MS = 200;
const STALE_LOCK_MS = 10 * 60 * 1000;

/**
 * The plugin cache is not safe for concurrent writers (terraform's docs say so), and
 * jest runs test files in several processes: a mkdir lock serializes init. Init only
 * links from the cache, so waiting costs well under a second per plan.
 */
async function withInitLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(pluginCacheDir(), ".certkit-init.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await removeIfStale(lock);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function removeIfStale(lock: string): Promise<void> {
  const info = await stat(lock).catch(() => undefined);
  if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS)
    await rm(lock, { recursive: true, force: true });
}

// --- results --------------------------------------------------------------------------

function planResult(json: PlanJson, prepared: Json, timings: PlanTimings): PlanResult {
  const resources = (json.resource_changes ?? []).map(
    (r): PlannedResource => ({
      ...r,
      values: withUnknowns(r.change.after ?? {}, r.change.after_unknown) as Json,
    }),
  );
  const note = offlineNote(prepared);
  return {
    json,
    prepared,
    note,
    timings,
    resources: () => resources,
    byType: (type) => resources.filter((r) => r.type === type),
    standIns: (originalType) => plannedStandIns(resources, note, originalType),
  };
}

function plannedStandIns(
  resources: PlannedResource[],
  note: OfflineNote,
  originalType: string,
): PlannedStandIn[] {
  const result: PlannedStandIn[] = [];
  for (const standIn of note.standIns.filter((s) => s.original.startsWith(`${originalType}.`))) {
    const name = standIn.address.slice("terraform_data.".length);
    for (const r of resources.filter((x) => x.type === "terraform_data" && x.name === name)) {
      const index = r.index === undefined ? "" : `[${JSON.stringify(r.index)}]`;
      result.push({
        original: `${standIn.original}${index}`,
        address: r.address,
        input: (r.values.input ?? {}) as Json,
      });
    }
  }
  return result;
}

/** Merges a plan's `after` with its `after_unknown` mask. */
export function withUnknowns(after: unknown, unknown: unknown): unknown {
  if (unknown === true) return KNOWN_AFTER_APPLY;
  // A mask of only `false`s (or `{}` for a null block) adds nothing.
  if (!hasUnknown(unknown)) return after;
  if (Array.isArray(unknown)) {
    const items = Array.isArray(after) ? after : [];
    const length = Math.max(items.length, unknown.length);
    return Array.from({ length }, (_, i) => withUnknowns(items[i], unknown[i]));
  }
  const base = typeof after === "object" && after !== null ? (after as Json) : {};
  const result: Json = { ...base };
  for (const [key, mask] of Object.entries(unknown as Json)) {
    const value = withUnknowns(base[key], mask);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function hasUnknown(mask: unknown): boolean {
  if (mask === true) return true;
  if (typeof mask !== "object" || mask === null) return false;
  return Object.values(mask).some(hasUnknown);
}

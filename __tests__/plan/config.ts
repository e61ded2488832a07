// Settings of the offline plan harness: plan.config.json, overridable from the environment.
import { readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, isAbsolute, join } from "node:path";

export interface PlanConfig {
  /** Directories tried in order; the first holding registry.terraform.io/hashicorp/aws wins. */
  providerMirrorCandidates: string[];
  /** Replaces the stack's pinned hashicorp/aws version (the mirror may hold an older one). */
  awsVersionConstraint: string;
  /** Relative to os.tmpdir() unless absolute; shared by every plan so init only links. */
  pluginCacheDir: string;
  /** Providers whose resources and data sources become terraform_data stand-ins. */
  standInProviders: string[];
  /** A plan peaks at ~1.5 GB and is CPU-bound; more than this wait their turn. */
  maxConcurrentPlans: number;
  timeoutsSeconds: { init: number; plan: number; show: number; test: number };
}

export const ENV_MIRROR = "CERTKIT_TF_PROVIDER_MIRROR";
export const ENV_TERRAFORM = "CERTKIT_TF_BIN";
export const ENV_REQUIRE = "CERTKIT_REQUIRE_PLAN";
export const ENV_KEEP_DIR = "CERTKIT_PLAN_KEEP";

let cached: PlanConfig | undefined;

export function loadPlanConfig(): PlanConfig {
  cached ??= validate(
    JSON.parse(readFileSync(join(__dirname, "plan.config.json"), "utf8")) as Partial<PlanConfig>,
  );
  return cached;
}

function validate(raw: Partial<PlanConfig>): PlanConfig {
  const missing = [
    "providerMirrorCandidates",
    "awsVersionConstraint",
    "pluginCacheDir",
    "standInProviders",
    "maxConcurrentPlans",
    "timeoutsSeconds",
  ].filter((key) => !(key in raw));
  if (missing.length > 0) throw new Error(`plan.config.json lacks: ${missing.join(", ")}`);
  return raw as PlanConfig;
}

/** `~/x` -> home directory; everything else unchanged. */
export function expandHome(dir: string): string {
  return dir === "~" || dir.startsWith("~/") ? join(homedir(), dir.slice(1)) : dir;
}

/** Mirror candidates: the environment variable (a PATH-style list) replaces the config's. */
export function mirrorCandidates(config = loadPlanConfig()): string[] {
  const fromEnv = process.env[ENV_MIRROR];
  const list = fromEnv ? fromEnv.split(delimiter).filter(Boolean) : config.providerMirrorCandidates;
  return list.map(expandHome);
}

export function terraformBinary(): string {
  return process.env[ENV_TERRAFORM] || "terraform";
}

export function pluginCacheDir(config = loadPlanConfig()): string {
  const dir = expandHome(config.pluginCacheDir);
  return isAbsolute(dir) ? dir : join(tmpdir(), dir);
}

/** "", "0" and "false" count as unset, as CI systems sometimes export CI=false. */
export function envFlag(name: string): boolean {
  const value = (process.env[name] ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

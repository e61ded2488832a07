// Helpers of the review tests: the bundled configs, a review built in-process,
// Markdown tables as data, and terraform when it is installed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { loadConfigFile, loadConfigText } from "../../config/load";
import type { ResolvedConfig } from "../../config/resolve";
import type { JsonObject } from "../../review/hcl";
import { SynthesizedStack, synthesizeStacks } from "../../review/synthesize";
import { Review, buildReview } from "../../review/write-review";

export const ROOT = join(__dirname, "..", "..");

/** `certkit review <args>` as users run it, in `cwd`, reading `config` (relative to `cwd`). */
export function runReview(cwd: string, config: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "certkit.js"), "review", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CERTKIT_CONFIG: config },
  });
}

/** certkit.yaml and every examples/<scenario>/certkit.yaml, relative to the project root. */
export function bundledConfigs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name === "certkit.yaml") found.push(relative(ROOT, path));
    }
  };
  if (existsSync(join(ROOT, "examples"))) walk(join(ROOT, "examples"));
  return ["certkit.yaml", ...found.sort()];
}

export interface Reviewed {
  readonly config: ResolvedConfig;
  readonly stacks: SynthesizedStack[];
  readonly review: Review;
}

const cache = new Map<string, Reviewed>();

/** The review of a bundled config (relative path), built once per test file. */
export function reviewOfFile(file: string): Reviewed {
  let r = cache.get(file);
  if (!r) {
    const { config } = loadConfigFile(join(ROOT, file));
    const stacks = synthesizeStacks(config);
    r = { config, stacks, review: buildReview({ config, stacks }) };
    cache.set(file, r);
  }
  return r;
}

/** The review of a config given as YAML text. */
export function reviewOfText(text: string): Reviewed {
  const { config } = loadConfigText(text);
  const stacks = synthesizeStacks(config);
  return { config, stacks, review: buildReview({ config, stacks }) };
}

export function stackJson(stacks: readonly SynthesizedStack[], name: string): JsonObject {
  const stack = stacks.find((s) => s.name === name);
  if (!stack) throw new Error(`no stack ${name}: ${stacks.map((s) => s.name).join(", ")}`);
  return stack.json;
}

/**
 * The tables of a Markdown page by the heading above them: rows of cells, the
 * header row first. A two-column table also reads as field -> value.
 */
export function tablesByHeading(markdown: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  let heading = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
    if (!line.startsWith("|")) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, "|"));
    if (cells.every((c) => /^-+$/.test(c))) continue;
    const rows = tables.get(heading) ?? [];
    rows.push(cells);
    tables.set(heading, rows);
  }
  return tables;
}

/** A field -> value table under `heading`. */
export function fieldTable(markdown: string, heading: string): Record<string, string> {
  const rows = tablesByHeading(markdown).get(heading);
  if (!rows) throw new Error(`no table under "${heading}"`);
  return Object.fromEntries(rows.slice(1).map(([k, v]) => [k, v]));
}

/** Whether `terraform` runs here. */
export const TERRAFORM_INSTALLED =
  spawnSync("terraform", ["version"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" } })
    .status === 0;

/** `test` where terraform runs, else `test.skip`: the report then shows what was not checked. */
export const testWithTerraform: jest.It = TERRAFORM_INSTALLED ? test : test.skip;

/** `terraform fmt -check -`: true when the text is already formatted. */
export function fmtClean(hcl: string): boolean {
  const run = spawnSync("terraform", ["fmt", "-check", "-no-color", "-"], {
    input: hcl,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (run.status !== 0 && run.status !== 3) throw new Error(`terraform fmt failed: ${run.stderr}`);
  return run.status === 0;
}

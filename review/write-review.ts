// The review folder's files from a config and its synthesized stacks, and
// writing them. `buildReview` is pure given its formatter.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { ResolvedConfig } from "../config/resolve";
import type { Baseline } from "./baseline";
import { stackToHcl } from "./hcl";
import { ReviewLayout, STACKS_DIR, STACK_MAIN, hclFile } from "./layout";
import { MANIFEST_FILE, manifestCertificates, manifestText } from "./manifest";
import { CertificateChanges, certificateChanges } from "./replacements";
import { EnvironmentReview, GENERATED_MARK, environmentMarkdown, indexMarkdown } from "./summary";
import type { SynthesizedStack } from "./synthesize";

/** Where `npm run review` writes unless told otherwise; not ignored by git, so it can be committed. */
export const DEFAULT_OUT_DIR = "certkit-review";

export interface ReviewInput {
  readonly config: ResolvedConfig;
  readonly stacks: readonly SynthesizedStack[];
  /** What replacements are computed against; none: nothing is reported replaced. */
  readonly baseline?: Baseline;
  /** The config's warnings, listed in index.md. */
  readonly warnings?: readonly string[];
  /** Formats a file's HCL (`terraform fmt`); the HCL is already in that form, so identity works. */
  readonly format?: (hcl: string) => string;
  /** Where each stack's HCL goes: `<stack>.tf` (`flat`, the default) or `stacks/<stack>/main.tf`. */
  readonly layout?: ReviewLayout;
}

export interface Review {
  /** Path in the review folder (with `/`) -> contents, paths sorted. */
  readonly files: ReadonlyMap<string, string>;
  readonly changes: CertificateChanges;
}

export function buildReview(input: ReviewInput): Review {
  const format = input.format ?? ((hcl: string) => hcl);
  const layout = input.layout ?? "flat";
  const current = manifestCertificates(input.config, input.stacks);
  const changes = input.baseline
    ? certificateChanges(input.baseline.certificates, current)
    : { replaced: [], removed: [] };

  const envNames = input.config.environments.map((e) => e.name);
  const stacksOf = new Map<string, string[]>(envNames.map((n) => [n, []]));
  const shared: string[] = [];
  for (const s of input.stacks) {
    const env = environmentOf(s.name, envNames);
    if (env) stacksOf.get(env)!.push(s.name);
    else shared.push(s.name);
  }

  // The baseline of the next review, whatever this one compared with.
  const files = new Map<string, string>([
    [
      MANIFEST_FILE,
      manifestText(
        input.stacks.map((s) => s.name),
        current,
      ),
    ],
  ]);
  for (const s of input.stacks) {
    const header = [
      GENERATED_MARK,
      `Stack "${s.name}": the resources \`cdktf deploy ${s.name}\` applies from cdktf.out/stacks/${s.name}/cdk.tf.json.`,
    ];
    // The same bytes in either layout: a folder of the `stacks` layout is the stack as it is,
    // backend included (docs/terraform-cloud.md says why the `cloud` block stays).
    files.set(hclFile(s.name, layout), format(stackToHcl(s.json, header)));
  }
  const environments: EnvironmentReview[] = input.config.environments.map((environment) => {
    const stacks = stacksOf.get(environment.name)!;
    const own = (c: { stack: string }) => stacks.includes(c.stack);
    const envChanges = {
      replaced: changes.replaced.filter(own),
      removed: changes.removed.filter(own),
    };
    const changed = envChanges.replaced.length + envChanges.removed.length > 0;
    return {
      environment,
      stacks,
      changes: envChanges,
      sharedStacks: shared,
      layout,
      ...(changed && input.baseline ? { baseline: input.baseline.description } : {}),
    };
  });
  for (const r of environments) files.set(`${r.environment.name}.md`, environmentMarkdown(r));
  files.set(
    "index.md",
    indexMarkdown({
      config: input.config,
      environments,
      sharedStacks: shared,
      warnings: input.warnings ?? [],
      layout,
    }),
  );
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), changes };
}

/** The environment a stack belongs to: `prod` for `prod` and `prod-ingress`; undefined for `zones`. */
export function environmentOf(stack: string, environments: readonly string[]): string | undefined {
  if (environments.includes(stack)) return stack;
  return environments
    .filter((e) => stack.startsWith(`${e}-`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * Writes the files into `dir` (creating `stacks/<stack>/` as needed) and
 * deletes generated files of an earlier run that are no longer produced: a
 * removed environment, or the other layout's HCL. Other files stay; a stack
 * folder left empty goes.
 */
export function writeReviewFiles(dir: string, files: ReadonlyMap<string, string>): void {
  try {
    writeFiles(dir, files);
  } catch (e) {
    throw outputError(dir, e as NodeJS.ErrnoException);
  }
}

/** The review folder cannot be written: the message says why and what to do. */
export class ReviewOutputError extends Error {}

/**
 * Checks, before any work, that the review folder can be written (or created):
 * an unwritable `--out` fails fast with a clear message, and nothing is created.
 */
export function prepareOutputFolder(dir: string): void {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    if (!statSync(at).isDirectory()) {
      // Named as the user wrote --out: relative stays relative.
      const path = isAbsolute(dir) ? at : relative(process.cwd(), at);
      throw Object.assign(new Error(`${path} is a file`), { code: "EEXIST", path });
    }
    accessSync(at, constants.W_OK);
  } catch (e) {
    throw outputError(dir, e as NodeJS.ErrnoException);
  }
}

function outputError(dir: string, e: NodeJS.ErrnoException): ReviewOutputError {
  const at = e.path ?? dir;
  const fix = "Fix: choose another folder with --out <dir>";
  const why: Record<string, string> = {
    EACCES: `permission denied at ${at}. ${fix}, or make it writable`,
    EPERM: `permission denied at ${at}. ${fix}, or make it writable`,
    EROFS: `${at} is on a read-only file system. ${fix}`,
    ENOTDIR: `a part of ${at} is a file, not a folder. ${fix}, or move that file away`,
    EEXIST: `${at} is a file, not a folder. ${fix}, or move that file away`,
    EISDIR: `${at} is a folder where the review writes a file. ${fix}, or move that folder away`,
    ENOSPC: `no space left on the device holding ${at}. Fix: free some space, or ${fix.slice(5)}`,
  };
  return new ReviewOutputError(
    `cannot write the review to ${dir}: ${why[e.code ?? ""] ?? `${e.message}. ${fix}`}.`,
  );
}

function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const name of generatedFiles(dir)) {
    if (files.has(name)) continue;
    const firstLine = readFileSync(join(dir, name), "utf8").split("\n", 1)[0];
    if (!firstLine.includes(GENERATED_MARK)) continue;
    unlinkSync(join(dir, name));
    removeIfEmpty(join(dir, dirname(name)), dir);
  }
  for (const [name, text] of files) {
    mkdirSync(join(dir, dirname(name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** What an earlier run may have written: `*.tf` and `*.md` in `dir`, `stacks/<stack>/main.tf`. */
function generatedFiles(dir: string): string[] {
  const files = (d: string) =>
    readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  const stacksDir = join(dir, STACKS_DIR);
  const stackFolders = existsSync(stacksDir)
    ? readdirSync(stacksDir, { withFileTypes: true }).filter((e) => e.isDirectory())
    : [];
  return [
    ...files(dir).filter((name) => /\.(tf|md)$/.test(name)),
    ...stackFolders
      .filter((e) => files(join(stacksDir, e.name)).includes(STACK_MAIN))
      .map((e) => `${STACKS_DIR}/${e.name}/${STACK_MAIN}`),
  ];
}

/** Removes `folder` and then its parents up to (not including) `root` while they are empty. */
function removeIfEmpty(folder: string, root: string): void {
  const top = resolve(root);
  for (let d = resolve(folder); d.startsWith(`${top}${sep}`); d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}

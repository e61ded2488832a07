// What the review compares with: the config at a git ref, or the manifest
// (certkit-review.json) of an earlier review.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadConfigText } from "../config/load";
import { STACKS_DIR, STACK_MAIN } from "./layout";
import { MANIFEST_FILE, parseManifest } from "./manifest";
import { CertificateIdentity, certificatesInConfig } from "./replacements";

/** The baseline cannot be read: the message says why. */
export class BaselineError extends Error {}

export interface Baseline {
  /** Said in the summary when something is replaced: "git ref `main`". */
  readonly description: string;
  readonly certificates: CertificateIdentity[];
}

/** The certificates of `configFile` as committed at `ref` (`git show <ref>:<file>`). */
export function baselineFromGit(ref: string, configFile: string, cwd = process.cwd()): Baseline {
  const path = isAbsolute(configFile) ? relative(cwd, configFile) : configFile;
  const show = spawnSync("git", ["show", `${ref}:./${path.split("\\").join("/")}`], {
    cwd,
    encoding: "utf8",
  });
  if (show.error) throw new BaselineError(`--base ${ref}: cannot run git: ${show.error.message}`);
  if (show.status !== 0) {
    const known =
      spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd }).status ===
      0;
    const fix = known
      ? `Fix: give a ref whose commit has ${path}, or --no-compare when the config is new since ${ref}.`
      : `Fix: give a branch, tag or commit this repository has (a shallow CI checkout needs it fetched first: git fetch origin ${ref}), or --no-compare.`;
    throw new BaselineError(
      `--base ${ref}: git show ${ref}:${path} failed: ${show.stderr.trim().replace(/\.?$/, ".")} ${fix}`,
    );
  }
  const { config } = loadConfigText(show.stdout, `${path} at ${ref}`);
  return {
    description: `\`${path}\` at git ref \`${ref}\``,
    certificates: certificatesInConfig(config),
  };
}

/**
 * How the summary names a `--previous` folder: relative to the project root
 * (the working directory), with `/`, so that the same review gives the same
 * bytes on every machine; a folder outside the project is not named at all.
 */
export function previousReviewLabel(dir: string, root = process.cwd()): string {
  const path = relative(resolve(root), resolve(root, dir));
  if (path === "") return "the review in the project root";
  if (path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) {
    return "the review given with `--previous` (a folder outside the project)";
  }
  return `the review in \`${path.split(sep).join("/")}\``;
}

/**
 * The certificates of the earlier review in `dir`, from its manifest; undefined
 * when `dir` holds no review (the first run). `previous`: `dir` was named with
 * `--previous` (and the messages say so). A review without a manifest (written by certkit before
 * it wrote one) or a manifest that cannot be read is an error: comparing with
 * nothing would hide a replacement.
 */
export function baselineFromFolder(
  dir: string,
  label: string,
  previous = false,
): Baseline | undefined {
  const file = join(dir, MANIFEST_FILE);
  const name = previous ? `--previous ${dir}` : dir;
  const fix = previous
    ? `Fix: write that review again with this certkit (npm run review -- --no-compare --out ${dir}, at the commit it reviews), or compare with the config at a git ref (--base <ref>) instead.`
    : `Fix: run the review once without comparing (npm run review -- --no-compare --out ${dir}), which writes ${MANIFEST_FILE} for the next run, or compare with the config at a git ref (--base <ref>).`;
  if (!existsSync(file)) {
    if (!holdsReviewHcl(dir)) return undefined;
    throw new BaselineError(
      `${name}: holds a review without ${MANIFEST_FILE}, written by an earlier version of certkit, so there is nothing to compare the certificates with. ${fix}`,
    );
  }
  let read: ReturnType<typeof parseManifest>;
  try {
    read = parseManifest(readFileSync(file, "utf8"));
  } catch (e) {
    read = { problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (!Array.isArray(read)) {
    throw new BaselineError(`${name}: ${MANIFEST_FILE} ${read.problem}. ${fix}`);
  }
  return { description: label, certificates: read };
}

/** Whether `dir` holds review HCL in either layout (`<stack>.tf`, `stacks/<stack>/main.tf`). */
function holdsReviewHcl(dir: string): boolean {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  if (readdirSync(dir).some((f) => f.endsWith(".tf"))) return true;
  const stacksDir = join(dir, STACKS_DIR);
  return (
    existsSync(stacksDir) &&
    readdirSync(stacksDir).some((stack) => existsSync(join(stacksDir, stack, STACK_MAIN)))
  );
}

/**
 * The baseline `--previous <dir>` names. Asked for by name, it must be there: a
 * missing or empty folder (a typo, a CI step that did not check out the base
 * branch) would otherwise silently skip the replacement check.
 */
export function baselineFromPrevious(dir: string, root = process.cwd()): Baseline {
  const fix =
    "Fix: give the folder of an earlier review (such as the base branch's certkit-review/), or --no-compare to review without the replacement check.";
  if (!existsSync(dir)) throw new BaselineError(`--previous ${dir}: no such folder. ${fix}`);
  if (!statSync(dir).isDirectory()) {
    throw new BaselineError(`--previous ${dir}: is a file, not a folder. ${fix}`);
  }
  const baseline = baselineFromFolder(dir, previousReviewLabel(dir, root), true);
  if (!baseline) {
    throw new BaselineError(
      `--previous ${dir}: holds no review (${MANIFEST_FILE}), so there is nothing to compare with. ${fix}`,
    );
  }
  return baseline;
}

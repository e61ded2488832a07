// What the review compares with: the config at a git ref, or the HCL files of
// an earlier review.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadConfigText } from "../config/load";
import { STACKS_DIR, STACK_MAIN } from "./layout";
import { CertificateIdentity, certificatesInConfig, certificatesInHcl } from "./replacements";

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
    throw new BaselineError(`--base ${ref}: git show ${ref}:${path} failed: ${show.stderr.trim()}`);
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
 * The certificates in the HCL files of an earlier review, in either layout
 * (`<stack>.tf`, `stacks/<stack>/main.tf`); undefined when there are none.
 */
export function baselineFromFolder(dir: string, label: string): Baseline | undefined {
  if (!existsSync(dir)) return undefined;
  const byStack = new Map<string, string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".tf"))) {
    byStack.set(f.slice(0, -".tf".length), join(dir, f));
  }
  const stacksDir = join(dir, STACKS_DIR);
  if (existsSync(stacksDir)) {
    for (const stack of readdirSync(stacksDir)) {
      const main = join(stacksDir, stack, STACK_MAIN);
      if (existsSync(main)) byStack.set(stack, main);
    }
  }
  if (byStack.size === 0) return undefined;
  return {
    description: label,
    certificates: [...byStack]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([stack, file]) => certificatesInHcl(stack, readFileSync(file, "utf8"))),
  };
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
  const baseline = baselineFromFolder(dir, previousReviewLabel(dir, root));
  if (!baseline) {
    throw new BaselineError(
      `--previous ${dir}: holds no review HCL (<stack>.tf, or stacks/<stack>/main.tf), so there is nothing to compare with. ${fix}`,
    );
  }
  return baseline;
}

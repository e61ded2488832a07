// `certkit review [<dir>] [--layout flat|stacks] [--base <git-ref> | --previous <dir> | --no-compare] [--no-terraform]`
// (also `npm run review`): synthesizes every stack and writes the reviewable files
// (see docs/review.md).
import { formatIssue } from "../config/issues";
import { loadConfigFile } from "../config/load";
import {
  Baseline,
  baselineFromFolder,
  baselineFromGit,
  baselineFromPrevious,
} from "../review/baseline";
import { externalRecords } from "../review/external-records";
import { LAYOUTS, ReviewLayout, isLayout } from "../review/layout";
import { MANIFEST_FILE } from "../review/manifest";
import { isUnsafe } from "../review/replacements";
import { removalLine, replacementLine } from "../review/summary";
import { synthesizeStacks } from "../review/synthesize";
import { terraformFmt } from "../review/terraform-fmt";
import {
  DEFAULT_OUT_DIR,
  buildReview,
  prepareOutputFolder,
  writeReviewFiles,
} from "../review/write-review";

export const REVIEW_USAGE = `usage: certkit review [<dir> | --out <dir>] [--layout flat|stacks] [--base <git-ref> | --previous <dir> | --no-compare] [--no-terraform]
  <dir>, --out    where to write <stack>.tf, <environment>.md, index.md and ${MANIFEST_FILE} (default ${DEFAULT_OUT_DIR}/)
  --layout <l>    flat: <stack>.tf side by side (default); stacks: stacks/<stack>/main.tf, one folder per stack
  --base <ref>    report replacements against the config committed at <ref> (git show <ref>:<config>)
  --previous <d>  ... against the ${MANIFEST_FILE} of an earlier review in <d> (default: the output folder's, if any)
  --no-compare    report no replacements: compare with nothing
  --no-terraform  format with the built-in formatter even when terraform is on the PATH`;

interface Options {
  out: string;
  layout: ReviewLayout;
  base?: string;
  previous?: string;
  compare: boolean;
  terraform: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { out: DEFAULT_OUT_DIR, layout: "flat", compare: true, terraform: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i] ?? "";
    if (a === "--help" || a === "-h") return REVIEW_USAGE;
    else if (a === "--out") o.out = value();
    else if (a === "--layout") {
      const layout = value();
      if (!isLayout(layout))
        return `--layout takes ${LAYOUTS.join(" or ")}, not "${layout}"\n${REVIEW_USAGE}`;
      o.layout = layout;
    } else if (a === "--base") o.base = value();
    else if (a === "--previous") o.previous = value();
    else if (a === "--no-compare") o.compare = false;
    else if (a === "--no-terraform") o.terraform = false;
    else if (!a.startsWith("-")) o.out = a;
    else return `unknown option ${a}\n${REVIEW_USAGE}`;
  }
  if (!o.out || o.base === "" || o.previous === "") return `missing value\n${REVIEW_USAGE}`;
  if ([o.base, o.previous, o.compare ? undefined : true].filter((x) => x !== undefined).length > 1)
    return `--base, --previous and --no-compare exclude each other\n${REVIEW_USAGE}`;
  return o;
}

/** Runs the review; returns the exit code. Config and baseline errors are thrown to the CLI. */
export function review(args: string[], file: string): number {
  const started = performance.now();
  const options = parseArgs(args);
  if (typeof options === "string") {
    if (options === REVIEW_USAGE) console.log(options);
    else console.error(options);
    return options === REVIEW_USAGE ? 0 : 2;
  }
  // The review reads Terraform JSON; this switch would make cdktf write HCL instead.
  delete process.env.SYNTH_HCL_OUTPUT;

  const loaded = loadConfigFile(file);
  const { config } = loaded;
  // As synthesis prints them: key path, line, message.
  const warnings = loaded.warnings.map(formatIssue);
  for (const w of warnings) console.warn(`Warning: ${w}`);
  const out = options.out.replace(/\/+$/, "") || ".";
  // Before the work and the default baseline (which reads it): an unusable folder fails fast.
  prepareOutputFolder(options.out);
  const baseline: Baseline | undefined = !options.compare
    ? undefined
    : options.base
      ? baselineFromGit(options.base, file)
      : options.previous
        ? baselineFromPrevious(options.previous)
        : baselineFromFolder(options.out, "the previous review");

  let formatter = "built-in formatter";
  const format = (hcl: string) => {
    const formatted = options.terraform ? terraformFmt(hcl) : undefined;
    if (formatted !== undefined) formatter = "terraform fmt";
    return formatted ?? hcl;
  };
  const review = buildReview({
    config,
    stacks: synthesizeStacks(config),
    baseline,
    warnings,
    format,
    layout: options.layout,
  });
  writeReviewFiles(options.out, review.files);

  const { replaced, removed } = review.changes;
  console.log(
    `Wrote ${review.files.size} files to ${out}/: ${[...review.files.keys()].join(", ")} (HCL: ${formatter}).`,
  );
  if (!options.compare) console.log("Replacements not checked (--no-compare).");
  else if (!baseline)
    console.log("No earlier review or --base: nothing to compare replacements with.");
  else if (replaced.length + removed.length === 0)
    console.log(`No certificate is replaced or removed (compared with ${baseline.description}).`);
  else {
    console.log(`Compared with ${baseline.description}:`);
    for (const r of replaced) console.log(`  WARNING: ${replacementLine(r)}`);
    for (const c of removed) console.log(`  WARNING: ${removalLine(c)}`);
  }
  const byHand = config.environments
    .map((e) => ({ env: e.name, count: externalRecords(e).length }))
    .filter((e) => e.count > 0);
  if (byHand.length) {
    console.log(
      `Records certkit cannot write (external DNS host), to create by hand: ${byHand
        .map((e) => `${e.count} for ${e.env} (${out}/${e.env}.md, Deploying)`)
        .join(", ")}.`,
    );
  }
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const unsafe = replaced.filter(isUnsafe);
  if (unsafe.length) {
    console.error(
      `${unsafe.length} replaced certificate(s) without create_before_destroy: ` +
        "a listener still using the old one would block its deletion; fix before deploying.",
    );
    return 1;
  }
  return 0;
}

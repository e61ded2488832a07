// Two machines, one config: `npm run review` run from a copy of the project in
// another directory (another absolute path, another working directory, the
// built-in formatter instead of terraform fmt) writes byte-identical files, in
// either layout, the baseline manifest (certkit-review.json) included.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers";

/** Not needed to run the review, or output of earlier runs. */
const NOT_COPIED = new Set([
  "node_modules",
  "dist",
  "cdktf.out",
  ".git",
  "coverage",
  ".tmp",
  "certkit-review",
  "__tests__",
  "bench",
  "examples",
]);

const scratch = mkdtempSync(join(tmpdir(), "certkit-determinism-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function review(projectDir: string, cwd: string, out: string, ...flags: string[]): string {
  const run = spawnSync(
    process.execPath,
    [join(projectDir, "bin", "certkit.js"), "review", "--out", out, ...flags],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, CERTKIT_CONFIG: join(projectDir, "certkit.yaml") },
    },
  );
  if (run.status !== 0) throw new Error(`review failed in ${cwd}:\n${run.stderr}`);
  return run.stdout;
}

/** Every file below `dir` by its path relative to `dir` (with `/`). */
function files(dir: string, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e): [string, string][] =>
        e.isDirectory()
          ? Object.entries(files(join(dir, e.name), `${prefix}${e.name}/`))
          : [[`${prefix}${e.name}`, readFileSync(join(dir, e.name), "utf8")]],
      ),
  );
}

/** "Another machine": the project copied to another path, with its own bundle; made once. */
let copy: string | undefined;
function projectCopy(): string {
  if (copy) return copy;
  copy = join(scratch, "elsewhere", "certkit");
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (src) => !NOT_COPIED.has(src.slice(ROOT.length + 1).split(/[\\/]/)[0]),
  });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

const LAYOUTS: [string, string[], string[]][] = [
  ["flat", [], ["certkit-review.json", "index.md", "prod.tf", "prod.md"]],
  [
    "stacks",
    ["--layout", "stacks"],
    ["certkit-review.json", "index.md", "stacks/prod/main.tf", "prod.md"],
  ],
];

describe.each(LAYOUTS)("the %s layout", (layout, flags, expected) => {
  test("a copy of the project elsewhere writes the same bytes, with either formatter", () => {
    // Here: the project as it is, run from an unrelated working directory.
    const here = join(scratch, `${layout}-a`);
    review(ROOT, scratch, here, ...flags);

    // The copy, run from its own root with the built-in formatter.
    const there = join(projectCopy(), `out-${layout}`);
    review(projectCopy(), projectCopy(), `out-${layout}`, "--no-terraform", ...flags);

    const a = files(here);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(expected));
    expect(files(there)).toEqual(a);
  }, 120_000);

  test("running it again over its own output changes nothing", () => {
    const dir = join(scratch, `${layout}-again`);
    review(ROOT, scratch, dir, ...flags);
    const first = files(dir);
    const stdout = review(ROOT, scratch, dir, ...flags);
    expect(files(dir)).toEqual(first);
    expect(stdout).toContain(
      "No certificate is replaced or removed (compared with the previous review).",
    );
  }, 120_000);
});

// `npm run review` given a baseline or an output folder it cannot use: a clear
// message, the documented exit code (docs/review.md), no stack trace, nothing written.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BaselineError, baselineFromPrevious } from "../../review/baseline";
import {
  ReviewOutputError,
  prepareOutputFolder,
  writeReviewFiles,
} from "../../review/write-review";
import { ROOT, runReview } from "./helpers";

const scratch = mkdtempSync(join(tmpdir(), "certkit-review-errors-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NO_PREVIOUS_FIX =
  "Fix: give the folder of an earlier review (such as the base branch's certkit-review/), or --no-compare to review without the replacement check.";

describe("--previous", () => {
  it("fails when the folder does not exist", () => {
    const dir = join(scratch, "no-such-review");
    expect(() => baselineFromPrevious(dir)).toThrow(
      new BaselineError(`--previous ${dir}: no such folder. ${NO_PREVIOUS_FIX}`),
    );
  });

  it("fails when it names a file", () => {
    const file = join(scratch, "review.tf");
    writeFileSync(file, "");
    expect(() => baselineFromPrevious(file)).toThrow(
      new BaselineError(`--previous ${file}: is a file, not a folder. ${NO_PREVIOUS_FIX}`),
    );
  });

  it("fails when the folder holds no review", () => {
    const dir = join(scratch, "empty-review");
    mkdirSync(dir);
    writeFileSync(join(dir, "index.md"), "# not HCL\n");
    expect(() => baselineFromPrevious(dir)).toThrow(
      new BaselineError(
        `--previous ${dir}: holds no review (certkit-review.json), so there is nothing to compare with. ${NO_PREVIOUS_FIX}`,
      ),
    );
  });
});

/** A regular file: no one can create a folder there or below it, not even root. */
let blockers = 0;
function blocked(): string {
  const file = join(scratch, `blocker-${++blockers}`);
  writeFileSync(file, "");
  return file;
}

describe("--out", () => {
  it("fails when a part of the path is a file, creating nothing", () => {
    const file = blocked();
    const out = join(file, "review", "here");
    expect(() => prepareOutputFolder(out)).toThrow(
      new ReviewOutputError(
        `cannot write the review to ${out}: ${file} is a file, not a folder. Fix: choose another folder with --out <dir>, or move that file away.`,
      ),
    );
  });

  it("accepts a folder that does not exist yet, without creating it", () => {
    const out = join(scratch, "new", "review");
    prepareOutputFolder(out);
    expect(existsSync(join(scratch, "new"))).toBe(false);
  });

  it("fails when writing meets a file where a folder goes", () => {
    const file = blocked();
    const out = join(file, "review");
    expect(() => writeReviewFiles(out, new Map([["index.md", "x"]]))).toThrow(
      new ReviewOutputError(
        `cannot write the review to ${out}: a part of ${out} is a file, not a folder. Fix: choose another folder with --out <dir>, or move that file away.`,
      ),
    );
  });

  it("fails when the folder is a file", () => {
    const out = blocked();
    expect(() => writeReviewFiles(out, new Map([["index.md", "x"]]))).toThrow(
      new ReviewOutputError(
        `cannot write the review to ${out}: ${out} is a file, not a folder. Fix: choose another folder with --out <dir>, or move that file away.`,
      ),
    );
  });
});

/** The review command as users run it. */
const review = (...args: string[]) => runReview(ROOT, "certkit.yaml", ...args);

describe("the command", () => {
  it("exits 1 with the message and writes nothing when --previous is missing", () => {
    const out = join(scratch, "out-previous");
    const previous = join(scratch, "missing");
    const run = review("--out", out, "--previous", previous);
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: `--previous ${previous}: no such folder. ${NO_PREVIOUS_FIX}\n`,
      stdout: "",
    });
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with the message, no stack trace, when --out cannot be written", () => {
    const file = blocked();
    const out = join(file, "review");
    const run = review("--out", out, "--no-compare");
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: `cannot write the review to ${out}: ${file} is a file, not a folder. Fix: choose another folder with --out <dir>, or move that file away.\n`,
      stdout: "",
    });
  });

  it("exits 1 with the message when --out is a file, before reading a baseline there", () => {
    const out = blocked();
    const run = review("--out", out, "--no-terraform");
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: `cannot write the review to ${out}: ${out} is a file, not a folder. Fix: choose another folder with --out <dir>, or move that file away.\n`,
      stdout: "",
    });
  });

  it("exits 2 when --no-compare comes with --previous", () => {
    const run = review("--no-compare", "--previous", scratch);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      "--base, --previous and --no-compare exclude each other",
    );
  });
});

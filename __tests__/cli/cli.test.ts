// The command line itself: help, unknown commands, config errors; never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certkit } from "./run";

// The first run may bundle the command line (a few seconds).
jest.setTimeout(60_000);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "certkit-cli-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USAGE_HEAD =
  "usage: certkit <command> [options]   (certkit <command> --help for its options)";

it("lists its commands with --help, exit 0", async () => {
  const run = await certkit(["--help"], dir);
  expect(run).toMatchObject({ status: 0, stderr: "" });
  expect(run.stdout.split("\n")[0]).toBe(USAGE_HEAD);
  expect(run.stdout).toMatch(/^ {2}review +synthesize every stack/m);
});

it("fails on an unknown command with the list, exit 2", async () => {
  const run = await certkit(["deploy"], dir);
  expect(run.status).toBe(2);
  expect(run.stderr.split("\n").slice(0, 2)).toEqual([
    'certkit: unknown command "deploy".',
    USAGE_HEAD,
  ]);
});

it("prints a command's usage with --help, exit 0", async () => {
  const run = await certkit(["review", "--help"], dir);
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")[0]).toMatch(/^usage: certkit review /);
});

it("reports a missing config file as a config error, exit 1, no stack trace", async () => {
  const run = await certkit(["review"], dir);
  expect(run).toEqual({
    status: 1,
    stdout: "",
    stderr:
      "certkit.yaml: 1 problem, nothing was synthesized:\n  - (top level): does not exist. Fix: create it, or point CERTKIT_CONFIG at your config file.\n",
  });
});

it("says nothing was written for a command that does not synthesize", async () => {
  writeFileSync(join(dir, "broken.yaml"), "environments: {}\n");
  for (const command of ["adopt", "check"]) {
    const run = await certkit([command, "prod"], dir, { CERTKIT_CONFIG: "broken.yaml" });
    expect(run).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "broken.yaml: 1 problem, nothing was written:\n  - environments (line 1, column 15): defines no environment. Fix: add one, such as `prod:` with its certificates.\n",
    });
  }
});

it("reads the file named by CERTKIT_CONFIG", async () => {
  writeFileSync(join(dir, "other.yaml"), "environments: {}\n");
  const run = await certkit(["review"], dir, { CERTKIT_CONFIG: "other.yaml" });
  expect(run).toEqual({
    status: 1,
    stdout: "",
    stderr:
      "other.yaml: 1 problem, nothing was synthesized:\n  - environments (line 1, column 15): defines no environment. Fix: add one, such as `prod:` with its certificates.\n",
  });
});

it("refuses adopt and check without an environment, or with an unknown one, exit 2", async () => {
  writeFileSync(
    join(dir, "certkit.yaml"),
    "cloudflare: { zones: { example.com: {} } }\nenvironments: { prod: { region: eu-west-1, certificates: {} } }\n",
  );
  const none = await certkit(["adopt"], dir);
  expect([none.status, none.stderr.split("\n")[0]]).toEqual([
    2,
    "certkit adopt: name an environment.",
  ]);
  const unknown = await certkit(["check", "staging"], dir);
  expect(unknown).toEqual({
    status: 2,
    stdout: "",
    stderr:
      'certkit check: certkit.yaml has no environment "staging" (it has: prod). Fix: name one of those, or add environments.staging to certkit.yaml.\n',
  });
  const option = await certkit(["adopt", "prod", "--force"], dir);
  expect([option.status, option.stderr.split("\n")[0]]).toEqual([
    2,
    "certkit adopt: unknown option --force.",
  ]);
});

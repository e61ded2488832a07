// Replacement warnings: a change of names or key algorithm replaces a certificate;
// anything else does not. Baselines: an earlier review folder, or a git ref.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baselineFromFolder, baselineFromGit } from "../../review/baseline";
import { stackToHcl } from "../../review/hcl";
import {
  CertificateIdentity,
  certificateChanges,
  certificatesInHcl,
  certificatesInStack,
  replacementReasons,
} from "../../review/replacements";
import { buildReview, writeReviewFiles } from "../../review/write-review";
import { ROOT, fieldTable, reviewOfText, stackJson } from "./helpers";

const cert = (domains: string[], keyAlgorithm = "RSA_2048"): CertificateIdentity => ({
  stack: "prod",
  name: "web",
  domains,
  keyAlgorithm,
});

describe("what forces a replacement", () => {
  test("a name added", () => {
    expect(
      replacementReasons(cert(["a.example.com"]), cert(["a.example.com", "b.example.com"])),
    ).toEqual(["names added: b.example.com"]);
  });

  test("a name removed, and a new primary name", () => {
    expect(
      replacementReasons(cert(["a.example.com", "b.example.com"]), cert(["c.example.com"])),
    ).toEqual(["primary name a.example.com -> c.example.com", "names removed: b.example.com"]);
  });

  test("the key algorithm", () => {
    expect(
      replacementReasons(cert(["a.example.com"]), cert(["a.example.com"], "EC_prime256v1")),
    ).toEqual(["key algorithm RSA_2048 -> EC_prime256v1"]);
  });

  test("no change: the same names in another order (after the primary) and case", () => {
    expect(
      replacementReasons(
        cert(["a.example.com", "b.example.com", "c.example.com"]),
        cert(["A.example.com", "c.example.com", "b.example.com"]),
      ),
    ).toEqual([]);
  });
});

const v1 = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web: { domains: [example.com, "*.example.com"] }
      api: { domains: [api.example.com] }
      old: { domains: [old.example.com] }
`;
const v2 = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web: { domains: [example.com, "*.example.com", shop.example.com] }
      api: { domains: [api.example.com], keyAlgorithm: EC_prime256v1 }
`;

describe("against an earlier review folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-review-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const before = reviewOfText(v1);
  writeReviewFiles(dir, before.review.files);
  const after = reviewOfText(v2);
  const baseline = baselineFromFolder(dir, "the previous review")!;
  const review = buildReview({ config: after.config, stacks: after.stacks, baseline });

  test("the HCL reads back as the certificates the JSON holds", () => {
    const prod = stackJson(before.stacks, "prod");
    expect(certificatesInHcl("prod", stackToHcl(prod))).toEqual(certificatesInStack("prod", prod));
  });

  test("lists names and key algorithm changes, each covered by create_before_destroy, and removals", () => {
    expect(review.changes).toEqual({
      replaced: [
        {
          stack: "prod",
          name: "api",
          reasons: ["key algorithm RSA_2048 -> EC_prime256v1"],
          createBeforeDestroy: true,
        },
        {
          stack: "prod",
          name: "web",
          reasons: ["names added: shop.example.com"],
          createBeforeDestroy: true,
        },
      ],
      removed: [
        { stack: "prod", name: "old", domains: ["old.example.com"], keyAlgorithm: "RSA_2048" },
      ],
    });
  });

  test("the summary warns, and marks the certificate's row", () => {
    const page = review.files.get("prod.md")!;
    expect(page).toContain(
      "> - `prod` certificate `web` is **replaced** (names added: shop.example.com); create_before_destroy is set: " +
        "the new certificate is issued before the old one is deleted.",
    );
    expect(page).toContain("> - `prod` certificate `old` (old.example.com) is **removed**");
    expect(fieldTable(page, "Certificate `api`").Replacement).toBe(
      "**replaced**: key algorithm RSA_2048 -> EC_prime256v1; create_before_destroy: yes",
    );
    expect(review.files.get("index.md")).toContain("Compared with the previous review:");
  });

  test("no change: nothing listed, and the pages say so", () => {
    const same = buildReview({ config: before.config, stacks: before.stacks, baseline });
    expect(same.changes).toEqual({ replaced: [], removed: [] });
    expect(same.files.get("prod.md")).toContain(
      "## Replacements\n\nNo certificate is replaced or removed.",
    );
  });
});

test("a replaced certificate without create_before_destroy is flagged", () => {
  const { stacks } = reviewOfText(v2);
  const prod = JSON.parse(JSON.stringify(stackJson(stacks, "prod")));
  delete prod.resource.aws_acm_certificate.web.lifecycle;
  const changes = certificateChanges(
    [cert(["example.com", "*.example.com"])],
    certificatesInStack("prod", prod),
    new Map([["prod", prod]]),
  );
  expect(changes.replaced).toEqual([
    {
      stack: "prod",
      name: "web",
      reasons: ["names added: shop.example.com"],
      createBeforeDestroy: false,
    },
  ]);
});

describe("against a git ref", () => {
  const repo = mkdtempSync(join(tmpdir(), "certkit-review-git-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => {
    const r = spawnSync("git", args, { cwd: repo, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  };
  git("init", "-q");
  writeFileSync(join(repo, "certkit.yaml"), v1);
  git("add", "certkit.yaml");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1");
  writeFileSync(join(repo, "certkit.yaml"), v2);

  test("--base reads the config committed at the ref", () => {
    const baseline = baselineFromGit("HEAD", "certkit.yaml", repo);
    expect(baseline.description).toBe("`certkit.yaml` at git ref `HEAD`");
    expect(
      baseline.certificates.map((c) => `${c.name}: ${c.domains.join(" ")} ${c.keyAlgorithm}`),
    ).toEqual([
      "web: example.com *.example.com RSA_2048",
      "api: api.example.com RSA_2048",
      "old: old.example.com RSA_2048",
    ]);
  });

  test("npm run review -- --base HEAD prints the warnings and writes them into the summary", () => {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, "scripts", "ts.js"),
        "scripts/review.ts",
        "--base",
        "HEAD",
        "--out",
        "out",
        "--no-terraform",
      ],
      { cwd: repo, encoding: "utf8", env: { ...process.env, CERTKIT_CONFIG: "certkit.yaml" } },
    );
    // Config warnings (certificates not attached, nobody notified) are expected on stderr.
    expect({ status: run.status, stderr: run.stderr.replace(/^Warning: .*\n/gm, "") }).toEqual({
      status: 0,
      stderr: "",
    });
    expect(run.stdout).toContain("Compared with `certkit.yaml` at git ref `HEAD`:");
    expect(run.stdout).toContain(
      "WARNING: `prod` certificate `api` is **replaced** (key algorithm RSA_2048 -> EC_prime256v1); create_before_destroy is set",
    );
    expect(readFileSync(join(repo, "out", "prod.md"), "utf8")).toContain(
      "> Compared with `certkit.yaml` at git ref `HEAD`:",
    );
  });

  test("a ref git does not know is an error that says so", () => {
    expect(() => baselineFromGit("no-such-ref", "certkit.yaml", repo)).toThrow(
      /--base no-such-ref: git show/,
    );
  });
});

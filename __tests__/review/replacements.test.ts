// Replacement warnings: a change of names, key algorithm or region replaces a
// certificate; anything else does not. A region move is not covered by
// create_before_destroy. Baselines: an earlier review folder, or a git ref.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { loadConfigText } from "../../config/load";
import {
  BaselineError,
  baselineFromFolder,
  baselineFromGit,
  previousReviewLabel,
} from "../../review/baseline";
import { JsonObject } from "../../review/hcl";
import {
  MANIFEST_FILE,
  manifestCertificates,
  manifestText,
  parseManifest,
} from "../../review/manifest";
import {
  CertificateIdentity,
  ManifestCertificate,
  certificateChanges,
  certificatesInConfig,
  certificatesInStack,
  isUnsafe,
  replacementReasons,
} from "../../review/replacements";
import { buildReview, writeReviewFiles } from "../../review/write-review";
import { fieldTable, reviewOfText, runReview, stackJson } from "./helpers";

const cert = (
  domains: string[],
  keyAlgorithm = "RSA_2048",
  region?: string,
): CertificateIdentity => ({
  stack: "prod",
  name: "web",
  domains,
  keyAlgorithm,
  ...(region ? { region } : {}),
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

  test("the region", () => {
    expect(
      replacementReasons(
        cert(["a.example.com"], "RSA_2048", "eu-west-1"),
        cert(["a.example.com"], "RSA_2048", "us-east-1"),
      ),
    ).toEqual(["region eu-west-1 -> us-east-1"]);
  });

  test("no region change when one side does not say (an old review)", () => {
    expect(
      replacementReasons(cert(["a.example.com"]), cert(["a.example.com"], "RSA_2048", "us-east-1")),
    ).toEqual([]);
  });

  test("no change: the same names in another order (after the primary) and case", () => {
    expect(
      replacementReasons(
        cert(["a.example.com", "b.example.com", "c.example.com"]),
        cert(["A.example.com", "c.example.com", "b.example.com"]),
      ),
    ).toEqual([]);
  });

  test("the issuer: a public certificate made private, or another private CA", () => {
    const ca = (id: string) =>
      `arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/${id}-0000-4000-8000-000000000000`;
    const issuedBy = (arn?: string) => ({
      ...cert(["a.example.com"]),
      ...(arn ? { certificateAuthorityArn: arn } : {}),
    });
    expect([
      replacementReasons(issuedBy(), issuedBy(ca("11111111"))),
      replacementReasons(issuedBy(ca("11111111")), issuedBy(ca("22222222"))),
      replacementReasons(issuedBy(ca("11111111")), issuedBy(ca("11111111"))),
    ]).toEqual([
      [`issuer public (DNS validation) -> private CA ${ca("11111111")}`],
      [`issuer private CA ${ca("11111111")} -> private CA ${ca("22222222")}`],
      [],
    ]);
  });

  test("the config, the synthesized JSON and the manifest agree on a private certificate's CA", () => {
    const arn =
      "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    const { config, stacks } = reviewOfText(`
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      wiki: { domains: [wiki.example.com], certificateAuthorityArn: "${arn}" }
`);
    const ca = (cs: readonly CertificateIdentity[]) => cs.map((c) => c.certificateAuthorityArn);
    expect([
      ca(certificatesInConfig(config)),
      ca(certificatesInStack("prod", stackJson(stacks, "prod"))),
      ca(manifestCertificates(config, stacks)),
      ca(
        parseManifest(
          manifestText(["prod"], manifestCertificates(config, stacks)),
        ) as ManifestCertificate[],
      ),
    ]).toEqual([[arn], [arn], [arn], [arn]]);
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

  test("the manifest reads back as the certificates the JSON holds, with create_before_destroy", () => {
    const read = parseManifest(
      readFileSync(join(dir, MANIFEST_FILE), "utf8"),
    ) as ManifestCertificate[];
    const prod = stackJson(before.stacks, "prod");
    expect(read).toEqual(
      certificatesInStack("prod", prod)
        .map((c) => ({ ...c, createBeforeDestroy: true }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    expect(read).toEqual(baseline.certificates);
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
        {
          stack: "prod",
          name: "old",
          domains: ["old.example.com"],
          keyAlgorithm: "RSA_2048",
          region: "eu-west-1",
        },
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
  const prod = JSON.parse(JSON.stringify(stackJson(stacks, "prod"))) as JsonObject & {
    resource: { aws_acm_certificate: { web: { lifecycle?: unknown } } };
  };
  delete prod.resource.aws_acm_certificate.web.lifecycle;
  const { config } = reviewOfText(v2);
  const changes = certificateChanges(
    [cert(["example.com", "*.example.com"])],
    manifestCertificates(config, [{ name: "prod", json: prod }]),
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
      baseline.certificates.map(
        (c) => `${c.name}: ${c.domains.join(" ")} ${c.keyAlgorithm} ${c.region}`,
      ),
    ).toEqual([
      "web: example.com *.example.com RSA_2048 eu-west-1",
      "api: api.example.com RSA_2048 eu-west-1",
      "old: old.example.com RSA_2048 eu-west-1",
    ]);
  });

  test("npm run review -- --base HEAD prints the warnings and writes them into the summary", () => {
    const run = runReview(repo, "certkit.yaml", "--base", "HEAD", "--out", "out", "--no-terraform");
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
      new BaselineError(
        "--base no-such-ref: git show no-such-ref:certkit.yaml failed: fatal: invalid object name 'no-such-ref'. Fix: give a branch, tag or commit this repository has (a shallow CI checkout needs it fetched first: git fetch origin no-such-ref), or --no-compare.",
      ),
    );
  });

  test("a ref without the config is an error that says so", () => {
    writeFileSync(join(repo, "new.yaml"), v1);
    expect(() => baselineFromGit("HEAD", "new.yaml", repo)).toThrow(
      new BaselineError(
        "--base HEAD: git show HEAD:new.yaml failed: fatal: path 'new.yaml' exists on disk, but not in 'HEAD'. Fix: give a ref whose commit has new.yaml, or --no-compare when the config is new since HEAD.",
      ),
    );
  });
});

// `cdn` moves from the environment's region to us-east-1 (CloudFront attached);
// `dev` moves from eu-west-1 to eu-central-1 (the environment's region); `web` stays.
const r1 = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web: { domains: [example.com] }
      cdn:
        domains: [cdn.example.com]
        attach: { alb: { dnsName: lb-1.eu-west-1.elb.amazonaws.com } }
        hostnames: [cdn.example.com]
  dev:
    certificates:
      api: { domains: [api.dev.example.com] }
`;
const r2 = r1
  .replace(
    "attach: { alb: { dnsName: lb-1.eu-west-1.elb.amazonaws.com } }",
    "attach: { cloudfront: { origin: assets.example.com } }",
  )
  .replace("  dev:\n    certificates:", "  dev:\n    region: eu-central-1\n    certificates:");

describe("a certificate that moves to another region", () => {
  const before = reviewOfText(r1);
  const after = reviewOfText(r2);
  const dir = mkdtempSync(join(tmpdir(), "certkit-review-region-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeReviewFiles(dir, before.review.files);
  const review = buildReview({
    config: after.config,
    stacks: after.stacks,
    baseline: baselineFromFolder(dir, "the previous review")!,
  });
  test("the config, the synthesized JSON and the manifest agree on every certificate's region", () => {
    const byAddress = (list: CertificateIdentity[]) =>
      [...list].sort((a, b) => (`${a.stack}/${a.name}` < `${b.stack}/${b.name}` ? -1 : 1));
    const fromJson = after.stacks.flatMap((s) => certificatesInStack(s.name, s.json));
    const fromManifest = (
      parseManifest(after.review.files.get(MANIFEST_FILE)!) as ManifestCertificate[]
    ).map(({ stack, name, domains, keyAlgorithm, region }) => ({
      stack,
      name,
      domains,
      keyAlgorithm,
      region,
    }));
    expect(byAddress(fromJson).map((c) => `${c.stack}/${c.name} ${c.region}`)).toEqual([
      "dev/api eu-central-1",
      "prod/cdn us-east-1",
      "prod/web eu-west-1",
    ]);
    expect(byAddress(fromManifest)).toEqual(byAddress(fromJson));
    expect(byAddress(certificatesInConfig(after.config))).toEqual(byAddress(fromJson));
  });

  test("is a replacement that create_before_destroy covers, from an earlier review", () => {
    expect(review.changes).toEqual({
      replaced: [
        {
          stack: "dev",
          name: "api",
          reasons: ["region eu-west-1 -> eu-central-1"],
          createBeforeDestroy: true,
        },
        {
          stack: "prod",
          name: "cdn",
          reasons: ["region eu-west-1 -> us-east-1"],
          createBeforeDestroy: true,
        },
      ],
      removed: [],
    });
    expect(review.changes.replaced.some(isUnsafe)).toBe(false);
  });

  test("... and from the config at a git ref", () => {
    const { config } = loadConfigText(r1);
    const current = manifestCertificates(after.config, after.stacks);
    expect(certificateChanges(certificatesInConfig(config), current)).toEqual(review.changes);
  });

  test("the warning and the row name the region change and confirm create_before_destroy", () => {
    const page = review.files.get("prod.md")!;
    expect(page).toContain(
      "> - `prod` certificate `cdn` is **replaced** (region eu-west-1 -> us-east-1); " +
        "create_before_destroy is set: the new certificate is issued before the old one is deleted.",
    );
    expect(fieldTable(page, "Certificate `cdn`").Replacement).toBe(
      "**replaced**: region eu-west-1 -> us-east-1; create_before_destroy: yes",
    );
    expect(fieldTable(page, "Certificate `web`").Replacement).toBe("no");
    expect(review.files.get("index.md")).toContain(
      "> - `dev` certificate `api` is **replaced** (region eu-west-1 -> eu-central-1); create_before_destroy is set",
    );
  });

  test("npm run review -- --previous <absolute dir> names the folder relative to the project", () => {
    const project = join(dir, "project");
    const previous = join(project, "reviews", "before");
    mkdirSync(previous, { recursive: true });
    writeFileSync(join(project, "certkit.yaml"), r2);
    writeReviewFiles(previous, before.review.files);
    const run = runReview(
      project,
      "certkit.yaml",
      "--previous",
      previous,
      "--out",
      "out",
      "--no-terraform",
    );
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("without create_before_destroy");
    expect(run.stdout).toContain("Compared with the review in `reviews/before`:");
    expect(run.stdout).toContain(
      "WARNING: `prod` certificate `cdn` is **replaced** (region eu-west-1 -> us-east-1)",
    );
    const files = ["index.md", "prod.md", "dev.md"].map((f) =>
      readFileSync(join(project, "out", f), "utf8"),
    );
    for (const text of files) {
      expect(text).toContain("> Compared with the review in `reviews/before`:");
      expect(text).not.toContain(dir);
    }
  });
});

describe("how the summary names a --previous folder", () => {
  const root = join(tmpdir(), "some", "project");
  test("inside the project: relative to it, with /", () => {
    expect(previousReviewLabel(join(root, "reviews", "main"), root)).toBe(
      "the review in `reviews/main`",
    );
    expect(previousReviewLabel("reviews/main/", root)).toBe("the review in `reviews/main`");
  });

  test("outside the project: not named, so no machine's path gets in", () => {
    expect(previousReviewLabel(join(tmpdir(), "elsewhere"), root)).toBe(
      "the review given with `--previous` (a folder outside the project)",
    );
    expect(previousReviewLabel("../sibling", root)).toBe(
      "the review given with `--previous` (a folder outside the project)",
    );
  });
});

// `web` on a controller-made ALB gains a name; `api` on an existing listener changes its key.
const c1 = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web:
        domains: [shop.example.com]
        attach: { alb: { ingressGroup: shop, cluster: prod-eks } }
      api:
        domains: [api.example.com]
        attach: { alb: { listenerArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2", dnsName: shop.eu-west-1.elb.amazonaws.com } }
`;
const c2 = c1
  .replace("[shop.example.com]", "[shop.example.com, www.shop.example.com]")
  .replace("[api.example.com]", "[api.example.com]\n        keyAlgorithm: EC_prime256v1");

describe("a certificate on an ALB of the AWS Load Balancer Controller", () => {
  const before = reviewOfText(c1);
  const after = reviewOfText(c2);
  const dir = mkdtempSync(join(tmpdir(), "certkit-review-controller-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const previous = join(dir, "previous");
  writeReviewFiles(previous, before.review.files);
  const review = buildReview({
    config: after.config,
    stacks: after.stacks,
    baseline: baselineFromFolder(previous, "the previous review")!,
  });
  const sequence =
    "The AWS Load Balancer Controller's ALB (Ingress group `shop`, cluster `prod-eks`) keeps the old certificate " +
    "until its Helm values change, so deploy in this order: " +
    "(1) `cdktf deploy prod`: the new certificate is issued; deleting the old one fails (in use by the ALB), " +
    "the apply reports the error and keeps the old one as deposed; " +
    "(2) `helm upgrade` with the new ARN from output `helm_values_prod-eks_shop` (`cdktf output prod`); " +
    "(3) `cdktf deploy prod` again: the old certificate, no longer in use, is deleted.";

  test("is marked with its ALB and output; a certificate on a listener certkit changes is not", () => {
    expect(review.changes.replaced).toEqual([
      {
        stack: "prod",
        name: "api",
        reasons: ["key algorithm RSA_2048 -> EC_prime256v1"],
        createBeforeDestroy: true,
      },
      {
        stack: "prod",
        name: "web",
        reasons: ["names added: www.shop.example.com"],
        createBeforeDestroy: true,
        controllerAlb: {
          cluster: "prod-eks",
          ingressGroup: "shop",
          output: "helm_values_prod-eks_shop",
        },
      },
    ]);
    expect(review.changes.replaced.some(isUnsafe)).toBe(false);
  });

  test("the output named holds the Helm values with the certificate's ARN", () => {
    const outputs = stackJson(after.stacks, "prod").output as Record<string, { value: string }>;
    expect(outputs["helm_values_prod-eks_shop"].value).toContain(
      "alb.ingress.kubernetes.io/certificate-arn: ${aws_acm_certificate_validation.web.certificate_arn}\n",
    );
  });

  test("the warning, the index and the certificate's row print the sequence for the environment", () => {
    const page = review.files.get("prod.md")!;
    expect(page).toContain(
      "> - `prod` certificate `web` is **replaced** (names added: www.shop.example.com); create_before_destroy is set: " +
        `the new certificate is issued before the old one is deleted. ${sequence}\n`,
    );
    expect(page).toContain(
      "> - `prod` certificate `api` is **replaced** (key algorithm RSA_2048 -> EC_prime256v1); create_before_destroy is set: " +
        "the new certificate is issued before the old one is deleted.\n",
    );
    expect(fieldTable(page, "Certificate `web`").Replacement).toBe(
      `**replaced**: names added: www.shop.example.com; create_before_destroy: yes; ${sequence}`,
    );
    expect(fieldTable(page, "Certificate `api`").Replacement).toBe(
      "**replaced**: key algorithm RSA_2048 -> EC_prime256v1; create_before_destroy: yes",
    );
    expect(review.files.get("index.md")).toContain(`deleted. ${sequence}\n`);
  });

  test("npm run review prints it and exits 0", () => {
    const project = join(dir, "project");
    mkdirSync(project);
    writeFileSync(join(project, "certkit.yaml"), c2);
    const run = runReview(
      project,
      "certkit.yaml",
      "--previous",
      previous,
      "--out",
      "out",
      "--no-terraform",
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "  WARNING: `prod` certificate `web` is **replaced** (names added: www.shop.example.com); " +
        `create_before_destroy is set: the new certificate is issued before the old one is deleted. ${sequence}\n`,
    );
  });
});

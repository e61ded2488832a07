// The review's baseline: certkit-review.json beside the HCL, written by every
// review and read by the next one; never the HCL read back.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BaselineError, baselineFromFolder, baselineFromPrevious } from "../../review/baseline";
import { MANIFEST_FILE, manifestText, parseManifest } from "../../review/manifest";
import { buildReview, writeReviewFiles } from "../../review/write-review";
import { ROOT, reviewOfText, runReview } from "./helpers";

const scratch = mkdtempSync(join(tmpdir(), "certkit-manifest-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(scratch, `review-${++folders}`);
  mkdirSync(dir);
  return dir;
};

const LISTENER =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
const v1 = `
cloudflare: { zones: { example.com: {} } }
defaults: { region: eu-west-1, accountId: "123456789012" }
environments:
  prod:
    certificates:
      web:
        domains: [shop.example.com]
        attach: { alb: { ingressGroup: shop, cluster: prod-eks } }
        hostnames: [shop.example.com]
      api:
        domains: [api.example.com]
        attach: { alb: { listenerArn: "${LISTENER}", dnsName: shop.eu-west-1.elb.amazonaws.com } }
      cdn:
        domains: [cdn.example.com]
        keyAlgorithm: EC_prime256v1
        attach: { cloudfront: { origin: assets.example.com } }
        hostnames: [cdn.example.com]
`;
const v2 = v1.replace("[shop.example.com]", "[shop.example.com, www.shop.example.com]");

describe("the manifest", () => {
  const { review } = reviewOfText(v1);
  const text = review.files.get(MANIFEST_FILE)!;

  test("holds every stack and, per certificate, what a later review compares and needs", () => {
    expect(JSON.parse(text)).toEqual({
      format: "certkit-review/1",
      stacks: [
        {
          name: "prod",
          certificates: [
            {
              name: "api",
              domains: ["api.example.com"],
              region: "eu-west-1",
              keyAlgorithm: "RSA_2048",
              createBeforeDestroy: true,
              attachedTo: { kind: "alb-listener" },
            },
            {
              name: "cdn",
              domains: ["cdn.example.com"],
              region: "us-east-1",
              keyAlgorithm: "EC_prime256v1",
              createBeforeDestroy: true,
              attachedTo: { kind: "cloudfront" },
            },
            {
              name: "web",
              domains: ["shop.example.com"],
              region: "eu-west-1",
              keyAlgorithm: "RSA_2048",
              createBeforeDestroy: true,
              attachedTo: {
                kind: "alb-ingress",
                cluster: "prod-eks",
                ingressGroup: "shop",
                output: "helm_values_prod-eks_shop",
              },
            },
          ],
        },
        { name: "prod-ingress", certificates: [] },
      ],
    });
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test("is the same bytes whatever order stacks and certificates come in", () => {
    const certificates = parseManifest(text) as Exclude<
      ReturnType<typeof parseManifest>,
      { problem: string }
    >;
    expect(manifestText(["prod-ingress", "prod"], [...certificates].reverse())).toBe(text);
  });
});

describe("replacements from an earlier review's manifest", () => {
  const before = reviewOfText(v1);
  const after = reviewOfText(v2);

  test("are found without its HCL, and with the ALB's Helm values output", () => {
    const dir = folder();
    writeReviewFiles(dir, before.review.files);
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".tf"))) unlinkSync(join(dir, f));
    const baseline = baselineFromFolder(dir, "the previous review")!;
    const { changes } = buildReview({ config: after.config, stacks: after.stacks, baseline });
    expect(changes).toEqual({
      replaced: [
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
      ],
      removed: [],
    });
  });

  test("are what the manifest says, not the HCL", () => {
    const dir = folder();
    writeReviewFiles(dir, after.review.files);
    const manifest = join(dir, MANIFEST_FILE);
    writeFileSync(
      manifest,
      readFileSync(manifest, "utf8").replace('"api.example.com"', '"old-api.example.com"'),
    );
    const baseline = baselineFromFolder(dir, "the previous review")!;
    const { changes } = buildReview({ config: after.config, stacks: after.stacks, baseline });
    expect(changes.replaced.map((r) => [r.name, r.reasons])).toEqual([
      ["api", ["primary name old-api.example.com -> api.example.com"]],
    ]);
  });
});

describe("a baseline that cannot be used", () => {
  const { review } = reviewOfText(v1);
  /** A review folder as the previous certkit wrote it: the HCL and pages, no manifest. */
  const earlierVersion = () => {
    const dir = folder();
    writeReviewFiles(dir, new Map([...review.files].filter(([f]) => f !== MANIFEST_FILE)));
    return dir;
  };
  const withManifest = (text: string) => {
    const dir = folder();
    writeReviewFiles(dir, review.files);
    writeFileSync(join(dir, MANIFEST_FILE), text);
    return dir;
  };
  const OUT_FIX = (dir: string) =>
    `Fix: run the review once without comparing (npm run review -- --no-compare --out ${dir}), which writes certkit-review.json for the next run, or compare with the config at a git ref (--base <ref>).`;

  test("none in an empty or missing output folder: the first run compares with nothing", () => {
    expect(baselineFromFolder(folder(), "the previous review")).toBeUndefined();
    expect(baselineFromFolder(join(scratch, "not-there"), "the previous review")).toBeUndefined();
  });

  test("fails when the output folder holds a review of an earlier certkit, without the manifest", () => {
    const dir = earlierVersion();
    expect(() => baselineFromFolder(dir, "the previous review")).toThrow(
      new BaselineError(
        `${dir}: holds a review without certkit-review.json, written by an earlier version of certkit, so there is nothing to compare the certificates with. ${OUT_FIX(dir)}`,
      ),
    );
  });

  test("fails when --previous names a review of an earlier certkit", () => {
    const dir = earlierVersion();
    expect(() => baselineFromPrevious(dir)).toThrow(
      new BaselineError(
        `--previous ${dir}: holds a review without certkit-review.json, written by an earlier version of certkit, so there is nothing to compare the certificates with. Fix: write that review again with this certkit (npm run review -- --no-compare --out ${dir}, at the commit it reviews), or compare with the config at a git ref (--base <ref>) instead.`,
      ),
    );
  });

  test.each([
    ["is not JSON", '{"format": "certkit-review/1",', "is not valid JSON"],
    [
      "is of another format",
      '{"format": "certkit-review/2", "stacks": []}',
      'is not a manifest this certkit reads: its format is "certkit-review/2", not "certkit-review/1"',
    ],
    [
      "lacks a field",
      '{"format": "certkit-review/1", "stacks": [{"name": "prod", "certificates": [{"name": "web", "domains": ["a.example.com"], "createBeforeDestroy": true}]}]}',
      "does not have the shape of a manifest at stacks[0].certificates[0].keyAlgorithm",
    ],
  ])("fails when the manifest %s", (_, text, problem) => {
    const dir = withManifest(text);
    expect(() => baselineFromFolder(dir, "the previous review")).toThrow(
      new BaselineError(`${dir}: certkit-review.json ${problem}. ${OUT_FIX(dir)}`),
    );
  });

  test("the command exits 1 with the message and leaves the earlier review as it was", () => {
    const dir = earlierVersion();
    const index = readFileSync(join(dir, "index.md"), "utf8");
    const run = runReview(ROOT, "certkit.yaml", "--out", dir);
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: `${dir}: holds a review without certkit-review.json, written by an earlier version of certkit, so there is nothing to compare the certificates with. ${OUT_FIX(dir)}\n`,
      stdout: "",
    });
    expect(readFileSync(join(dir, "index.md"), "utf8")).toBe(index);
    expect(readdirSync(dir)).not.toContain(MANIFEST_FILE);
  }, 60_000);
});

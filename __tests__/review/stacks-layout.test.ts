// `npm run review -- --layout stacks`: one folder per stack (`stacks/<stack>/main.tf`),
// each a root module of its own for a VCS-driven Terraform Cloud workspace. The
// HCL is the flat layout's byte for byte, `cloud` block included (README,
// Terraform Cloud); only the pages' links differ.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { baselineFromFolder } from "../../review/baseline";
import { hclFile } from "../../review/layout";
import { terraformFmt } from "../../review/terraform-fmt";
import { DEFAULT_OUT_DIR, Review, buildReview, writeReviewFiles } from "../../review/write-review";
import { docBlocks } from "../docs/pages";
import {
  ROOT,
  bundledConfigs,
  fmtClean,
  reviewOfFile,
  reviewOfText,
  testWithTerraform,
} from "./helpers";

type Parsed = Record<string, Record<string, unknown>>;

/** The review of a bundled config in the `stacks` layout, and the flat one it is compared with. */
function layouts(file: string): { flat: Review; stacks: Review; stackNames: string[] } {
  const { config, stacks, review } = reviewOfFile(file);
  return {
    flat: review,
    stacks: buildReview({ config, stacks, layout: "stacks" }),
    stackNames: stacks.map((s) => s.name),
  };
}

/** A page of the `stacks` layout with its links put back to the flat layout's. */
const flatLinks = (markdown: string) =>
  markdown.replace(/stacks\/([^/\s)\]`]+)\/main\.tf/g, (_, stack: string) => `${stack}.tf`);

test("certkit.yaml: a folder per stack holding main.tf, the pages at the top", () => {
  const { stacks } = layouts("certkit.yaml");
  expect([...stacks.files.keys()]).toEqual([
    "certkit-review.json",
    "index.md",
    "prod.md",
    "stacks/prod/main.tf",
    "stacks/staging-ingress/main.tf",
    "stacks/staging/main.tf",
    "stacks/zones/main.tf",
    "staging.md",
  ]);
});

describe.each(bundledConfigs())("the stacks layout of %s", (file) => {
  test("one main.tf per stack, the flat layout's <stack>.tf byte for byte", () => {
    const { flat, stacks, stackNames } = layouts(file);
    const hcl = [...stacks.files.keys()].filter((name) => name.endsWith(".tf"));
    expect(hcl).toEqual(stackNames.map((s) => `stacks/${s}/main.tf`).sort());
    for (const stack of stackNames) {
      expect({ stack, hcl: stacks.files.get(hclFile(stack, "stacks")) }).toEqual({
        stack,
        hcl: flat.files.get(`${stack}.tf`),
      });
    }
  });

  test("the same pages, their links pointing into stacks/", () => {
    const { flat, stacks } = layouts(file);
    const pages = (r: Review) => [...r.files].filter(([name]) => name.endsWith(".md"));
    expect(pages(stacks).map(([name, text]) => [name, flatLinks(text)])).toEqual(pages(flat));
    expect(stacks.files.get("index.md")).toContain("`stacks/<stack>/main.tf`");
    const links = pages(stacks).flatMap(([, text]) =>
      [...text.matchAll(/\]\(([^)]+\.tf)\)/g)].map((m) => m[1]),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !stacks.files.has(link))).toEqual([]);
  });

  testWithTerraform("each main.tf is terraform fmt-clean", () => {
    const { stacks } = layouts(file);
    for (const [name, hcl] of stacks.files) {
      if (!name.endsWith(".tf")) continue;
      expect({ name, hcl: terraformFmt(hcl) }).toEqual({ name, hcl });
      expect(fmtClean(hcl)).toBe(true);
    }
  });

  test("each folder is a root module of its own: backend, required providers, providers", async () => {
    const { stacks, stackNames } = layouts(file);
    for (const stack of stackNames) {
      const text = stacks.files.get(hclFile(stack, "stacks"))!;
      const hcl = (await parse("main.tf", text)) as Parsed;
      const [terraform, ...more] = hcl.terraform as unknown as Record<string, unknown>[];
      expect({ stack, terraformBlocks: 1 + more.length }).toEqual({ stack, terraformBlocks: 1 });
      const state = [
        ...Object.keys((terraform.backend as object | undefined) ?? {}),
        ...(terraform.cloud ? ["cloud"] : []),
      ];
      expect({ stack, state: state.length }).toEqual({ stack, state: 1 });

      const required = Object.keys(
        Object.assign(
          {},
          ...((terraform.required_providers as object[] | undefined) ?? []),
        ) as object,
      ).sort();
      const configured = Object.keys(hcl.provider ?? {}).sort();
      const used = new Set(
        ["resource", "data"].flatMap((kind) =>
          Object.keys(hcl[kind] ?? {}).map((type) => type.split("_")[0]),
        ),
      );
      used.delete("terraform"); // terraform_data and the like: built in
      expect({ stack, configured }).toEqual({ stack, configured: required });
      expect({ stack, used: [...used].filter((p) => !required.includes(p)) }).toEqual({
        stack,
        used: [],
      });

      // Every `provider = <name>.<alias>` names a provider block of this file.
      const aliases = Object.entries(hcl.provider ?? {}).flatMap(([name, blocks]) =>
        (blocks as { alias?: string }[]).map((b) => (b.alias ? `${name}.${b.alias}` : name)),
      );
      for (const ref of text.matchAll(/^\s+provider\s+=\s+(\S+)$/gm)) {
        expect({ stack, provider: ref[1], known: aliases.includes(ref[1]) }).toEqual({
          stack,
          provider: ref[1],
          known: true,
        });
      }
      // Nothing read from outside the folder.
      expect({
        stack,
        outside: /path\.module|\bfile\(|templatefile\(|source\s+=\s+"\./.test(text),
      }).toEqual({ stack, outside: false });
    }
  });
});

test("the cloud block stays: each folder names the workspace docs/terraform-cloud.md connects it to", async () => {
  const { config, stacks } = reviewOfText(docBlocks("config").get("cloud")!);
  const review = buildReview({ config, stacks, layout: "stacks" });
  for (const env of ["staging", "prod"]) {
    const hcl = (await parse("main.tf", review.files.get(`stacks/${env}/main.tf`)!)) as Parsed;
    const [terraform] = hcl.terraform as unknown as Record<string, unknown>[];
    expect(terraform.backend).toBeUndefined();
    expect(terraform.cloud).toEqual([
      {
        organization: "acme",
        workspaces: [{ name: `certkit-${env}`, project: "certificates" }],
      },
    ]);
  }
});

test("a local backend names the same state file from certkit-review/stacks/<stack> as from cdktf.out", async () => {
  const { stacks } = layouts("certkit.yaml");
  for (const [name, text] of stacks.files) {
    if (!name.endsWith(".tf")) continue;
    const stack = name.split("/")[1];
    const hcl = (await parse("main.tf", text)) as Parsed;
    const [terraform] = hcl.terraform as unknown as { backend: { local: { path: string }[] } }[];
    const path = terraform.backend.local[0].path;
    expect(resolve(ROOT, DEFAULT_OUT_DIR, "stacks", stack, path)).toBe(
      resolve(ROOT, "cdktf.out", "stacks", stack, path),
    );
    expect(resolve(ROOT, "cdktf.out", "stacks", stack, path)).toBe(
      resolve(ROOT, `terraform.${stack}.tfstate`),
    );
  }
});

describe("writing a review folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "certkit-layout-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const list = (d: string, prefix = ""): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? list(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    );

  test("switching layouts removes the other layout's HCL, not the files certkit did not write", () => {
    const { flat, stacks } = layouts("certkit.yaml");
    writeReviewFiles(dir, flat.files);
    writeFileSync(join(dir, "NOTES.md"), "mine\n");
    writeReviewFiles(dir, stacks.files);
    writeFileSync(join(dir, "stacks", "prod", "override.tf"), "# mine\n");
    expect(list(dir).sort()).toEqual(
      ["NOTES.md", "stacks/prod/override.tf", ...stacks.files.keys()].sort(),
    );

    writeReviewFiles(dir, flat.files);
    expect(list(dir).sort()).toEqual(
      ["NOTES.md", "stacks/prod/override.tf", ...flat.files.keys()].sort(),
    );
    rmSync(join(dir, "stacks", "prod", "override.tf"));
    writeReviewFiles(dir, stacks.files);
    writeReviewFiles(dir, flat.files);
    expect(existsSync(join(dir, "stacks"))).toBe(false);
  });

  test("an earlier review in either layout is a baseline with the same certificates", () => {
    const { flat, stacks } = layouts("certkit.yaml");
    writeReviewFiles(dir, flat.files);
    const fromFlat = baselineFromFolder(dir, "the previous review")!;
    writeReviewFiles(dir, stacks.files);
    const fromStacks = baselineFromFolder(dir, "the previous review")!;
    expect(fromFlat.certificates.length).toBeGreaterThan(0);
    expect(fromStacks).toEqual(fromFlat);
  });
});

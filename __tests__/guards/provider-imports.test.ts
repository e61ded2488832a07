// Synthesis speed depends on how provider bindings are loaded: a package root
// (`@cdktf/provider-aws`) pulls in ~2,200 modules (tens of seconds, >1 GB under
// ts-node); one class from its own path (`@cdktf/provider-aws/lib/acm-certificate`)
// loads a few. modules/provider-imports.ts is the one file that imports bindings.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { ROOT, projectFiles } from "./project-files";

const IMPORT_MODULE = "modules/provider-imports.ts";
// Skipped besides what is not the project's code (project-files.ts): bench/baseline,
// which imports package roots on purpose, being the slow cdktf-template app that
// `npm run bench` compares synthesis against.
const SKIP = ["bench/baseline"];
const SOURCE = /\.(ts|tsx|mts|cts|js|cjs|mjs)$/;

const PROVIDER = /^@cdktf\/provider-[^/]+/;
/** The package root, or its lib/ index: both load every binding. */
const PROVIDER_ROOT = /^@cdktf\/provider-[^/]+(\/lib(\/index(\.js)?)?)?\/?$/;

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly module: string;
  readonly problem: string;
}

/** Provider imports in one file's text that break the rules above (import, export from, require, import()). */
function providerImportFindings(file: string, text: string): Finding[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const findings: Finding[] = [];
  for (const { fileName: module, pos } of importedFiles) {
    if (!PROVIDER.test(module)) continue;
    const line = text.slice(0, pos).split("\n").length;
    if (PROVIDER_ROOT.test(module)) {
      findings.push({
        file,
        line,
        module,
        problem:
          "imports a provider package root (loads every binding); import each class from its own path, such as @cdktf/provider-aws/lib/acm-certificate",
      });
    } else if (file !== IMPORT_MODULE) {
      findings.push({
        file,
        line,
        module,
        problem: `imports provider bindings outside ${IMPORT_MODULE}; re-export the class there`,
      });
    }
  }
  return findings;
}

const format = (f: Finding) => `${f.file}:${f.line}: "${f.module}" ${f.problem}`;

describe("provider imports", () => {
  const files = projectFiles(SOURCE, "", SKIP);

  it("scans the project's sources", () => {
    expect(files).toEqual(expect.arrayContaining(["main.ts", IMPORT_MODULE, "scripts/ts.js"]));
    expect(files.some((f) => f.startsWith("bench/baseline/"))).toBe(false);
  });

  it("never come from a package root, and only through modules/provider-imports.ts", () => {
    const findings = files.flatMap((f) =>
      providerImportFindings(f, readFileSync(join(ROOT, f), "utf8")),
    );
    expect(findings.map(format)).toEqual([]);
  });

  it("modules/provider-imports.ts imports bindings per resource", () => {
    const text = readFileSync(join(ROOT, IMPORT_MODULE), "utf8");
    const modules = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) expect(m).toMatch(/^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/);
  });

  describe("the check", () => {
    // Built, not written out: the repository's own grep for root imports would flag the fixtures.
    const AWS_ROOT = ["@cdktf", "provider-aws"].join("/");
    const CLOUDFLARE_ROOT = ["@cdktf", "provider-cloudflare"].join("/");
    const check = (file: string, text: string) => providerImportFindings(file, text).map(format);

    it.each([
      [`import { provider } from "${AWS_ROOT}";`],
      [`import * as aws from "${CLOUDFLARE_ROOT}";`],
      [`export { dnsRecord } from "${CLOUDFLARE_ROOT}";`],
      [`import type { acmCertificate } from "${AWS_ROOT}";`],
      ['const aws = require("@cdktf/provider-aws");'],
      ['const aws = await import("@cdktf/provider-aws");'],
      ['import { acmCertificate } from "@cdktf/provider-aws/lib";'],
      ['import { acmCertificate } from "@cdktf/provider-aws/lib/index";'],
      ['import { acmCertificate } from "@cdktf/provider-aws/lib/index.js";'],
    ])("finds a root import in %s, even in the import module", (line) => {
      const text = `// first line\n${line}\n`;
      expect(check(IMPORT_MODULE, text)).toEqual([
        expect.stringMatching(/^modules\/provider-imports\.ts:2: .*package root/),
      ]);
      expect(check("stacks/x.ts", text)).toEqual([
        expect.stringMatching(/^stacks\/x\.ts:2: .*package root/),
      ]);
    });

    it("finds a per-resource import outside the import module, naming file and line", () => {
      const text =
        'import { x } from "./y";\n\nimport { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";\n';
      expect(check("modules/certificate.ts", text)).toEqual([
        'modules/certificate.ts:3: "@cdktf/provider-aws/lib/acm-certificate" imports provider bindings outside modules/provider-imports.ts; re-export the class there',
      ]);
      expect(check(IMPORT_MODULE, text)).toEqual([]);
    });

    it("ignores comments, strings and other packages", () => {
      const text = [
        `// import { provider } from "${AWS_ROOT}";`,
        'const s = "@cdktf/provider-aws";',
        'import { App } from "cdktf";',
        'import { Construct } from "constructs";',
      ].join("\n");
      expect(check("stacks/x.ts", text)).toEqual([]);
    });
  });
});

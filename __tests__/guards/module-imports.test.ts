// Constructs stand alone, as aws-cdk-lib's do: modules/ takes its props in its own
// types and never reaches into config/ (the stacks map the resolved model to props).
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import * as ts from "typescript";
import { ROOT, projectFiles } from "./project-files";

const MODULES = "modules";
const FORBIDDEN = "config";

/** `file:line: "module"` for each import, export-from, require or import() of config/ in `file`. */
function configImports(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .filter(({ fileName }) => {
      if (!fileName.startsWith(".")) return false;
      const target = posix.normalize(posix.join(posix.dirname(file), fileName));
      return target === FORBIDDEN || target.startsWith(`${FORBIDDEN}/`);
    })
    .map(({ fileName, pos }) => `${file}:${text.slice(0, pos).split("\n").length}: "${fileName}"`);
}

describe("modules/", () => {
  const files = projectFiles(/\.ts$/, MODULES);

  it("scans every construct", () => {
    expect(files).toEqual(
      expect.arrayContaining(["modules/certificate.ts", "modules/endpoints/endpoints.ts"]),
    );
  });

  it("imports nothing from config/", () => {
    const found = files.flatMap((f) => configImports(f, readFileSync(join(ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  describe("the check", () => {
    it.each([
      ['import type { KeyAlgorithm } from "../config/schema";', "modules/certificate.ts"],
      ['import { X } from "../../config/endpoint-schema";', "modules/endpoints/site.ts"],
      ['export { X } from "../config";', "modules/x.ts"],
      ['const c = require("../config/resolve");', "modules/x.ts"],
      ['const c = await import("../../config/resolve");', "modules/dns/x.ts"],
    ])("finds %s in %s, with its line", (line, file) => {
      expect(configImports(file, `// first line\n${line}\n`)).toEqual([
        `${file}:2: "${/"([^"]+)"/.exec(line)![1]}"`,
      ]);
    });

    it("ignores domains/, other packages, comments and look-alike folders", () => {
      const text = [
        'import { baseName } from "../domains/names";',
        'import { App } from "cdktf";',
        '// import { x } from "../config/schema";',
        'import { y } from "./config/local";',
        'import { z } from "../configs/other";',
      ].join("\n");
      expect(configImports("modules/x.ts", text)).toEqual([]);
    });
  });
});

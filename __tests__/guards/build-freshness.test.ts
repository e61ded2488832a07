// scripts/ts.js runs synthesis from a bundle in dist/: it must rebuild whenever
// anything the bundle is made of changes, so that a stale build never runs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

interface Runner {
  sourceHash(entry: string, root?: string): string;
  ensureBuilt(entry: string, root?: string): string;
}
// CommonJS script without types: required, not imported.
const TS_JS = join(__dirname, "..", "..", "scripts", "ts.js");
const runner = require(TS_JS) as Runner;

describe("scripts/ts.js", () => {
  let root: string;
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const run = (bundle: string) => execFileSync(process.execPath, [bundle], { encoding: "utf8" });

  beforeEach(() => {
    // A project of the same shape as the real one, small enough to bundle in milliseconds.
    root = mkdtempSync(join(tmpdir(), "certkit-ts-"));
    write("package-lock.json", '{"lockfileVersion": 3}\n');
    write("main.ts", 'import { greeting } from "./config/greeting";\nconsole.log(greeting);\n');
    write("config/greeting.ts", 'export const greeting: string = "one";\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("rebuilds after a source file changes, and only then", () => {
    const bundle = runner.ensureBuilt("main.ts", root);
    expect(bundle).toBe(join(root, "dist", "main.js"));
    expect(run(bundle)).toBe("one\n");

    // Nothing changed: no rebuild (a rebuild renames a new file into place).
    const built = statSync(bundle).ino;
    expect(runner.ensureBuilt("main.ts", root)).toBe(bundle);
    expect(statSync(bundle).ino).toBe(built);

    write("config/greeting.ts", 'export const greeting: string = "two";\n');
    expect(run(runner.ensureBuilt("main.ts", root))).toBe("two\n");
  });

  it("runs the bundle with a code cache that a rebuilt bundle never uses", () => {
    // As `node scripts/ts.js main.ts` does, in a child process: the cache is written at exit.
    const start = () =>
      execFileSync(
        process.execPath,
        [
          "-e",
          `const t = require(${JSON.stringify(TS_JS)}); t.runBundle(t.ensureBuilt("main.ts", ${JSON.stringify(root)}));`,
        ],
        { encoding: "utf8" },
      );
    const caches = () => readdirSync(join(root, "dist")).filter((f) => f.endsWith(".cache"));

    expect(start()).toBe("one\n");
    const [first] = caches();
    expect(caches()).toEqual([expect.stringMatching(/^main\.js\.[0-9a-f]{16}\.cache$/)]);
    expect(start()).toBe("one\n"); // from the cache

    write("config/greeting.ts", 'export const greeting: string = "two";\n');
    expect(start()).toBe("two\n");
    expect(caches()).toHaveLength(1);
    expect(caches()).not.toEqual([first]);
  });

  it("hashes every input of the bundle", () => {
    const hash = () => runner.sourceHash("main.ts", root);
    const before = hash();
    expect(hash()).toBe(before);

    const changes: [string, string][] = [
      ["main.ts", "console.log(1);\n"],
      ["config/greeting.ts", 'export const greeting: string = "three";\n'],
      ["modules/dns/new-file.ts", "export {};\n"], // a new file in a nested source directory
      ["stacks/stack.ts", "export {};\n"],
      ["domains/names.ts", "export {};\n"],
      ["package-lock.json", '{"lockfileVersion": 3, "packages": {}}\n'],
    ];
    const seen = new Set([before]);
    for (const [file, text] of changes) {
      write(file, text);
      const h = hash();
      expect({ file, changed: !seen.has(h) }).toEqual({ file, changed: true });
      seen.add(h);
    }
  });

  it("ignores files that are not part of the bundle", () => {
    const before = runner.sourceHash("main.ts", root);
    write("README.md", "# notes\n");
    write("certkit.yaml", "project: x\n"); // the config is data, read at run time
    write("__tests__/x.test.ts", "export {};\n");
    expect(runner.sourceHash("main.ts", root)).toBe(before);
  });
});

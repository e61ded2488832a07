// scripts/ts.js runs synthesis from a bundle in dist/: it must rebuild whenever
// anything the bundle is made of changes, so that a stale build never runs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

interface Runner {
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

  // The tests' own build folder (jest.config.js) does not apply to these small projects.
  const shared = process.env.CERTKIT_BUILD_DIR;
  beforeEach(() => {
    delete process.env.CERTKIT_BUILD_DIR;
    // A project of the same shape as the real one, small enough to bundle in milliseconds.
    root = mkdtempSync(join(tmpdir(), "certkit-ts-"));
    write("package-lock.json", '{"lockfileVersion": 3}\n');
    write("main.ts", 'import { greeting } from "./config/greeting";\nconsole.log(greeting);\n');
    write("config/greeting.ts", 'export const greeting: string = "one";\n');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    if (shared === undefined) delete process.env.CERTKIT_BUILD_DIR;
    else process.env.CERTKIT_BUILD_DIR = shared;
  });

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
        // jest's process.env is the test's own copy: pass it, without CERTKIT_BUILD_DIR.
        { encoding: "utf8", env: { ...process.env } },
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

  it("rebuilds when anything the bundle was made of changes, in any folder", () => {
    const built = () => statSync(runner.ensureBuilt("main.ts", root)).ino;
    let last = built();
    write("cli/greeting.ts", 'export const greeting: string = "from a new folder";\n');
    const changes: [string, string][] = [
      ["main.ts", 'import { greeting } from "./cli/greeting";\nconsole.log(greeting);\n'],
      ["cli/greeting.ts", 'export const greeting: string = "changed";\n'],
      ["package-lock.json", '{"lockfileVersion": 3, "packages": {}}\n'],
    ];
    for (const [file, text] of changes) {
      write(file, text);
      const now = built();
      expect({ file, rebuilt: now !== last }).toEqual({ file, rebuilt: true });
      last = now;
    }
    expect(run(runner.ensureBuilt("main.ts", root))).toBe("changed\n");
  });

  it("does not rebuild for files the bundle does not read", () => {
    const bundle = runner.ensureBuilt("main.ts", root);
    const built = statSync(bundle).ino;
    write("README.md", "# notes\n");
    write("certkit.yaml", "project: x\n"); // the config is data, read at run time
    write("__tests__/x.test.ts", "export {};\n");
    write("config/unused.ts", "export {};\n"); // imported by nothing
    expect(statSync(runner.ensureBuilt("main.ts", root)).ino).toBe(built);
  });

  it("builds into CERTKIT_BUILD_DIR when it is set, never into the project", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "certkit-build-"));
    process.env.CERTKIT_BUILD_DIR = elsewhere;
    try {
      expect(runner.ensureBuilt("main.ts", root)).toMatch(
        new RegExp(`^${elsewhere}/[0-9a-f]{12}/main\\.js$`),
      );
      expect(readdirSync(root)).not.toContain("dist");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

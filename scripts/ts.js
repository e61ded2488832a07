// Runs a TypeScript entry point from a bundle that esbuild rebuilds only when a
// source or the lock file changed: synthesis starts from compiled JavaScript
// (no type-checking; `npm test` does that) and never from a stale build.
// CommonJS on purpose: loading the multi-megabyte bundle through the ESM loader
// costs ~0.3 s of export scanning.
const { createHash } = require("node:crypto");
const {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require("node:fs");
const { Module, createRequire } = require("node:module");
const { basename, dirname, join, relative, resolve } = require("node:path");
const { Script } = require("node:vm");

const ROOT = resolve(__dirname, "..");
const SOURCE_DIRS = ["cli", "config", "domains", "modules", "stacks", "review"];

/** Everything a bundle depends on: this script (its build options), the lock file, the TypeScript. */
function sources(root = ROOT) {
  const files = [__filename, join(root, "main.ts"), join(root, "package-lock.json")];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) files.push(p);
    }
  };
  SOURCE_DIRS.forEach((d) => walk(join(root, d)));
  return files;
}

/** Write, then rename: a process starting meanwhile sees the old or the new file, never half of one. */
function replace(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Hash of `entry` and every source: a bundle is current only when its stamp holds this. */
function sourceHash(entry, root = ROOT) {
  const abs = resolve(root, entry);
  const h = createHash("sha256").update(relative(root, abs));
  for (const f of [abs, ...sources(root)]) h.update(relative(root, f)).update(readFileSync(f));
  return h.digest("hex");
}

/** Path of an up-to-date bundle of `entry` (relative to `root`, the project root by default). */
function ensureBuilt(entry, root = ROOT) {
  const abs = resolve(root, entry);
  const out = join(root, "dist", relative(root, abs).replace(/\.ts$/, ".js"));
  const stamp = `${out}.sha256`;
  const hash = sourceHash(abs, root);
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return out;
  mkdirSync(dirname(out), { recursive: true });
  // Dependencies are bundled too: one file loads faster than ~300 modules.
  const { outputFiles } = require("esbuild").buildSync({
    entryPoints: [abs],
    bundle: true,
    platform: "node",
    target: "node20",
    outfile: out,
    logLevel: "error",
    write: false,
  });
  for (const f of outputFiles) replace(f.path, f.contents);
  replace(stamp, hash);
  return out;
}

/**
 * Runs a bundle as `require(out)` would, with a V8 code cache beside it: compiling
 * the multi-megabyte bundle was ~40% of a small synthesis. The cache is named
 * after the bundle's content, so a rebuilt bundle never meets an old cache; V8
 * itself rejects a cache from another Node version (then it is written anew).
 */
function runBundle(out) {
  const code = readFileSync(out, "utf8");
  const key = createHash("sha1").update(code).digest("hex").slice(0, 16);
  const cacheFile = `${out}.${key}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(code), { filename: out, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit, so that the functions synthesis compiled lazily are in the cache too.
    process.once("exit", () => {
      try {
        replace(cacheFile, script.createCachedData());
        const old = readdirSync(dirname(out)).filter(
          (f) =>
            f.startsWith(`${basename(out)}.`) && f.endsWith(".cache") && f !== basename(cacheFile),
        );
        for (const f of old) rmSync(join(dirname(out), f), { force: true });
      } catch {
        // A cache is an optimisation: never fail a synthesis over it.
      }
    });
  }
  const mod = new Module(out, null);
  mod.filename = out;
  mod.paths = Module._nodeModulePaths(dirname(out));
  script
    .runInThisContext()
    .call(mod.exports, mod.exports, createRequire(out), mod, out, dirname(out));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { ROOT, ensureBuilt, runBundle, sourceHash };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error("usage: node scripts/ts.js <entry.ts> [args...]");
    process.exit(2);
  }
  const out = ensureBuilt(entry);
  process.argv = [process.argv[0], out, ...args];
  runBundle(out);
}

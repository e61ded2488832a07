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
  writeFileSync,
} = require("node:fs");
const { Module, createRequire } = require("node:module");
const { basename, dirname, join, relative, resolve } = require("node:path");
const { Script } = require("node:vm");

const ROOT = resolve(__dirname, "..");

/**
 * Where bundles go: dist/ in the project, or a folder per project root under
 * CERTKIT_BUILD_DIR (the tests set it, so that they write nothing into the tree).
 */
function buildDir(root) {
  const shared = process.env.CERTKIT_BUILD_DIR;
  if (!shared) return join(root, "dist");
  return join(resolve(shared), createHash("sha256").update(root).digest("hex").slice(0, 12));
}

/**
 * Hash of what a bundle is made of: this script (its build options), the lock file
 * (every dependency) and the project files esbuild read, as listed in its metafile
 * at the last build. A new import can only come from a changed listed file, so the
 * list stays complete without naming source folders.
 */
function inputsHash(inputs, root) {
  const h = createHash("sha256");
  for (const f of [
    __filename,
    join(root, "package-lock.json"),
    ...inputs.map((i) => join(root, i)),
  ]) {
    h.update(relative(root, f)).update(readFileSync(f));
  }
  return h.digest("hex");
}

/** Write, then rename: a process starting meanwhile sees the old or the new file, never half of one. */
function replace(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** The inputs and hash recorded beside a bundle, if they still describe the sources. */
function isCurrent(out, stamp, root) {
  if (!existsSync(out) || !existsSync(stamp)) return false;
  try {
    const { inputs, hash } = JSON.parse(readFileSync(stamp, "utf8"));
    return inputs.every((i) => existsSync(join(root, i))) && inputsHash(inputs, root) === hash;
  } catch {
    return false;
  }
}

/** Path of an up-to-date bundle of `entry` (relative to `root`, the project root by default). */
function ensureBuilt(entry, root = ROOT) {
  const abs = resolve(root, entry);
  const out = join(buildDir(root), relative(root, abs).replace(/\.ts$/, ".js"));
  const stamp = `${out}.inputs.json`;
  if (isCurrent(out, stamp, root)) return out;
  mkdirSync(dirname(out), { recursive: true });
  // Dependencies are bundled too: one file loads faster than ~300 modules.
  const { outputFiles, metafile } = require("esbuild").buildSync({
    entryPoints: [abs],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    outfile: out,
    logLevel: "error",
    metafile: true,
    write: false,
  });
  const inputs = Object.keys(metafile.inputs)
    .filter((i) => !i.split("/").includes("node_modules"))
    .sort();
  for (const f of outputFiles) replace(f.path, f.contents);
  replace(stamp, JSON.stringify({ inputs, hash: inputsHash(inputs, root) }));
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
  const req = createRequire(out);
  mod.paths = req.resolve.paths("certkit") ?? [];
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, out, dirname(out));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { ROOT, ensureBuilt, runBundle };

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

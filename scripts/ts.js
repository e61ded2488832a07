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
  statSync,
  writeFileSync,
} = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

const ROOT = resolve(__dirname, "..");
const SOURCE_DIRS = ["config", "domains", "modules", "stacks", "review"];

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
  // Write, then rename: a process starting meanwhile sees the old or the new file, never half of one.
  const replace = (file, contents) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  };
  for (const f of outputFiles) replace(f.path, f.contents);
  replace(stamp, hash);
  return out;
}

module.exports = { ROOT, ensureBuilt, sourceHash };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error("usage: node scripts/ts.js <entry.ts> [args...]");
    process.exit(2);
  }
  const out = ensureBuilt(entry);
  process.argv = [process.argv[0], out, ...args];
  require(out);
}

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
  statSync,
  writeFileSync,
} = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

const ROOT = resolve(__dirname, "..");
const SOURCE_DIRS = ["config", "domains", "modules", "stacks", "review"];
const OUT_DIR = join(ROOT, "dist");

function sources() {
  const files = [join(ROOT, "main.ts"), join(ROOT, "package-lock.json")];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) files.push(p);
    }
  };
  SOURCE_DIRS.forEach((d) => walk(join(ROOT, d)));
  return files;
}

function sourceHash(entry) {
  const h = createHash("sha256").update(relative(ROOT, entry));
  for (const f of [entry, ...sources()]) h.update(f).update(readFileSync(f));
  return h.digest("hex");
}

/** Path of an up-to-date bundle of `entry` (relative to the project root). */
function ensureBuilt(entry) {
  const abs = resolve(ROOT, entry);
  const out = join(OUT_DIR, relative(ROOT, abs).replace(/\.ts$/, ".js"));
  const stamp = `${out}.sha256`;
  const hash = sourceHash(abs);
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return out;
  mkdirSync(dirname(out), { recursive: true });
  // Dependencies are bundled too: one file loads faster than ~300 modules.
  require("esbuild").buildSync({
    entryPoints: [abs],
    bundle: true,
    platform: "node",
    target: "node20",
    outfile: out,
    logLevel: "error",
  });
  writeFileSync(stamp, hash);
  return out;
}

module.exports = { ROOT, ensureBuilt };

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

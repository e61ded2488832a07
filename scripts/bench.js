// `npm run bench`: whole-process synthesis timings (wall time and peak RSS of the
// child process), medians after a warm-up, for the bundled example, generated
// configs of 10 to 1,000 certificates, and the cdktf-template baseline in
// bench/baseline (ts-node with type-checking, provider package roots). Optional:
// `cdktf synth` itself (CLI start-up) and `npm test`. Prints a table and the
// targets of issue 5, writes bench-results.json. `node scripts/bench.js --help`.
// CommonJS like ts.js: plain `node` runs it, no build step.
const { spawn, spawnSync } = require("node:child_process");
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const { join, relative } = require("node:path");
const { ROOT, ensureBuilt } = require("./ts.js");

const HELP = `usage: npm run bench -- [options]

  --runs N            measured runs per synthesis case (default 7; env BENCH_RUNS)
  --warmup N          unmeasured runs before each case (default 1; env BENCH_WARMUP)
  --baseline-runs N   runs of the ts-node baseline, ~20 s and >1 GB each (default 3)
  --quick             skip the baseline (env BENCH_QUICK=1)
  --only a,b          only these cases or groups: example, bundle, generated, gen-10,
                      gen-100, gen-1000, baseline, cli, tests (env BENCH_ONLY)
  --with-cli          also time \`npx cdktf synth\` (CLI start-up; env BENCH_WITH_CLI=1)
  --cli-runs N        runs of \`cdktf synth\` (default 3)
  --with-tests        also time \`npm test\` once (env BENCH_WITH_TESTS=1)
  --test-runs N       runs of \`npm test\` (default 1)
  --out FILE          results JSON (default bench-results.json)`;

// ---------------------------------------------------------------- options

function parseOptions(argv, env) {
  const o = {
    runs: Number(env.BENCH_RUNS || 7),
    warmup: Number(env.BENCH_WARMUP ?? 1),
    baselineRuns: Number(env.BENCH_BASELINE_RUNS || 3),
    cliRuns: Number(env.BENCH_CLI_RUNS || 3),
    testRuns: Number(env.BENCH_TEST_RUNS || 1),
    quick: env.BENCH_QUICK === "1",
    withCli: env.BENCH_WITH_CLI === "1",
    withTests: env.BENCH_WITH_TESTS === "1",
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(",") : undefined,
    out: join(ROOT, "bench-results.json"),
  };
  const numeric = {
    "--runs": "runs",
    "--warmup": "warmup",
    "--baseline-runs": "baselineRuns",
    "--cli-runs": "cliRuns",
    "--test-runs": "testRuns",
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag in numeric) o[numeric[flag]] = Number(value());
    else if (flag === "--quick") o.quick = true;
    else if (flag === "--with-cli") o.withCli = true;
    else if (flag === "--with-tests") o.withTests = true;
    else if (flag === "--only") o.only = value().split(",");
    else if (flag === "--out") o.out = value();
    else if (flag === "--help" || flag === "-h") {
      console.log(HELP);
      process.exit(0);
    } else {
      console.error(`unknown option ${argv[i]}\n\n${HELP}`);
      process.exit(2);
    }
  }
  for (const k of Object.values(numeric)) {
    if (!Number.isInteger(o[k]) || o[k] < 0 || (k !== "warmup" && o[k] < 1)) {
      console.error(`invalid ${k}: ${o[k]}`);
      process.exit(2);
    }
  }
  return o;
}

const GROUPS = {
  example: ["example"],
  bundle: ["bundle"],
  generated: ["gen-10", "gen-100", "gen-1000"],
  baseline: ["baseline"],
  cli: ["cli"],
  tests: ["tests"],
};

/** Case ids to run, in order. */
function selectedCases(o) {
  const all = ["example", "bundle", "gen-10", "gen-100", "gen-1000", "baseline", "cli", "tests"];
  if (o.only) {
    const wanted = new Set(
      o.only.flatMap((x) => GROUPS[x] ?? (all.includes(x) ? [x] : fail(`unknown case ${x}`))),
    );
    return all.filter((c) => wanted.has(c));
  }
  return all.filter((c) =>
    c === "baseline" ? !o.quick : c === "cli" ? o.withCli : c === "tests" ? o.withTests : true,
  );
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

// ---------------------------------------------------------------- measuring

/**
 * How peak RSS is taken. GNU time reports the child's getrusage maxrss (for a
 * tree of processes: the largest single one). Without it, every Node process of
 * the run appends its own process.resourceUsage().maxRSS through NODE_OPTIONS
 * --require, and the largest counts (same meaning; non-Node processes such as
 * terraform are then not seen). BENCH_RSS=node forces the latter.
 */
function rssMethod(tmp, forced) {
  const probe = join(tmp, "probe");
  const r =
    forced === "node" ? undefined : spawnSync("/usr/bin/time", ["-f", "%M", "-o", probe, "true"]);
  if (r?.status === 0 && existsSync(probe) && /^\d+\s*$/.test(readFileSync(probe, "utf8")))
    return "gnu-time";
  const reporter = join(tmp, "report-rss.js");
  writeFileSync(
    reporter,
    'process.on("exit", () => require("node:fs").appendFileSync(process.env.BENCH_RSS_FILE, process.resourceUsage().maxRSS + "\\n"));\n',
  );
  return "node-resource-usage";
}

let runCounter = 0;

/** Runs `cmd args` once: wall milliseconds, peak RSS in KB, exit code, output tail. */
function measure(method, tmp, cmd, args, { cwd = ROOT, env = {} } = {}) {
  const rssFile = join(tmp, `rss-${++runCounter}`);
  const childEnv = { ...process.env, ...env };
  let file = cmd;
  let argv = args;
  if (method === "gnu-time") {
    file = "/usr/bin/time";
    argv = ["-f", "%M", "-o", rssFile, cmd, ...args];
  } else {
    childEnv.BENCH_RSS_FILE = rssFile;
    childEnv.NODE_OPTIONS =
      `${childEnv.NODE_OPTIONS ?? ""} --require ${JSON.stringify(join(tmp, "report-rss.js"))}`.trim();
  }
  return new Promise((done) => {
    let output = "";
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (d) => (output = (output + d).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const lines = existsSync(rssFile) ? readFileSync(rssFile, "utf8").split("\n") : [];
      // GNU time writes "Command exited with non-zero status N" before the number.
      const values = lines.filter((l) => /^\d+$/.test(l.trim())).map(Number);
      done({ wallMs, rssKB: values.length ? Math.max(...values) : undefined, code, output });
    });
  });
}

/** main.ts's phase times (CERTKIT_TIMINGS=1), when the run printed them. */
function phasesOf(output) {
  const m = /^certkit-timings (\{.*\})$/m.exec(output);
  return m ? JSON.parse(m[1]) : undefined;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {
  const s = sorted(xs);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const median = (xs) => quantile(xs, 0.5);
function stats(xs) {
  const v = xs.filter((x) => x !== undefined);
  if (!v.length) return undefined;
  return {
    median: median(v),
    min: Math.min(...v),
    max: Math.max(...v),
    q1: quantile(v, 0.25),
    q3: quantile(v, 0.75),
  };
}

/** Warm-up runs, then measured runs; stops at the first failing run. */
async function runCase(ctx, c) {
  const label = `${c.id}: ${c.title}`;
  process.stderr.write(`${label} `);
  const runs = [];
  for (let i = 0; i < c.warmup + c.runs; i++) {
    const r = await measure(ctx.method, ctx.tmp, c.cmd, c.args, c.options);
    if (r.code !== 0 && !c.timeFailures) {
      process.stderr.write("failed\n");
      return {
        ...c,
        error: `exit ${r.code}: ${r.output.trim().split("\n").slice(-15).join("\n")}`,
      };
    }
    process.stderr.write(i < c.warmup ? "w" : ".");
    if (i >= c.warmup) {
      runs.push({
        wallMs: Math.round(r.wallMs),
        rssKB: r.rssKB,
        phases: phasesOf(r.output),
        ...(r.code === 0 ? {} : { exit: r.code, output: r.output.trim().split("\n").slice(-15) }),
      });
    }
  }
  process.stderr.write("\n");
  const phaseNames = Object.keys(runs[0].phases ?? {});
  return {
    ...c,
    runs,
    wall: stats(runs.map((r) => r.wallMs)),
    rss: stats(runs.map((r) => r.rssKB)),
    phases: phaseNames.length
      ? Object.fromEntries(phaseNames.map((p) => [p, median(runs.map((r) => r.phases[p]))]))
      : undefined,
  };
}

// ---------------------------------------------------------------- generated configs

const pad12 = (n) => String(n).padStart(12, "0");
const hex = (n, len) => n.toString(16).padStart(len, "0").slice(-len);

/**
 * `envs` environments x `certs` certificates x 3 names, in 10 zones (half with a
 * zoneId, half looked up by name): `x`, `*.x` (one validation record for both)
 * and `api-x`. Features, when the schema has them: `alarm` (emails in defaults),
 * `attach` (every tenth certificate on CloudFront, the rest SNI on one of two ALB
 * listeners) and `hostnames` (the primary name, DNS-only).
 */
function generatedConfig(envs, certs, features) {
  const zones = Array.from({ length: Math.min(10, envs) }, (_, z) => `example${z}.com`);
  const out = ["# Generated by scripts/bench.js", "project: bench", "cloudflare:", "  zones:"];
  // sslMode strict: a zone setting, so the zones stack is part of the run.
  zones.forEach((z, i) => {
    const keys = [
      i % 2 ? "" : `zoneId: ${hex(0xabc000 + i, 32)}`,
      features.hostnames ? "sslMode: strict" : "",
    ];
    const set = keys.filter(Boolean);
    out.push(`    ${z}: ${set.length ? `{ ${set.join(", ")} }` : "{}"}`);
  });
  out.push("defaults:", "  region: eu-west-1", "  tags: { owner: platform }");
  if (features.alarm) out.push("  alarm: { emails: [ops@example.com] }");
  out.push("environments:");
  for (let e = 0; e < envs; e++) {
    const account = pad12(100000000000 + e);
    const zone = zones[e % zones.length];
    out.push(`  env${e}:`, `    accountId: "${account}"`, "    certificates:");
    for (let c = 0; c < certs; c++) {
      const name = `c${c}.env${e}.${zone}`;
      out.push(`      c${c}:`, `        domains: [${name}, "*.${name}", api-${name}]`);
      if (features.attach) {
        if (c % 10 === 0) {
          out.push(`        attach: { cloudfront: { origin: origin-${name} } }`);
        } else {
          const lb = `app/web${c % 2}-env${e}/${hex(e * 2 + (c % 2), 16)}`;
          out.push(
            "        attach:",
            "          alb:",
            `            listenerArn: arn:aws:elasticloadbalancing:eu-west-1:${account}:listener/${lb}/${hex(c % 2, 16)}`,
            `            dnsName: web${c % 2}-env${e}-123456.eu-west-1.elb.amazonaws.com`,
          );
        }
      }
      // DNS-only: two levels under the zone, out of reach of Cloudflare's free edge certificate.
      if (features.hostnames) out.push(`        hostnames: [{ name: ${name}, proxied: false }]`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Richest first: the generated configs use the first the schema accepts. */
const FEATURE_LEVELS = [
  {
    name: "records, attach (ALB + CloudFront), hostnames, alarms",
    attach: true,
    hostnames: true,
    alarm: true,
  },
  { name: "records, alarms", alarm: true },
  { name: "records, attach, hostnames", attach: true, hostnames: true },
  { name: "records only" },
];

/** Synthesizes a one-environment config at each level; the first that works. */
async function chooseFeatures(ctx, app) {
  const rejected = [];
  for (const level of FEATURE_LEVELS) {
    const file = join(ctx.tmp, "probe.yaml");
    writeFileSync(file, generatedConfig(1, 10, level));
    const r = await measure(ctx.method, ctx.tmp, process.execPath, app, {
      env: { CERTKIT_CONFIG: file, CDKTF_OUTDIR: mkdtempSync(join(ctx.tmp, "out-")) },
    });
    if (r.code === 0) return { level, rejected };
    rejected.push({
      level: level.name,
      error: r.output.trim().split("\n").slice(0, 4).join(" | "),
    });
  }
  return { level: undefined, rejected };
}

// ---------------------------------------------------------------- report

const sec = (ms) => (ms / 1000).toFixed(2);
const mb = (kb) => (kb === undefined ? "?" : (kb / 1024).toFixed(0));

function table(results) {
  const rows = [
    [
      "case",
      "runs",
      "median s",
      "min-max s",
      "IQR s",
      "peak RSS MB (median)",
      "max MB",
      "start-up/config/constructs/synth ms (median)",
    ],
  ];
  for (const r of results) {
    if (r.error) {
      rows.push([r.id, "-", "failed", "", "", "", "", ""]);
      continue;
    }
    rows.push([
      r.id,
      String(r.runs.length),
      sec(r.wall.median),
      `${sec(r.wall.min)}-${sec(r.wall.max)}`,
      `${sec(r.wall.q1)}-${sec(r.wall.q3)}`,
      r.rss ? mb(r.rss.median) : "?",
      r.rss ? mb(r.rss.max) : "?",
      r.phases ? Object.values(r.phases).map(Math.round).join(" / ") : "",
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  "),
    )
    .join("\n");
}

function analysis(byId) {
  const a = {};
  const med = (id) => byId[id]?.wall?.median;
  const rss = (id) => byId[id]?.rss?.median;
  if (med("baseline") && med("example")) a.baselineOverExample = med("baseline") / med("example");
  if (rss("baseline") && rss("example"))
    a.baselineOverExampleRss = rss("baseline") / rss("example");
  const gens = ["gen-10", "gen-100", "gen-1000"].filter((id) => med(id) !== undefined);
  const certs = (id) => byId[id].certificates;
  if (gens.length >= 2) {
    a.perCertificate = [];
    for (let i = 1; i < gens.length; i++) {
      const [p, q] = [gens[i - 1], gens[i]];
      const n = certs(q) - certs(p);
      a.perCertificate.push({
        from: certs(p),
        to: certs(q),
        msPerCertificate: (med(q) - med(p)) / n,
        kbPerCertificate:
          rss(q) !== undefined && rss(p) !== undefined ? (rss(q) - rss(p)) / n : undefined,
      });
    }
    const [first, last] = [gens[0], gens[gens.length - 1]];
    a.slope = {
      from: certs(first),
      to: certs(last),
      msPerCertificate: (med(last) - med(first)) / (certs(last) - certs(first)),
      kbPerCertificate: (rss(last) - rss(first)) / (certs(last) - certs(first)),
    };
  }
  if (med("cli") && med("example")) a.cliOverheadMs = med("cli") - med("example");
  return a;
}

/** Issue 5's targets that this run measured: [target, measured, met]. */
function targets(byId, a) {
  const t = [];
  const ex = byId.example;
  if (ex?.wall) {
    t.push([
      `example synthesis (${ex.id}) <= 0.5 s`,
      `${sec(ex.wall.median)} s`,
      ex.wall.median <= 500,
    ]);
    t.push([
      `example synthesis (${ex.id}) <= 100 MB`,
      `${mb(ex.rss?.median)} MB`,
      ex.rss?.median <= 100 * 1024,
    ]);
  }
  const big = byId["gen-1000"];
  if (big?.wall) {
    t.push(["1,000 certificates <= 3 s", `${sec(big.wall.median)} s`, big.wall.median <= 3000]);
    t.push([
      "1,000 certificates <= 400 MB",
      `${mb(big.rss?.median)} MB`,
      big.rss?.median <= 400 * 1024,
    ]);
  }
  if (a.perCertificate?.length === 2) {
    const [s1, s2] = a.perCertificate.map((p) => p.msPerCertificate);
    // Flat: the cost per certificate from 100 to 1,000 is no more than 1.5x that from 10 to 100.
    t.push([
      "per-certificate cost flat (100->1000 <= 1.5 x 10->100)",
      `${s1.toFixed(2)} then ${s2.toFixed(2)} ms/cert`,
      s2 <= 1.5 * s1,
    ]);
  }
  if (a.baselineOverExample) {
    t.push([
      "baseline / example >= 30x",
      `${a.baselineOverExample.toFixed(1)}x`,
      a.baselineOverExample >= 30,
    ]);
  }
  if (byId.tests?.wall) {
    // A failed run stopped early: its time says nothing about the target.
    const failed = byId.tests.runs.some((r) => r.exit);
    t.push([
      "npm test < 3 min",
      `${sec(byId.tests.wall.median)} s${failed ? ", but npm test failed (see above)" : ""}`,
      failed ? undefined : byId.tests.wall.median < 180000,
    ]);
  }
  return t;
}

// ---------------------------------------------------------------- main

async function main() {
  const o = parseOptions(process.argv.slice(2), process.env);
  const cases = selectedCases(o);
  const tmp = mkdtempSync(join(os.tmpdir(), "certkit-bench-"));
  const method = rssMethod(tmp, process.env.BENCH_RSS);
  const ctx = { tmp, method };
  const loadBefore = os.loadavg();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  console.log(
    `certkit bench: node ${process.version}, ${cores} cores (${os.cpus()[0]?.model.trim()}), load ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, peak RSS by ${method}`,
  );
  if (loadBefore[0] > cores / 2) {
    console.log(
      `note: load ${loadBefore[0].toFixed(2)} on ${cores} cores; numbers will be slower and noisier than on an idle machine`,
    );
  }

  const bundle = relative(ROOT, ensureBuilt("main.ts")); // dist/main.js, rebuilt if a source changed
  // cdktf.json's app command: checks the bundle is current, runs it with its V8 code cache.
  const app = ["scripts/ts.js", "main.ts"];
  const example = join(ROOT, "certkit.yaml");
  const outdir = () => mkdtempSync(join(tmp, "out-"));
  const synth = (config) => ({
    env: { CERTKIT_CONFIG: config, CDKTF_OUTDIR: outdir(), CERTKIT_TIMINGS: "1" },
  });
  const defs = [];
  const base = { runs: o.runs, warmup: o.warmup };
  let features;
  for (const id of cases) {
    if (id === "example") {
      defs.push({
        ...base,
        id,
        title: "certkit.yaml, node scripts/ts.js main.ts: the app run cdktf synth performs",
        cmd: process.execPath,
        args: app,
        options: synth(example),
      });
    } else if (id === "bundle") {
      defs.push({
        ...base,
        id,
        title:
          "certkit.yaml, node dist/main.js: the bundle alone (no freshness check, no code cache)",
        cmd: process.execPath,
        args: [bundle],
        options: synth(example),
      });
    } else if (id.startsWith("gen-")) {
      features ??= await chooseFeatures(ctx, app);
      if (!features.level) {
        defs.push({
          id,
          title: "generated config",
          error: `no feature level synthesizes: ${JSON.stringify(features.rejected)}`,
        });
        continue;
      }
      const certificates = Number(id.slice(4));
      const envs = certificates / 10;
      const file = join(tmp, `${id}.yaml`);
      writeFileSync(file, generatedConfig(envs, 10, features.level));
      defs.push({
        ...base,
        id,
        certificates,
        title: `${envs} env x 10 certificates x 3 names (${features.level.name}), app command`,
        cmd: process.execPath,
        args: app,
        options: synth(file),
      });
    } else if (id === "baseline") {
      defs.push({
        id,
        runs: o.baselineRuns,
        warmup: Math.min(o.warmup, 1),
        title:
          "1 certificate, cdktf template: ts-node main.ts (type-checks), provider package roots (bench/baseline)",
        cmd: process.execPath,
        args: [join(ROOT, "node_modules", "ts-node", "dist", "bin.js"), "main.ts"],
        options: { cwd: join(ROOT, "bench", "baseline"), env: { CDKTF_OUTDIR: outdir() } },
      });
    } else if (id === "cli") {
      defs.push({
        id,
        runs: o.cliRuns,
        warmup: Math.min(o.warmup, 1),
        title: "certkit.yaml, npx cdktf synth (CLI start-up + the app command)",
        cmd: "npx",
        args: ["cdktf", "synth", "--output", outdir()],
        options: { env: { CERTKIT_CONFIG: example, CHECKPOINT_DISABLE: "1" } },
      });
    } else if (id === "tests") {
      defs.push({
        id,
        runs: o.testRuns,
        warmup: 0,
        title: "npm test (prettier, tsc, jest unit + plan)",
        // Timed even when it fails (a file another change left unformatted, say): said below the table.
        timeFailures: true,
        cmd: "npm",
        args: ["test"],
        options: { env: { CHECKPOINT_DISABLE: "1" } },
      });
    }
  }

  const results = [];
  for (const d of defs) results.push(d.error ? d : await runCase(ctx, d));
  const loadAfter = os.loadavg();
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  const a = analysis(byId);
  const t = targets(byId, a);

  console.log("");
  for (const r of results) console.log(`${r.id.padEnd(9)} ${r.title}`);
  if (features?.rejected.length) {
    for (const r of features.rejected)
      console.log(`  (generated: "${r.level}" not accepted: ${r.error})`);
  }
  console.log(`\n${table(results)}\n`);
  for (const r of results.filter((x) => x.error)) console.log(`${r.id} failed: ${r.error}\n`);
  for (const r of results.filter((x) => x.runs?.some((run) => run.exit))) {
    const failed = r.runs.filter((run) => run.exit);
    console.log(
      `${r.id}: ${failed.length} of ${r.runs.length} runs failed (timed all the same); last lines:\n  ${failed[0].output.join("\n  ")}\n`,
    );
  }
  if (byId.baseline?.wall) {
    console.log(
      `baseline: ${byId.baseline.runs.length} runs only (each ~20 s and >1 GB; --baseline-runs N)`,
    );
  }
  if (a.baselineOverExample) {
    console.log(
      `ratio baseline / example: ${a.baselineOverExample.toFixed(1)}x time, ${a.baselineOverExampleRss.toFixed(1)}x peak RSS`,
    );
  }
  for (const p of a.perCertificate ?? []) {
    console.log(
      `per certificate ${p.from} -> ${p.to}: ${p.msPerCertificate.toFixed(2)} ms, ${p.kbPerCertificate === undefined ? "?" : p.kbPerCertificate.toFixed(0)} KB`,
    );
  }
  if (a.slope)
    console.log(
      `slope ${a.slope.from} -> ${a.slope.to}: ${a.slope.msPerCertificate.toFixed(2)} ms and ${a.slope.kbPerCertificate.toFixed(0)} KB per certificate`,
    );
  if (a.cliOverheadMs !== undefined)
    console.log(`cdktf CLI overhead (cli - example): ${sec(a.cliOverheadMs)} s`);
  if (t.length) {
    console.log("\ntargets (issue 5):");
    for (const [target, measured, met] of t)
      console.log(
        `  ${met === undefined ? "n/a   " : met ? "met   " : "MISSED"}  ${target}: ${measured}`,
      );
  }
  console.log(
    `\nload ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after (1-minute average, ${cores} cores)`,
  );

  const json = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model.trim(),
    cores,
    load: { before: loadBefore, after: loadAfter },
    rssMethod: method,
    options: {
      runs: o.runs,
      warmup: o.warmup,
      baselineRuns: o.baselineRuns,
      cliRuns: o.cliRuns,
      testRuns: o.testRuns,
    },
    generatedFeatures: features && { level: features.level?.name, rejected: features.rejected },
    cases: results.map(({ options: _options, ...r }) => r),
    analysis: a,
    targets: t.map(([target, measured, met]) => ({ target, measured, met: met ?? null })),
  };
  writeFileSync(o.out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`results: ${relative(process.cwd(), o.out) || o.out}`);
  rmSync(tmp, { recursive: true, force: true });
  if (results.some((r) => r.error)) process.exitCode = 1;
}

module.exports = { generatedConfig, parseOptions, selectedCases, stats };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

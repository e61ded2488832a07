#!/usr/bin/env node
// `npm run fuzz`: the config door's property tests with many runs and a random
// seed (printed, with how to replay a failure). CERTKIT_FUZZ_RUNS (default 300)
// and CERTKIT_FUZZ_SEED override them; fast-check prints `seed` and `path` of a
// failure, and CERTKIT_FUZZ_SEED=<seed> CERTKIT_FUZZ_PATH=<path> replays it.
const { spawnSync } = require("node:child_process");
const { randomInt } = require("node:crypto");

const seed = process.env.CERTKIT_FUZZ_SEED ?? String(randomInt(2 ** 31));
const runs = process.env.CERTKIT_FUZZ_RUNS ?? "300";
console.log(`certkit fuzz: seed ${seed}, ${runs} runs per property`);
console.log(`replay: CERTKIT_FUZZ_SEED=${seed} CERTKIT_FUZZ_RUNS=${runs} npm run fuzz`);
const result = spawnSync(
  process.execPath,
  [
    require.resolve("jest/bin/jest"),
    // The path first: --selectProjects takes every name after it.
    "__tests__/door/config.property.test.ts",
    "--selectProjects",
    "unit",
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      CERTKIT_FUZZ_SEED: seed,
      CERTKIT_FUZZ_RUNS: runs,
      CHECKPOINT_DISABLE: "1",
    },
  },
);
console.log(`certkit fuzz: seed ${seed} (replay as above)`);
process.exit(result.status ?? 1);

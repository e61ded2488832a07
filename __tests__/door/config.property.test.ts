// Property-based tests of the config door (fast-check): generated configs, valid
// ones and mutations of them, either synthesize with every piece of config text
// as a Terraform literal, or fail with a ConfigError whose every issue has a key
// path. `npm test` runs a few with a fixed seed; `npm run fuzz` runs many.
import fc from "fast-check";
import { stringify } from "yaml";
import { ConfigError } from "../../config/issues";
import { terraformLiteral } from "../../domains/terraform-literal";
import { ConfigSpec, configSpec, mutate, mutation, render } from "./config-arbitraries";
import { cleanUp, synthAll, textsOf } from "./door";

const FUZZ = process.env.CERTKIT_FUZZ_RUNS !== undefined;
const settings: fc.Parameters<unknown> = {
  seed: Number(process.env.CERTKIT_FUZZ_SEED ?? 20261129),
  // 25 valid configs (each synthesized twice) and 100 mutated: ~7 s on an idle machine.
  numRuns: Number(process.env.CERTKIT_FUZZ_RUNS ?? 25),
  ...(process.env.CERTKIT_FUZZ_PATH ? { path: process.env.CERTKIT_FUZZ_PATH } : {}),
  endOnFailure: !FUZZ,
};
// Jest's 5 s default is too short for 25 syntheses on a loaded machine.
jest.setTimeout(FUZZ ? 24 * 60 * 60 * 1000 : 60_000);

afterAll(cleanUp);

type Json = Record<string, unknown>;

/** Resource, data source and output addresses of every stack. */
function addresses(stacks: readonly Json[]): string[] {
  return stacks.flatMap((s, i) => {
    const blocks = (kind: string) =>
      Object.entries((s[kind] ?? {}) as Record<string, Json>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${i}:${kind}.${type}.${id}`),
      );
    const outputs = Object.keys((s.output ?? {}) as Json).map((id) => `${i}:output.${id}`);
    return [...blocks("resource"), ...blocks("data"), ...outputs];
  });
}

/**
 * Interpolations Terraform would evaluate (`${` or `%{` not escaped by a doubled
 * sign) that are not certkit's own references to resources and functions.
 */
function foreignInterpolations(texts: readonly string[]): string[] {
  const own =
    /^\$\{(aws_[a-z0-9_]+\.|cloudflare_[a-z0-9_]+\.|data\.|trimsuffix\(|element\(|one\(|distinct\(\[for o in aws_acm_certificate\.|local\.)/;
  return texts.flatMap((t) =>
    [...t.matchAll(/(?<![$%])[$%]\{/g)]
      .map((m) => t.slice(m.index))
      .filter((rest) => !own.test(rest)),
  );
}

/** `<stack index>:resource.<type>.<id>`, `data.<type>.<id>` or `output.<id>`, ids of names only. */
const ADDRESS = /^\d+:((resource|data)\.[a-z0-9_]+|output)\.[A-Za-z0-9_-]+$/;

const yamlOf = (config: Json) => stringify(config);

/** Neutral text in every free-text place, distinct per place. */
const neutral = () => {
  let n = 0;
  return () => `n${n++}`;
};

describe("valid configs", () => {
  it("synthesize, with every config text as a literal and addresses from names only", () => {
    fc.assert(
      fc.property(configSpec, (spec: ConfigSpec) => {
        const { config, literals } = render(spec);
        const stacks = synthAll(yamlOf(config));
        const texts = stacks.flatMap(textsOf);
        const missing = literals.filter((l) => !texts.some((t) => t.includes(terraformLiteral(l))));
        expect(missing).toEqual([]);
        expect(foreignInterpolations(texts)).toEqual([]);
        const names = addresses(stacks);
        expect(names.filter((a) => !ADDRESS.test(a))).toEqual([]);
        // The same names with other free text: the same addresses.
        expect(addresses(synthAll(yamlOf(render(spec, neutral()).config)))).toEqual(names);
      }),
      settings,
    );
  });
});

describe("mutated configs", () => {
  it("synthesize safely or fail with a ConfigError whose issues all have a key path", () => {
    fc.assert(
      fc.property(
        configSpec,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (spec, mutations) => {
          // A copy: mutations must not reach the values fast-check generated.
          const config = structuredClone(render(spec).config);
          for (const m of mutations) mutate(config, m);
          let stacks: Json[];
          try {
            stacks = synthAll(yamlOf(config));
          } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            const pathless = e.issues.filter(
              (i) => i.path.length === 0 && !i.message.startsWith("YAML"),
            );
            expect(pathless).toEqual([]);
            return;
          }
          const texts = stacks.flatMap(textsOf);
          expect(foreignInterpolations(texts)).toEqual([]);
          expect(texts.filter((t) => t.includes("TfToken"))).toEqual([]);
          expect(addresses(stacks).filter((a) => !ADDRESS.test(a))).toEqual([]);
        },
      ),
      // Most mutations are refused before synthesis: cheap, so more of them.
      { ...settings, numRuns: settings.numRuns! * 4 },
    );
  });
});

// Helpers shared by the unit tests: configs written as YAML, whole error
// messages, synthesized stacks as JSON, and resource counting.
import { Testing } from "cdktf";
import { ConfigError, formatIssue } from "../config/issues";
import { LoadedConfig, loadConfigText } from "../config/load";
import { EnvironmentStack } from "../stacks/environment-stack";

/**
 * A YAML text written indented inside a test: the indentation common to every
 * line and the first empty line are removed, so line numbers start at 1.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const lines = text.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const common = Math.min(...indents);
  return lines
    .map((l) => l.slice(common))
    .join("\n")
    .replace(/[ ]+$/, "");
}

/** An account id for test configs: the expiry topic's KMS key policy names the account. */
export const TEST_ACCOUNT_ID = "123456789012";

/**
 * A config with zones example.com and example.org and one certificate, `web` in
 * environment prod, written on line 6 as `web: { <fields> }` (fields start at column 14).
 * The account id comes after it, so that line numbers above stay put.
 */
export const withCertificate = (fields: string) => yaml`
  cloudflare: { zones: { example.com: {}, example.org: {} } }
  environments:
    prod:
      region: eu-west-1
      certificates:
        web: { ${fields} }
      accountId: "${TEST_ACCOUNT_ID}"
`;

/**
 * A config with environment prod (eu-west-1) whose certificates are the YAML lines
 * `certificates`, written 8 spaces in (line 7 is the first); `zone` is Cloudflare
 * zone example.com's flow map.
 */
export const prodConfig = (
  certificates: string,
  zone = "{ zoneId: 0123456789abcdef0123456789abcdef }",
) => yaml`
  cloudflare: { zones: { example.com: ${zone} } }
  environments:
    prod:
      region: eu-west-1
      accountId: "${TEST_ACCOUNT_ID}"
      certificates:
${certificates}
`;

/**
 * One certificate `web` for example.com and *.example.com in prod (zone with sslMode strict);
 * `rest` is YAML lines under it, written 10 spaces in (line 9 is the first).
 */
export const webConfig = (rest: string) =>
  prodConfig(
    `        web:\n          domains: [example.com, "*.example.com"]\n${rest}`,
    "{ sslMode: strict }",
  );

/** The message of the ConfigError that loading `text` throws; fails the test when it loads. */
export function configError(text: string, file = "certkit.yaml"): string {
  try {
    loadConfigText(text, file);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error("expected a ConfigError, but the config loaded");
}

/**
 * Asserts the whole error message: the header, then one `  - ` line per problem,
 * in this order.
 */
export function expectProblems(text: string, problems: readonly string[]): void {
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  expect(configError(text)).toBe(
    [`certkit.yaml: ${count}, nothing was synthesized:`, ...problems.map((p) => `  - ${p}`)].join(
      "\n",
    ),
  );
}

/** Loads a config that must be valid; a ConfigError fails the test with its message. */
export function load(text: string): LoadedConfig {
  return loadConfigText(text);
}

/** A valid config's warnings as certkit prints them (after "Warning: "): path, line, message. */
export function warningsOf(text: string): string[] {
  return load(text).warnings.map(formatIssue);
}

/** A valid config and its warnings as printed. */
export function loaded(text: string): { config: LoadedConfig["config"]; warnings: string[] } {
  const { config, warnings } = load(text);
  return { config, warnings: warnings.map(formatIssue) };
}

/** The resolved environment `name` (the only one when omitted). */
export function environmentOf(text: string, name?: string) {
  const { environments } = load(text).config;
  const env = name ? environments.find((e) => e.name === name) : environments[0];
  if (!env) throw new Error(`no environment ${name ?? ""} in the config`);
  return env;
}

/** Synthesized Terraform JSON of one stack; every resource and block as plain data. */
export interface SynthJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: {
    readonly backend?: Record<string, Record<string, unknown>>;
    readonly cloud?: Record<string, unknown>;
  };
  readonly output?: Record<string, { value: string; description?: string }>;
}

/** Builds the stack of one environment of `text` in a fresh app and synthesizes it with validations. */
export function synthEnvironment(text: string, name?: string): SynthJson {
  const stack = new EnvironmentStack(Testing.app(), { environment: environmentOf(text, name) });
  return JSON.parse(Testing.synth(stack, true)) as SynthJson;
}

/** Resources of one type by logical id (empty when there are none). */
export function resourcesOf(
  json: SynthJson,
  type: string,
): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** Data sources of one type by logical id (empty when there are none). */
export function dataSourcesOf(
  json: SynthJson,
  type: string,
): Record<string, Record<string, unknown>> {
  return json.data?.[type] ?? {};
}

/** One resource by type and logical id; fails the test when it is missing. */
export function resourceOf(json: SynthJson, type: string, id: string): Record<string, unknown> {
  const r = resourcesOf(json, type)[id];
  if (!r) {
    throw new Error(
      `no ${type}.${id}; found: ${Object.keys(resourcesOf(json, type)).join(", ") || "none"}`,
    );
  }
  return r;
}

/** Asserts how many resources of each given type the stack has (`toHaveResource` matches any). */
export function expectCounts(json: SynthJson, counts: Record<string, number>): void {
  const actual = Object.fromEntries(
    Object.keys(counts).map((type) => [type, Object.keys(resourcesOf(json, type)).length]),
  );
  expect(actual).toEqual(counts);
}

// Configs generated for the property tests of the config door: valid ones built
// from the schema's keys, with names from a pool of certkit's own ids and
// free text full of Terraform and YAML syntax, and mutations of them.
import fc from "fast-check";
import { ELB_SECURITY_POLICIES } from "../../config/id-shapes";

/**
 * Names for environments, certificates and record keys: certkit's construct ids,
 * output names and AWS-side names, prototype keys, and ordinary names.
 */
export const NAME_POOL = [
  "web",
  "api",
  "prod",
  "staging",
  "x-web",
  "prod-x",
  "backend",
  "aws",
  "cloudflare",
  "expiry",
  "endpoints",
  "validation-records",
  "constructor",
  "prototype",
  "__proto__",
  "toString",
  "aws_us_east_1",
  "certificate_arn_web",
  "certificate_validation_web",
  "endpoint_web",
  "hostnames_web",
  "expiry_alarm_web",
  "expiry_topic_arn_eu_west_1",
  "helm_values_prod-eks_shop",
  "app-web",
  "zones",
  "index",
] as const;

/** Names the schema accepts for environments and certificates (`identifier` in config/schema.ts). */
const IDENTIFIER = /^[a-z][a-z0-9_-]{0,39}$/;
/** Environment names certkit reserves for its own stacks (config/endpoint-rules.ts). */
const RESERVED_ENVIRONMENTS = ["zones", "index", "constructor"];

const usable = NAME_POOL.filter((n) => IDENTIFIER.test(n));
export const certificateNames = usable;
export const environmentNames = usable.filter(
  (n) => !RESERVED_ENVIRONMENTS.includes(n) && !n.endsWith("-ingress"),
);

/** Pieces of text that Terraform, cdktf or YAML give a meaning. */
const FRAGMENTS = [
  "${",
  "%{",
  "$${",
  "%%{",
  "}",
  "$",
  "%",
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
  "{environment}",
  '"',
  "'",
  "\\",
  "\n",
  "\t",
  "\r\n",
  ": ",
  "# ",
  "- ",
  "&a ",
  "*a",
  "!!int ",
  "null",
  "true",
  "0x1F",
  "~",
  "é",
  "ß",
  "🙂",
  "\u202e",
  "日本",
];
const TOKENS = ["${TfToken[TOKEN.1]}", "#{TfToken[TOKEN.2]}", "&{TfToken[TOKEN.3]}"];

const textOf = (fragments: readonly string[]) =>
  fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: "grapheme", maxLength: 3 })), {
      maxLength: 4,
    })
    .map((parts) => parts.join(""));

/** Free text the schema accepts anywhere free text goes (no cdktf token markers). */
export const freeText = textOf(FRAGMENTS);
/** Any text, token markers included. */
export const anyText = textOf([...FRAGMENTS, ...TOKENS]);

/** An email local part with the characters Terraform reads as syntax. */
const emailLocal = fc
  .array(fc.constantFrom("a", "ops", "${", "%{", "}", "$", "%", "'", ".x", "+tag"), {
    minLength: 1,
    maxLength: 4,
  })
  .map((p) => `z${p.join("")}`);

export type Attach =
  | { kind: "none" }
  | { kind: "alb-ingress"; group: string; cluster: string; sslPolicy: string }
  | { kind: "alb-owned"; sslPolicy: string }
  | { kind: "alb-listener" }
  | { kind: "alb-dns" }
  | { kind: "cloudfront"; originPath?: string; webAcl: boolean };

const attach: fc.Arbitrary<Attach> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({
    kind: fc.constant("alb-ingress" as const),
    group: fc.constantFrom("shop", "team.shop", "apps/web"),
    cluster: fc.constantFrom("prod-eks", "c1_2"),
    sslPolicy: fc.constantFrom(...ELB_SECURITY_POLICIES),
  }),
  fc.record({
    kind: fc.constant("alb-owned" as const),
    sslPolicy: fc.constantFrom(...ELB_SECURITY_POLICIES),
  }),
  fc.constant({ kind: "alb-listener" as const }),
  fc.constant({ kind: "alb-dns" as const }),
  fc.record(
    {
      kind: fc.constant("cloudfront" as const),
      // CloudFront refuses an originPath ending in "/" (config/endpoint-rules.ts).
      originPath: freeText.map((t) => `/${t}o`),
      webAcl: fc.boolean(),
    },
    { requiredKeys: ["kind", "webAcl"] },
  ),
);

/** Tag text: only the characters AWS takes in tags (config/tag-rules.ts refuses the rest). */
const tagText = fc
  .array(
    fc.constantFrom("a", "Z", "0", " ", "_", ".", ":", "/", "=", "+", "-", "@", "é", "ß", "日本"),
    {
      maxLength: 6,
    },
  )
  .map((p) => p.join(""));
const tags = fc.array(fc.tuple(tagText, tagText), { maxLength: 2 });

export type Backend =
  | { kind: "local"; path: string }
  | { kind: "s3"; bucket: string; key: string }
  | { kind: "cloud"; organization: string; workspace: string; project?: string; hostname?: string };

/** Backend text: free text without `${` and `%{`, which the rules refuse in backends. */
const backendText = freeText.filter((t) => !/[$%]\{/.test(t));

const backend: fc.Arbitrary<Backend> = fc.oneof(
  fc.record({ kind: fc.constant("local" as const), path: backendText }),
  fc.record({
    kind: fc.constant("s3" as const),
    // S3's bucket naming rules (config/backend-rules.ts).
    bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
    key: backendText,
  }),
  fc.record(
    {
      kind: fc.constant("cloud" as const),
      organization: backendText,
      workspace: backendText,
      project: backendText,
      hostname: backendText,
    },
    { requiredKeys: ["kind", "organization", "workspace"] },
  ),
);

/** The zone of each DNS host in generated configs: Cloudflare's, Route 53's, an external one. */
const ZONES = ["example.com", "example.net", "example.io"] as const;

export interface CertificateSpec {
  readonly name: string;
  /** The zone its name and hostname are in, and so its DNS host. */
  readonly zone: (typeof ZONES)[number];
  /** The hostname as a DNS-only record with its own TTL. */
  readonly dnsOnly: boolean;
  readonly tags: [string, string][];
  readonly attach: Attach;
}

export interface EnvironmentSpec {
  readonly name: string;
  readonly region: "eu-west-1" | "us-east-1";
  readonly tags: [string, string][];
  readonly backend?: Backend;
  readonly certificates: CertificateSpec[];
}

export interface ConfigSpec {
  /** CAA records on the zone: a `zones` stack on defaults.backend. */
  readonly caa: boolean;
  readonly tags: [string, string][];
  readonly emails: string[];
  readonly backend?: Backend;
  readonly environments: EnvironmentSpec[];
}

const certificates = fc
  .uniqueArray(fc.constantFrom(...certificateNames), { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          zone: fc.constantFrom(...ZONES),
          dnsOnly: fc.boolean(),
          tags,
          attach,
        }),
      ),
    ),
  );

/** A valid config's shape: names from the pool, free text everywhere text goes. */
export const configSpec: fc.Arbitrary<ConfigSpec> = fc
  .uniqueArray(fc.constantFrom(...environmentNames), { minLength: 1, maxLength: 2 })
  .chain((names) =>
    fc.record(
      {
        caa: fc.boolean(),
        tags,
        emails: fc
          .uniqueArray(emailLocal, { maxLength: 2 })
          .map((l) => l.map((x) => `${x}@example.com`)),
        backend,
        environments: fc.tuple(
          ...names.map((name) =>
            fc.record(
              {
                name: fc.constant(name),
                region: fc.constantFrom("eu-west-1" as const, "us-east-1" as const),
                tags,
                backend,
                certificates,
              },
              { requiredKeys: ["name", "region", "tags", "certificates"] },
            ),
          ),
        ),
      },
      { requiredKeys: ["caa", "tags", "emails", "environments"] },
    ),
  );

const ACCOUNT = "123456789012";
const WEB_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/site/626900da-5f64-418b-ba9b-743f3746cabc`;

/** An object with these own keys, `__proto__` included, in order. */
const record = <V>(entries: [string, V][]): Record<string, V> => {
  const out: Record<string, V> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
};

/** Literal text the config holds and where it must reach synthesized output. */
export interface Rendered {
  readonly config: Record<string, unknown>;
  /** Config text (backend text after `{environment}` is filled in) that must appear in the output as a Terraform literal. */
  readonly literals: string[];
}

/**
 * The config of a spec. `text` maps each piece of free text (so that the same
 * names can be rendered with other text); tag keys get a prefix per level, so
 * that no level's tag hides another's.
 */
export function render(spec: ConfigSpec, text: (s: string) => string = (s) => s): Rendered {
  const literals: string[] = [];
  const tagMap = (prefix: string, entries: [string, string][]) => {
    const map = record(
      entries.map(([k, v]) => [`${prefix}${text(k)}`, text(v)] as [string, string]),
    );
    literals.push(...Object.entries(map).flat());
    return map;
  };
  const backendOf = (b: Backend, users: readonly string[]) => {
    // {environment} in every string keeps each stack's state its own.
    const own = (s: string, suffix: string) => `${text(s)}/{environment}${suffix}`;
    const value =
      b.kind === "local"
        ? { local: { path: own(b.path, ".tfstate") } }
        : b.kind === "s3"
          ? {
              s3: {
                bucket: b.bucket,
                // One segment before {environment}: no "/" in it, never "." or "..".
                key: own(`k${b.key.replace(/\//g, "_")}`, ".tfstate"),
                region: "eu-west-1",
              },
            }
          : {
              cloud: {
                organization: `o${text(b.organization)}`,
                workspace: own(b.workspace, ""),
                ...(b.project === undefined ? {} : { project: text(b.project) }),
                ...(b.hostname === undefined ? {} : { hostname: text(b.hostname) }),
              },
            };
    for (const env of users) {
      const strings = Object.values(Object.values(value)[0] as Record<string, string>);
      literals.push(...strings.map((s) => s.replace(/\{environment\}/g, env)));
    }
    return value;
  };
  const usingDefaults = spec.environments.filter((e) => !e.backend).map((e) => e.name);
  literals.push(...spec.emails);
  // The controller sets one ssl-policy per Ingress group: the first certificate's, for all of it.
  const groupPolicies = new Map<string, string>();
  const groupPolicy = (group: string, cluster: string, policy: string) => {
    const key = JSON.stringify([group, cluster]);
    if (!groupPolicies.has(key)) groupPolicies.set(key, policy);
    return groupPolicies.get(key);
  };
  const environments = spec.environments.map((env, i) => {
    const certificates = env.certificates.map((c, j) => {
      // One level under the zone: Cloudflare's free edge certificate covers it proxied.
      const domain = `c${j}-e${i}.${c.zone}`;
      const region = env.region;
      const lb = `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/lb${j}e${i}/50dc6c495c0c9188`;
      const a = c.attach;
      const alb =
        a.kind === "alb-ingress"
          ? {
              ingressGroup: a.group,
              cluster: a.cluster,
              sslPolicy: groupPolicy(a.group, a.cluster, a.sslPolicy),
            }
          : a.kind === "alb-owned"
            ? {
                loadBalancerArn: lb,
                targetGroupArn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:targetgroup/tg${j}/73e2d6bc24d8a067`,
                sslPolicy: a.sslPolicy,
              }
            : a.kind === "alb-listener"
              ? { listenerArn: `${lb.replace(":loadbalancer/", ":listener/")}/f2f7dc8efc522ab2` }
              : a.kind === "alb-dns"
                ? { dnsName: `lb${j}.${region}.elb.amazonaws.com` }
                : undefined;
      let cloudfront: Record<string, unknown> | undefined;
      if (a.kind === "cloudfront") {
        const originPath =
          a.originPath === undefined ? undefined : `/${text(a.originPath.slice(1))}`;
        if (originPath !== undefined) literals.push(originPath);
        cloudfront = {
          origin: `origin${j}.example.net`,
          ...(originPath === undefined ? {} : { originPath }),
          ...(a.webAcl ? { webAclId: WEB_ACL } : {}),
        };
      }
      return [
        c.name,
        {
          domains: [domain],
          ...(c.tags.length ? { tags: tagMap("c-", c.tags) } : {}),
          ...(alb ? { attach: { alb } } : cloudfront ? { attach: { cloudfront } } : {}),
          hostnames: [c.dnsOnly ? { name: domain, proxied: false, ttlSeconds: 120 } : domain],
          ...(a.kind === "none" ? { target: "edge.example.net" } : {}),
        },
      ] as [string, unknown];
    });
    return [
      env.name,
      {
        region: env.region,
        ...(env.tags.length ? { tags: tagMap("e-", env.tags) } : {}),
        ...(env.backend ? { backend: backendOf(env.backend, [env.name]) } : {}),
        certificates: record(certificates),
      },
    ] as [string, unknown];
  });
  const config = {
    cloudflare: { zones: { "example.com": { sslMode: "strict", caa: spec.caa } } },
    route53: { zones: { "example.net": { zoneId: "Z0123456789ABCDEFGHIJ", caa: spec.caa } } },
    external: { zones: { "example.io": {} } },
    defaults: {
      region: "eu-west-1",
      accountId: ACCOUNT,
      ...(spec.tags.length ? { tags: tagMap("d-", spec.tags) } : {}),
      ...(spec.emails.length ? { alarm: { emails: [...spec.emails] } } : {}),
      ...(spec.backend ? { backend: backendOf(spec.backend, usingDefaults) } : {}),
    },
    environments: record(environments),
  };
  return { config, literals };
}

export type Mutation =
  | { kind: "set-text"; at: number; text: string }
  | { kind: "set-value"; at: number; value: unknown }
  | { kind: "rename-key"; at: number; name: string }
  | { kind: "delete-key"; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set-text" as const), at: fc.nat(), text: anyText }),
  fc.record({
    kind: fc.constant("set-value" as const),
    at: fc.nat(),
    value: fc.constantFrom<unknown>(0, -1, 1.5, 1e300, true, null, [], {}, [""], { a: 1 }),
  }),
  fc.record({
    kind: fc.constant("rename-key" as const),
    at: fc.nat(),
    name: fc.oneof(fc.constantFrom(...NAME_POOL), anyText),
  }),
  fc.record({ kind: fc.constant("delete-key" as const), at: fc.nat() }),
);

/** Applies a mutation in place, at the `at`-th (modulo) leaf or key of the config. */
export function mutate(config: Record<string, unknown>, m: Mutation): void {
  const places: { parent: Record<string, unknown>; key: string }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    for (const key of Object.keys(node)) {
      places.push({ parent: node as Record<string, unknown>, key });
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(config);
  const leaves = places.filter(
    (p) => typeof p.parent[p.key] !== "object" || p.parent[p.key] === null,
  );
  const pool = m.kind === "set-text" || m.kind === "set-value" ? leaves : places;
  if (!pool.length) return;
  const { parent, key } = pool[m.at % pool.length];
  if (m.kind === "set-text") parent[key] = m.text;
  // A copy: the generated constant is shared by runs, and a later mutation could nest it in itself.
  else if (m.kind === "set-value") parent[key] = structuredClone(m.value);
  else {
    const entries = Object.entries(parent).filter(([k]) => k !== key);
    const value = parent[key];
    for (const k of Object.keys(parent)) delete parent[k];
    const renamed = m.kind === "rename-key" ? [[m.name, value] as [string, unknown]] : [];
    for (const [k, v] of [...entries, ...renamed]) {
      Object.defineProperty(parent, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
}

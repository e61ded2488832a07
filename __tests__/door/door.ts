// Shared by the door's tests: every string-valued key of the schema, configs
// that hold each of them, and synthesis of every stack of a config.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { stringify } from "yaml";
import { z } from "zod";
import { ConfigError, KeyPath } from "../../config/issues";
import { loadConfigText } from "../../config/load";
import { ConfigSchema } from "../../config/schema";
import { buildApp } from "../../stacks/build-app";

/** A step of a key pattern: a property, any record entry (`*`), a record key (`<key>`), any list item (`[]`). */
export type PatternStep = string | { readonly any: "entry" | "key" | "item" };
export type KeyPattern = readonly PatternStep[];

interface JsonSchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
}

/**
 * Every place the config file can hold a string, from the zod schema itself
 * (as certkit.schema.json is written): a key added later is listed too.
 */
export function schemaStringKeys(): KeyPattern[] {
  const root = z.toJSONSchema(ConfigSchema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchemaNode;
  const found = new Map<string, KeyPattern>();
  const walk = (node: JsonSchemaNode, at: KeyPattern): void => {
    if (node.type === "string") found.set(patternText(at), at);
    for (const [k, v] of Object.entries(node.properties ?? {})) walk(v, [...at, k]);
    if (typeof node.additionalProperties === "object") {
      const key: KeyPattern = [...at, { any: "key" }];
      found.set(patternText(key), key);
      walk(node.additionalProperties, [...at, { any: "entry" }]);
    }
    if (node.items) walk(node.items, [...at, { any: "item" }]);
    for (const alternative of node.anyOf ?? []) walk(alternative, at);
  };
  walk(root, []);
  return [...found.values()];
}

export const patternText = (p: KeyPattern) =>
  p
    .map((s) =>
      typeof s === "string" ? s : s.any === "entry" ? "*" : s.any === "key" ? "<key>" : "[]",
    )
    .join(".");

const ACCOUNT = "123456789012";
const ZONE_ID = "0123456789abcdef0123456789abcdef";
const LB = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`;
const TG = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`;
const LISTENER = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:cert-expiry`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const WEB_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/site/626900da-5f64-418b-ba9b-743f3746cabc`;
const alarm = { emails: ["ops@example.com"], kmsKey: KEY, daysBeforeExpiry: 30 };
const tags = { team: "platform" };

/**
 * Valid configs that together hold every key of the schema (the forms of
 * attach and backend exclude each other). Each value is a valid sample.
 */
export const BASE_CONFIGS: readonly Record<string, unknown>[] = [
  {
    $schema: "./certkit.schema.json",
    project: "shop",
    cloudflare: {
      zones: {
        "example.com": {
          zoneId: ZONE_ID,
          caa: true,
          sslMode: "strict",
          edgeCertificate: "universal",
        },
      },
    },
    defaults: {
      region: "eu-west-1",
      accountId: ACCOUNT,
      backend: { local: { path: "state/{environment}.tfstate" } },
      tags,
      alarm,
    },
    environments: {
      prod: {
        region: "eu-west-1",
        accountId: ACCOUNT,
        backend: { local: { path: "prod.tfstate" } },
        tags: { tier: "gold" },
        alarm: { emails: ["prod-ops@example.com"] },
        validationRecordOwners: { "example.com": "staging" },
        certificates: {
          web: {
            domains: ["example.com", "*.example.com"],
            keyAlgorithm: "RSA_2048",
            tags: { app: "web" },
            alarm: { emails: ["web@example.com"] },
            attach: {
              alb: {
                ingressGroup: "shop",
                cluster: "prod-eks",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                scheme: "internet-facing",
              },
            },
            hostnames: ["www.example.com"],
          },
          api: {
            domains: ["api.example.com"],
            target: "edge.example.net",
            hostnames: [{ name: "api.example.com", proxied: false, ttlSeconds: 300 }],
          },
        },
      },
      staging: { certificates: { web: { domains: ["example.com"] } } },
    },
  },
  {
    cloudflare: { zones: { "example.com": {} } },
    defaults: {
      region: "eu-west-1",
      accountId: ACCOUNT,
      backend: {
        s3: {
          bucket: "state-bucket",
          key: "certkit/{environment}.tfstate",
          region: "eu-west-1",
          kmsKeyId: KEY,
          roleArn: `arn:aws:iam::${ACCOUNT}:role/state`,
        },
      },
      alarm: { topicArn: TOPIC },
    },
    environments: {
      prod: {
        backend: {
          cloud: {
            organization: "acme",
            workspace: "certkit-{environment}",
            project: "certs",
            hostname: "tfe.example.com",
          },
        },
        certificates: {
          web: {
            domains: ["example.com"],
            attach: {
              alb: { listenerArn: LISTENER, dnsName: "shop-1.eu-west-1.elb.amazonaws.com" },
            },
            hostnames: ["example.com"],
          },
          app: {
            domains: ["app.example.com"],
            attach: { alb: { loadBalancerArn: LB, targetGroupArn: TG } },
            hostnames: ["app.example.com"],
          },
          site: {
            domains: ["site.example.com"],
            // A CloudFront certificate lives in us-east-1, and so must its topic.
            alarm: { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:cert-expiry` },
            attach: {
              cloudfront: {
                origin: "origin.example.net",
                originPath: "/site",
                priceClass: "PriceClass_100",
                cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
                originRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
                minimumProtocolVersion: "TLSv1.2_2021",
                webAclId: WEB_ACL,
              },
            },
            hostnames: ["site.example.com"],
          },
        },
        adopt: {
          certificates: {
            web: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`,
          },
          validationRecords: { "example.com": "372e67954025e0ba6aaa6d586b9e0b59" },
          hostnames: { "example.com": "9a7806061c88ada191ed06f989cc3dac" },
        },
      },
      // Takes defaults.backend.
      dev: { certificates: { web: { domains: ["dev.example.com"] } } },
    },
  },
  {
    cloudflare: { zones: { "example.com": {} } },
    route53: {
      zones: {
        "example.net": {
          zoneId: "Z0123456789ABCDEFGHIJ",
          roleArn: `arn:aws:iam::${ACCOUNT}:role/dns`,
          externalId: "certkit-dns",
        },
      },
    },
    external: { zones: { "example.io": {} } },
    defaults: {
      region: "eu-west-1",
      accountId: ACCOUNT,
      backend: {
        cloud: {
          organization: "acme",
          workspace: "certkit-{environment}",
          project: "certs",
          hostname: "tfe.example.com",
        },
      },
    },
    environments: {
      prod: {
        backend: {
          s3: {
            bucket: "state-bucket",
            key: "certkit/prod.tfstate",
            region: "eu-west-1",
            kmsKeyId: KEY,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/state`,
          },
        },
        alarm: { topicArn: TOPIC },
        certificates: { web: { domains: ["example.com"], alarm: { kmsKey: KEY } } },
      },
      dev: {
        alarm: { kmsKey: KEY },
        certificates: { web: { domains: ["dev.example.com"] } },
      },
    },
  },
];

/** A config in which the key at `pattern` holds `text`, and the concrete key path; undefined if no base holds the key. */
export function plant(
  pattern: KeyPattern,
  text: string,
): { readonly yaml: string; readonly path: KeyPath } | undefined {
  for (const base of BASE_CONFIGS) {
    const copy = structuredClone(base);
    const path = setAt(copy, pattern, text);
    if (path) return { yaml: stringify(copy), path };
  }
  return undefined;
}

/** Puts `text` where `pattern` points in `data` (the first entry or item that holds the rest); the path, or undefined. */
function setAt(data: unknown, pattern: KeyPattern, text: string): KeyPath | undefined {
  const [step, ...rest] = pattern;
  if (data === null || typeof data !== "object") return undefined;
  const obj = data as Record<string, unknown>;
  if (typeof step === "string") {
    if (!(step in obj)) return undefined;
    if (!rest.length) {
      if (typeof obj[step] !== "string") return undefined;
      obj[step] = text;
      return [step];
    }
    const inner = setAt(obj[step], rest, text);
    return inner && [step, ...inner];
  }
  if (step.any === "key") {
    // A new entry under the planted key, with the value of the entry it copies.
    const [first] = Object.keys(obj);
    if (first === undefined || Array.isArray(obj)) return undefined;
    const value = obj[first];
    delete obj[first];
    Object.defineProperty(obj, text, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return [text];
  }
  const keys = step.any === "item" ? (Array.isArray(obj) ? obj.keys() : []) : Object.keys(obj);
  for (const k of keys) {
    if (!rest.length) {
      if (typeof obj[k as string] !== "string") continue;
      obj[k as string] = text;
      return [k];
    }
    const inner = setAt(obj[k as string], rest, text);
    if (inner) return [k, ...inner];
  }
  return undefined;
}

let outdir: string | undefined;

/** Loads `text` and synthesizes every stack it makes, with validations; a ConfigError is thrown as is. */
export function synthAll(text: string): Record<string, unknown>[] {
  const { config } = loadConfigText(text);
  outdir ??= mkdtempSync(join(tmpdir(), "certkit-door-"));
  const app = Testing.app({ outdir });
  return buildApp(app, config).map(
    (s) => JSON.parse(Testing.synth(s, true)) as Record<string, unknown>,
  );
}

/** Removes the synthesis folder (call from afterAll). */
export function cleanUp(): void {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}

/** Every string and every object key in synthesized JSON. */
export function textsOf(json: unknown): string[] {
  if (typeof json === "string") return [json];
  if (Array.isArray(json)) return json.flatMap(textsOf);
  if (json === null || typeof json !== "object") return [];
  return Object.entries(json).flatMap(([k, v]) => [k, ...textsOf(v)]);
}

/** The ConfigError loading `text` throws, or undefined when it loads. */
export function configErrorOf(text: string): ConfigError | undefined {
  try {
    loadConfigText(text);
    return undefined;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

export const startsWith = (path: KeyPath, prefix: KeyPath) =>
  prefix.length <= path.length && prefix.every((p, i) => String(path[i]) === String(p));

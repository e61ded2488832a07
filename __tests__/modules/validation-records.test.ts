import { Testing } from "cdktf";
import { planValidationRecords } from "../../domains/validation-records";
import { ZoneRouter } from "../../domains/zones";
import { Certificate } from "../../modules/certificate";
import { dnsProvidersFor } from "../../modules/dns";
import { ValidationRecords, ValidationRecordsProps } from "../../modules/validation-records";
import { SynthJson, dataSourcesOf, expectCounts, resourceOf, resourcesOf } from "../helpers";

const router = new ZoneRouter([
  { name: "example.com", provider: "cloudflare", zoneId: "0123456789abcdef0123456789abcdef" },
  { name: "example.org", provider: "cloudflare" },
]);

/** The record expression ACM's answer for `domain` of certificate `cert` gives (trailing dot trimmed). */
const recordExpr = (cert: string, domain: string, attr: "name" | "value") =>
  `\${trimsuffix(one([for o in aws_acm_certificate.${cert}.domain_validation_options : o.resource_record_${attr} if o.domain_name == "${domain}"]), ".")}`;

/**
 * Synthesizes certificates (config name -> domains) with their validation
 * records, as an environment named prod would plan them.
 */
function synthRecords(
  certificates: Record<string, string[]>,
  props: Partial<Pick<ValidationRecordsProps, "ownedElsewhere" | "ttlSeconds">> = {},
): SynthJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const built = new Map(
        Object.entries(certificates).map(([name, domains]) => [
          name,
          new Certificate(scope, name, {
            domains,
            keyAlgorithm: "RSA_2048",
            transparencyLogging: true,
            exportable: false,
            validationTimeoutMinutes: 75,
            waitForValidation: true,
          }),
        ]),
      );
      const planned = planValidationRecords(
        Object.entries(certificates).map(([name, domains]) => ({ name, domains })),
        router,
      ).filter((r) => props.ownedElsewhere?.[r.baseName] === undefined);
      new ValidationRecords(scope, "validation-records", {
        records: planned,
        certificates: built,
        dns: dnsProvidersFor(scope, { region: "eu-west-1" }),
        environment: "prod",
        ttlSeconds: new Map(Object.keys(certificates).map((name) => [name, 60])),
        ...props,
      });
    }),
  ) as SynthJson;
}

const record = (json: SynthJson, id: string) => resourceOf(json, "cloudflare_dns_record", id);
const waitsOf = (json: SynthJson, cert: string) =>
  resourceOf(json, "aws_acm_certificate_validation", cert).validation_record_fqdns;

describe("ValidationRecords", () => {
  it("creates one record for x and *.x", () => {
    const json = synthRecords({ web: ["example.com", "*.example.com"] });
    expect(Object.keys(resourcesOf(json, "cloudflare_dns_record"))).toEqual([
      "acm_validation_example_com",
    ]);
  });

  it("creates one record for two certificates naming one domain, both waiting on it", () => {
    const json = synthRecords({
      web: ["www.example.com"],
      api: ["api.example.com", "www.example.com"],
    });
    expectCounts(json, { cloudflare_dns_record: 2 });
    expect([waitsOf(json, "web"), waitsOf(json, "api")]).toEqual([
      ["${cloudflare_dns_record.acm_validation_www_example_com.name}"],
      [
        "${cloudflare_dns_record.acm_validation_api_example_com.name}",
        "${cloudflare_dns_record.acm_validation_www_example_com.name}",
      ],
    ]);
  });

  it("says in the comment which certificates a shared record validates", () => {
    const json = synthRecords({ web: ["www.example.com"], api: ["www.example.com"] });
    expect(record(json, "acm_validation_www_example_com").comment).toBe(
      "ACM validation, prod: api, web. Keep: renewals need it.",
    );
  });

  it("writes a DNS-only CNAME with the TTL it is given for the certificate", () => {
    const json = synthRecords({ web: ["example.com"] }, { ttlSeconds: new Map([["web", 300]]) });
    const r = record(json, "acm_validation_example_com");
    expect([r.type, r.proxied, r.ttl]).toEqual(["CNAME", false, 300]);
  });

  it.each([1, 60, 86400])("takes a TTL of %i seconds", (ttl) => {
    const json = synthRecords({ web: ["example.com"] }, { ttlSeconds: new Map([["web", ttl]]) });
    expect(record(json, "acm_validation_example_com").ttl).toBe(ttl);
  });

  it.each([0, 30, 86401, 60.5])("fails when a certificate's TTL is %d seconds", (ttl) => {
    expect(() =>
      synthRecords({ web: ["example.com"] }, { ttlSeconds: new Map([["web", ttl]]) }),
    ).toThrow(
      new Error(
        `stack/validation-records: TTL of certificate "web"'s validation records must be 1 (automatic) or 60 to 86400 seconds, got ${ttl}.`,
      ),
    );
  });

  it("fails when a certificate with records has no TTL", () => {
    expect(() => synthRecords({ web: ["example.com"] }, { ttlSeconds: new Map() })).toThrow(
      new Error('stack/validation-records: no TTL for certificate "web"\'s validation records.'),
    );
  });

  it("takes name and content from ACM's answer with the trailing dot trimmed", () => {
    const r = record(synthRecords({ web: ["*.example.com"] }), "acm_validation_example_com");
    expect([r.name, r.content]).toEqual([
      recordExpr("web", "*.example.com", "name"),
      recordExpr("web", "*.example.com", "value"),
    ]);
  });

  it("writes to the configured zone id when the config gives one", () => {
    const json = synthRecords({ web: ["example.com"] });
    expect(record(json, "acm_validation_example_com").zone_id).toBe(
      "0123456789abcdef0123456789abcdef",
    );
  });

  it("looks a zone without an id up by name, once for all its records", () => {
    const json = synthRecords({ web: ["example.org", "api.example.org"] });
    const zones = dataSourcesOf(json, "cloudflare_zone");
    expect([
      Object.keys(zones),
      zones.zone_example_org.filter,
      record(json, "acm_validation_example_org").zone_id,
      record(json, "acm_validation_api_example_org").zone_id,
    ]).toEqual([
      ["zone_example_org"],
      { name: "example.org" },
      "${data.cloudflare_zone.zone_example_org.id}",
      "${data.cloudflare_zone.zone_example_org.id}",
    ]);
  });

  it("looks up no zone when every zone has an id", () => {
    expect(dataSourcesOf(synthRecords({ web: ["example.com"] }), "cloudflare_zone")).toEqual({});
  });

  it("creates no record owned by another environment, but still waits on its own record name", () => {
    const json = synthRecords(
      { web: ["example.com", "*.example.com", "www.example.com"] },
      { ownedElsewhere: { "example.com": "staging" } },
    );
    expect([Object.keys(resourcesOf(json, "cloudflare_dns_record")), waitsOf(json, "web")]).toEqual(
      [
        ["acm_validation_www_example_com"],
        [
          "${cloudflare_dns_record.acm_validation_www_example_com.name}",
          recordExpr("web", "example.com", "name"),
        ],
      ],
    );
  });

  it("shortens a comment to Cloudflare's 100 characters", () => {
    const names = [
      "alpha",
      "bravo",
      "charlie",
      "delta",
      "echo",
      "foxtrot",
      "golf",
      "hotel",
      "india",
    ];
    const json = synthRecords(Object.fromEntries(names.map((n) => [n, ["www.example.com"]])));
    expect(record(json, "acm_validation_www_example_com").comment).toBe(
      "ACM validation, prod: alpha, bravo, charlie, delta, echo, foxtrot, golf, hotel, india. Keep: rene...",
    );
  });
});

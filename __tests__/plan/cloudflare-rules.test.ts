// Each Cloudflare API rule of the plan harness, shown able to fail on hand-made
// planned values (no terraform needed); examples.plan.test.ts runs them on real plans.
import {
  checkCloudflareResources,
  formatViolations,
  type PlannedCloudflareResource,
} from "./cloudflare-rules";
import { KNOWN_AFTER_APPLY, describePlan, planStacks, type Json } from "./harness";
import { plannedCloudflareResources } from "./plan-queries";

const ZONE_ID = "0123456789abcdef0123456789abcdef";

function record(address: string, values: Json, more: Partial<PlannedCloudflareResource> = {}) {
  return {
    stack: "prod",
    address: `cloudflare_dns_record.${address}`,
    type: "cloudflare_dns_record",
    values: { zone_id: ZONE_ID, ttl: 60, proxied: false, ...values },
    zone: "example.com",
    ...more,
  };
}

const cname = (address: string, name: string, content: string, values: Json = {}) =>
  record(address, { type: "CNAME", name, content, ...values });
const caa = (address: string, data: Json, more: Partial<PlannedCloudflareResource> = {}) =>
  record(
    address,
    { type: "CAA", name: "example.com", ttl: 3600, data },
    { stack: "zones", ...more },
  );

function pack(values: Json): PlannedCloudflareResource {
  return {
    stack: "zones",
    address: "cloudflare_certificate_pack.example_com",
    type: "cloudflare_certificate_pack",
    values: {
      zone_id: ZONE_ID,
      type: "advanced",
      hosts: ["example.com", "*.staging.example.com", "staging.example.com"],
      certificate_authority: "google",
      validation_method: "txt",
      validity_days: 90,
      ...values,
    },
    zone: "example.com",
  };
}

function totalTls(values: Json): PlannedCloudflareResource {
  return {
    stack: "zones",
    address: "cloudflare_total_tls.example_com",
    type: "cloudflare_total_tls",
    values: { zone_id: ZONE_ID, enabled: true, ...values },
    zone: "example.com",
  };
}

/** A zone as certkit plans it: CAA at the apex, app records, a validation record. */
const valid = (): PlannedCloudflareResource[] => [
  caa("caa_issue_example_com", { flags: 0, tag: "issue", value: "amazon.com" }),
  caa("caa_issuewild_example_com", { flags: 0, tag: "issuewild", value: "amazon.com" }),
  // The provider takes flags as a number or a string.
  caa("caa_iodef_example_com", {
    flags: "128",
    tag: "iodef",
    value: "mailto:security@example.com",
  }),
  // A proxied CNAME at the apex sits beside the CAA records: Cloudflare flattens it.
  cname("app_example_com", "example.com", "shop-1.eu-west-1.elb.amazonaws.com", {
    proxied: true,
    ttl: 1,
  }),
  cname("app_www_example_com", "www.example.com", "shop-1.eu-west-1.elb.amazonaws.com", {
    proxied: true,
    ttl: 1,
  }),
  cname("app_api_example_com", "API.example.com.", "shop-1.eu-west-1.elb.amazonaws.com", {
    ttl: 300,
  }),
  cname("acm_validation_x", KNOWN_AFTER_APPLY, KNOWN_AFTER_APPLY, { ttl: 60 }),
  record("txt", { type: "TXT", name: "example.com", content: "v=spf1 -all", ttl: 1 }),
  pack({}),
  totalTls({ certificate_authority: "lets_encrypt" }),
];

/** The violations of `valid()` with `change` applied, one line each. */
function violations(change: (rs: PlannedCloudflareResource[]) => PlannedCloudflareResource[]) {
  return formatViolations(checkCloudflareResources(change(valid()))).split("\n");
}

/** Changes the planned values of the resource at `address` (`type.name`, or a record's name). */
const replace =
  (address: string, values: Json) =>
  (rs: PlannedCloudflareResource[]): PlannedCloudflareResource[] => {
    const full = address.includes(".") ? address : `cloudflare_dns_record.${address}`;
    return rs.map((r) => (r.address === full ? { ...r, values: { ...r.values, ...values } } : r));
  };

const add =
  (...extra: PlannedCloudflareResource[]) =>
  (rs: PlannedCloudflareResource[]) => [...rs, ...extra];

const API =
  "https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/create/";
const PROXY = "https://developers.cloudflare.com/dns/proxy-status/";
const TYPES =
  "https://developers.cloudflare.com/dns/manage-dns-records/reference/dns-record-types/";
const SAME_NAME =
  "https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/";
const PACK =
  "https://developers.cloudflare.com/api/resources/ssl/subresources/certificate_packs/methods/create/";
const TOTAL_TLS =
  "https://developers.cloudflare.com/api/resources/acm/subresources/total_tls/methods/create/";

describe("Cloudflare API rules over planned values", () => {
  test("a zone as certkit plans it passes, unknown values unjudged", () => {
    expect(checkCloudflareResources(valid())).toEqual([]);
  });

  test("an Enterprise zone takes a TTL of 30 seconds, others do not", () => {
    const ttl30 = replace("app_api_example_com", { ttl: 30 })(valid());
    expect(checkCloudflareResources(ttl30, { enterpriseZones: ["example.com"] })).toEqual([]);
    expect(checkCloudflareResources(ttl30, { enterpriseZones: ["example.org"] })).toHaveLength(1);
  });

  test.each<[string, (rs: PlannedCloudflareResource[]) => PlannedCloudflareResource[], string[]]>([
    [
      "fails when a record type is unknown to the API",
      replace("txt", { type: "SPF" }),
      [
        `prod: cloudflare_dns_record.txt: type must be one of A, AAAA, CAA, CERT, CNAME, DNSKEY, DS, HTTPS, LOC, MX, NAPTR, NS, OPENPGPKEY, PTR, SMIMEA, SRV, SSHFP, SVCB, TLSA, TXT, URI, got "SPF" [dns-type; ${API}]`,
      ],
    ],
    [
      "fails when a TXT record is proxied",
      replace("txt", { proxied: true }),
      [
        `prod: cloudflare_dns_record.txt: only A, AAAA and CNAME records can be proxied, got proxied TXT [dns-proxiable; ${PROXY}]`,
      ],
    ],
    [
      "fails when a proxied record has a TTL other than 1",
      replace("app_www_example_com", { ttl: 300 }),
      [
        `prod: cloudflare_dns_record.app_www_example_com: a proxied record has TTL 1 (automatic), got 300 [dns-proxied-ttl; ${PROXY}]`,
      ],
    ],
    [
      "fails when a TTL is below 60",
      replace("app_api_example_com", { ttl: 30 }),
      [
        `prod: cloudflare_dns_record.app_api_example_com: ttl must be 1 (automatic) or 60 to 86400, got 30 [dns-ttl-range; ${API}]`,
      ],
    ],
    [
      "fails when a TTL is above 86400",
      replace("caa_issue_example_com", { ttl: 86401 }),
      [
        `zones: cloudflare_dns_record.caa_issue_example_com: ttl must be 1 (automatic) or 60 to 86400, got 86401 [dns-ttl-range; ${API}]`,
      ],
    ],
    [
      "fails when a name is empty",
      replace("txt", { name: "" }),
      [`prod: cloudflare_dns_record.txt: name is required, got "" [dns-name; ${API}]`],
    ],
    [
      "fails when a name is longer than 253 characters",
      replace("txt", { name: `${`${"a".repeat(60)}.`.repeat(4)}example.com` }),
      [
        `prod: cloudflare_dns_record.txt: name must be at most 253 characters, got 255 [dns-name-length; ${TYPES}]`,
      ],
    ],
    [
      "fails when a label of a name is longer than 63 characters",
      replace("txt", { name: `${"a".repeat(64)}.example.com` }),
      [
        `prod: cloudflare_dns_record.txt: each label of the name must be at most 63 characters, got 64 in "${"a".repeat(64)}.example.com" [dns-name-length; ${TYPES}]`,
      ],
    ],
    [
      "fails when an A record's content is not an IPv4 address",
      add(record("a_api2", { type: "A", name: "api2.example.com", content: "2001:db8::1" })),
      [
        `prod: cloudflare_dns_record.a_api2: an A record's content must be an IPv4 address, got "2001:db8::1" [dns-address-content; ${API}]`,
      ],
    ],
    [
      "fails when an AAAA record's content is not an IPv6 address",
      add(record("aaaa_api2", { type: "AAAA", name: "api2.example.com", content: "192.0.2.1" })),
      [
        `prod: cloudflare_dns_record.aaaa_api2: an AAAA record's content must be an IPv6 address, got "192.0.2.1" [dns-address-content; ${API}]`,
      ],
    ],
    [
      "fails when an NS record shares its name with another record",
      add(
        record("ns_dev", { type: "NS", name: "dev.example.com", content: "ns1.example.net" }),
        record(
          "txt_dev",
          { type: "TXT", name: "dev.example.com", content: "hello" },
          { stack: "dev" },
        ),
      ),
      [
        `prod: cloudflare_dns_record.ns_dev: NS records must be the only records at "dev.example.com", but dev: cloudflare_dns_record.txt_dev plans a record of type TXT there too [dns-ns-alone; ${API}]`,
      ],
    ],
    [
      "fails when a name is outside its zone",
      replace("txt", { name: "www.example.org" }),
      [
        `prod: cloudflare_dns_record.txt: name must be the zone apex example.com or a name under it, got "www.example.org" [dns-name-in-zone; ${API}]`,
      ],
    ],
    [
      "fails when a name only ends like its zone",
      replace("txt", { name: "www.notexample.com" }),
      [
        `prod: cloudflare_dns_record.txt: name must be the zone apex example.com or a name under it, got "www.notexample.com" [dns-name-in-zone; ${API}]`,
      ],
    ],
    [
      "fails when a CNAME points at itself",
      replace("app_api_example_com", { content: "api.example.com." }),
      [
        `prod: cloudflare_dns_record.app_api_example_com: a CNAME must not point at its own name "API.example.com." [dns-cname-self; ${API}]`,
      ],
    ],
    [
      "fails when a CNAME has no content",
      replace("app_api_example_com", { content: null }),
      [
        `prod: cloudflare_dns_record.app_api_example_com: a CNAME needs content (a hostname), got null [dns-cname-content; ${API}]`,
      ],
    ],
    [
      "fails when CAA flags are neither 0 nor 128",
      replace("caa_issue_example_com", { data: { flags: 1, tag: "issue", value: "amazon.com" } }),
      [
        `zones: cloudflare_dns_record.caa_issue_example_com: CAA flags must be 0 or 128 (issuer critical), got 1 [dns-caa-flags; RFC 8659 §4.1; ${API}]`,
      ],
    ],
    [
      "fails when a CAA tag is not issue, issuewild or iodef",
      replace("caa_issue_example_com", { data: { flags: 0, tag: "issuer", value: "amazon.com" } }),
      [
        `zones: cloudflare_dns_record.caa_issue_example_com: CAA tag must be one of issue, issuewild, iodef, got "issuer" [dns-caa-tag; RFC 8659 §4.2-4.4; ${API}]`,
      ],
    ],
    [
      "fails when a CAA record has no data",
      replace("caa_issue_example_com", { data: null }),
      [
        `zones: cloudflare_dns_record.caa_issue_example_com: a CAA record needs data { flags, tag, value }, got null [dns-caa-data; ${API}]`,
      ],
    ],
    [
      "fails when a CAA value is empty",
      replace("caa_issue_example_com", { data: { flags: 0, tag: "issue", value: "" } }),
      [
        `zones: cloudflare_dns_record.caa_issue_example_com: CAA value must be a non-empty string, got "" [dns-caa-value; ${API}]`,
      ],
    ],
    [
      "fails when a CNAME meets a CNAME of another stack at one name (81053)",
      add(cname("app_www", "WWW.example.com", "cdn.example.net", { proxied: true, ttl: 1 })),
      [
        `prod: cloudflare_dns_record.app_www_example_com: a CNAME must be the only record at "www.example.com", but prod: cloudflare_dns_record.app_www plans a record of type CNAME there too (Cloudflare errors 81053/81054) [dns-cname-alone; ${SAME_NAME}]`,
      ],
    ],
    [
      "fails when an A record meets a CNAME at one name (81053/81054)",
      add({
        ...record("a_api", { type: "A", name: "api.example.com", content: "192.0.2.1" }),
        stack: "staging",
      }),
      [
        `prod: cloudflare_dns_record.app_api_example_com: a CNAME must be the only record at "API.example.com.", but staging: cloudflare_dns_record.a_api plans a record of type A there too (Cloudflare errors 81053/81054) [dns-cname-alone; ${SAME_NAME}]`,
      ],
    ],
    [
      "fails when a CAA record sits beside a CNAME below the apex",
      add(
        record(
          "caa_www",
          {
            type: "CAA",
            name: "www.example.com",
            data: { flags: 0, tag: "issue", value: "amazon.com" },
          },
          { stack: "zones" },
        ),
      ),
      [
        `prod: cloudflare_dns_record.app_www_example_com: a CNAME must be the only record at "www.example.com", but zones: cloudflare_dns_record.caa_www plans a record of type CAA there too [dns-cname-alone; RFC 1034 §3.6.2; https://developers.cloudflare.com/dns/cname-flattening/]`,
      ],
    ],
    [
      "fails when two stacks plan an identical record (81058)",
      add(
        caa("caa_issue_again", { flags: 0, tag: "issue", value: "amazon.com" }, { stack: "prod" }),
      ),
      [
        `prod: cloudflare_dns_record.caa_issue_again: plans the same CAA record at "example.com" as zones: cloudflare_dns_record.caa_issue_example_com (Cloudflare error 81058: an identical record already exists) [dns-identical-record; ${SAME_NAME}]`,
      ],
    ],
    [
      "fails when a certificate pack is not advanced",
      replace("cloudflare_certificate_pack.example_com", { type: "universal" }),
      [
        `zones: cloudflare_certificate_pack.example_com: type must be one of "advanced", got "universal" [pack-type; ${PACK}]`,
      ],
    ],
    [
      "fails when a certificate pack's hosts miss the zone apex",
      replace("cloudflare_certificate_pack.example_com", {
        hosts: ["*.staging.example.com", "staging.example.com"],
      }),
      [
        `zones: cloudflare_certificate_pack.example_com: hosts must contain the zone apex example.com, got ["*.staging.example.com","staging.example.com"] [pack-hosts-apex; ${PACK}]`,
      ],
    ],
    [
      "fails when a certificate pack has more than 50 hosts",
      replace("cloudflare_certificate_pack.example_com", {
        hosts: ["example.com", ...Array.from({ length: 50 }, (_, i) => `h${i}.example.com`)],
      }),
      [
        `zones: cloudflare_certificate_pack.example_com: hosts may list at most 50 hostnames, got 51 [pack-hosts; ${PACK}]`,
      ],
    ],
    [
      "fails when a certificate pack has no hosts",
      replace("cloudflare_certificate_pack.example_com", { hosts: [] }),
      [
        `zones: cloudflare_certificate_pack.example_com: hosts must list 1 to 50 hostnames, got [] [pack-hosts; ${PACK}]`,
      ],
    ],
    [
      "fails when a certificate pack names an unknown authority",
      replace("cloudflare_certificate_pack.example_com", { certificate_authority: "digicert" }),
      [
        `zones: cloudflare_certificate_pack.example_com: certificate_authority must be one of "google", "lets_encrypt", "ssl_com", got "digicert" [pack-authority; ${PACK}]`,
      ],
    ],
    [
      "fails when a certificate pack's validity is not offered",
      replace("cloudflare_certificate_pack.example_com", { validity_days: 60 }),
      [
        `zones: cloudflare_certificate_pack.example_com: validity_days must be one of 14, 30, 90, 365, got 60 [pack-validity-days; ${PACK}]`,
      ],
    ],
    [
      "fails when Let's Encrypt is asked for other than 90 days",
      replace("cloudflare_certificate_pack.example_com", {
        certificate_authority: "lets_encrypt",
        validity_days: 30,
      }),
      [
        "zones: cloudflare_certificate_pack.example_com: validity_days with lets_encrypt must be one of 90, got 30 [pack-validity-days; https://developers.cloudflare.com/ssl/reference/certificate-authorities/]",
      ],
    ],
    [
      "fails when a certificate pack's validation method is not offered",
      replace("cloudflare_certificate_pack.example_com", { validation_method: "dns" }),
      [
        `zones: cloudflare_certificate_pack.example_com: validation_method must be one of "txt", "http", "email", got "dns" [pack-validation-method; ${PACK}]`,
      ],
    ],
    [
      "fails when Total TLS enabled is not a boolean",
      replace("cloudflare_total_tls.example_com", { enabled: "yes" }),
      [
        `zones: cloudflare_total_tls.example_com: enabled must be true or false, got "yes" [total-tls-enabled; ${TOTAL_TLS}]`,
      ],
    ],
    [
      "fails when Total TLS names an unknown authority",
      replace("cloudflare_total_tls.example_com", { certificate_authority: "sectigo" }),
      [
        `zones: cloudflare_total_tls.example_com: certificate_authority must be one of "google", "lets_encrypt", "ssl_com", got "sectigo" [total-tls-authority; ${TOTAL_TLS}]`,
      ],
    ],
  ])("%s", (_name, change, expected) => {
    expect(violations(change)).toEqual(expected);
  });
});

/** Two hand-made stacks that break the rules, one zone looked up by name, one by id. */
function brokenStacks(): Record<string, Json> {
  const lookup = { data: { cloudflare_zone: { org: { filter: { name: "example.org" } } } } };
  const caaIssue = {
    zone_id: "${data.cloudflare_zone.org.id}",
    name: "example.org",
    type: "CAA",
    ttl: 3600,
    data: { flags: 0, tag: "issue", value: "amazon.com" },
  };
  return {
    zones: {
      ...lookup,
      resource: {
        cloudflare_dns_record: { caa_issue: caaIssue },
        cloudflare_certificate_pack: {
          example_com: {
            zone_id: ZONE_ID,
            type: "advanced",
            hosts: ["*.staging.example.com", "staging.example.com"],
            certificate_authority: "lets_encrypt",
            validation_method: "txt",
            validity_days: 30,
          },
        },
        cloudflare_total_tls: {
          example_com: { zone_id: ZONE_ID, enabled: true, certificate_authority: "digicert" },
        },
      },
    },
    dev: {
      ...lookup,
      resource: {
        cloudflare_dns_record: {
          caa_issue: caaIssue,
          www: {
            zone_id: "${data.cloudflare_zone.org.id}",
            name: "www.example.org",
            type: "CNAME",
            content: '${lower("WWW.example.org")}',
            ttl: 300,
            proxied: true,
          },
        },
      },
    },
  };
}

describePlan("Cloudflare API rules after a real plan", (environment) => {
  const zones = { [ZONE_ID]: "example.com" };

  test("planStacks fails on what each stack breaks alone, naming stack, address and rule", async () => {
    await expect(
      planStacks(brokenStacks(), { environment, cloudflare: { zoneNames: zones } }),
    ).rejects.toThrow(
      [
        "Cloudflare would refuse at apply what this plan holds:",
        "zones: cloudflare_certificate_pack.example_com: validity_days with lets_encrypt must be one of 90, got 30 [pack-validity-days; https://developers.cloudflare.com/ssl/reference/certificate-authorities/]",
        `zones: cloudflare_certificate_pack.example_com: hosts must contain the zone apex example.com, got ["*.staging.example.com","staging.example.com"] [pack-hosts-apex; ${PACK}]`,
        `zones: cloudflare_total_tls.example_com: certificate_authority must be one of "google", "lets_encrypt", "ssl_com", got "digicert" [total-tls-authority; ${TOTAL_TLS}]`,
        `dev: cloudflare_dns_record.www: a proxied record has TTL 1 (automatic), got 300 [dns-proxied-ttl; ${PROXY}]`,
        `dev: cloudflare_dns_record.www: a CNAME must not point at its own name "www.example.org" [dns-cname-self; ${API}]`,
        "(the rules and their sources: __tests__/plan/cloudflare-rules.ts)",
      ].join("\n"),
    );
  });

  test("the stacks of one configuration checked together also meet across stacks", async () => {
    const plans = await planStacks(brokenStacks(), { environment, cloudflare: false });
    const resources = Object.entries(plans).flatMap(([stack, plan]) =>
      plannedCloudflareResources(plan, stack, zones),
    );
    expect(resources.map((r) => `${r.stack}: ${r.address} in ${String(r.zone)}`)).toEqual([
      "zones: cloudflare_dns_record.caa_issue in example.org",
      "zones: cloudflare_certificate_pack.example_com in example.com",
      "zones: cloudflare_total_tls.example_com in example.com",
      "dev: cloudflare_dns_record.caa_issue in example.org",
      "dev: cloudflare_dns_record.www in example.org",
    ]);
    // The CNAME's content is an expression: the rules judge the planned value.
    expect(formatViolations(checkCloudflareResources(resources)).split("\n")).toEqual([
      `dev: cloudflare_dns_record.www: a proxied record has TTL 1 (automatic), got 300 [dns-proxied-ttl; ${PROXY}]`,
      `dev: cloudflare_dns_record.www: a CNAME must not point at its own name "www.example.org" [dns-cname-self; ${API}]`,
      `dev: cloudflare_dns_record.caa_issue: plans the same CAA record at "example.org" as zones: cloudflare_dns_record.caa_issue (Cloudflare error 81058: an identical record already exists) [dns-identical-record; ${SAME_NAME}]`,
      "zones: cloudflare_certificate_pack.example_com: validity_days with lets_encrypt must be one of 90, got 30 [pack-validity-days; https://developers.cloudflare.com/ssl/reference/certificate-authorities/]",
      `zones: cloudflare_certificate_pack.example_com: hosts must contain the zone apex example.com, got ["*.staging.example.com","staging.example.com"] [pack-hosts-apex; ${PACK}]`,
      `zones: cloudflare_total_tls.example_com: certificate_authority must be one of "google", "lets_encrypt", "ssl_com", got "digicert" [total-tls-authority; ${TOTAL_TLS}]`,
    ]);
  });
});

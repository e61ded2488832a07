import {
  CertificateNames,
  planValidationRecords,
  validationRecordId,
} from "../../domains/validation-records";
import { ZoneRouter } from "../../domains/zones";

const router = new ZoneRouter([
  { name: "example.com", provider: "cloudflare", zoneId: "0123456789abcdef0123456789abcdef" },
  { name: "dev.example.com", provider: "cloudflare" },
  { name: "example.org", provider: "cloudflare" },
]);

const plan = (...certificates: CertificateNames[]) => planValidationRecords(certificates, router);

/** Record id -> certificates it validates: the shape most tests assert. */
const byId = (...certificates: CertificateNames[]) =>
  Object.fromEntries(plan(...certificates).map((r) => [r.id, r.certificates]));

describe("planValidationRecords", () => {
  it("plans one record for x and *.x", () => {
    expect(plan({ name: "web", domains: ["example.com", "*.example.com"] })).toEqual([
      {
        id: "acm_validation_example_com",
        baseName: "example.com",
        zone: router.route("example.com"),
        certificates: ["web"],
        source: { certificate: "web", domain: "example.com" },
      },
    ]);
  });

  it("takes a shared record from the name itself, whatever the order of x and *.x", () => {
    expect(plan({ name: "web", domains: ["*.example.com", "example.com"] })[0].source).toEqual({
      certificate: "web",
      domain: "example.com",
    });
  });

  it("takes a wildcard-only name's record from the wildcard", () => {
    expect(plan({ name: "web", domains: ["*.example.com"] })[0].source).toEqual({
      certificate: "web",
      domain: "*.example.com",
    });
  });

  it("plans one record for two certificates naming one domain, listing both", () => {
    expect(
      byId(
        { name: "web", domains: ["www.example.com"] },
        { name: "api", domains: ["api.example.com", "www.example.com"] },
      ),
    ).toEqual({
      acm_validation_api_example_com: ["api"],
      acm_validation_www_example_com: ["api", "web"],
    });
  });

  it("routes each record to the zone with the longest matching suffix", () => {
    const zones = plan({
      name: "web",
      domains: ["example.com", "*.dev.example.com", "api.example.org"],
    }).map((r) => [r.baseName, r.zone.name]);
    expect(zones).toEqual([
      ["api.example.org", "example.org"],
      ["dev.example.com", "dev.example.com"],
      ["example.com", "example.com"],
    ]);
  });

  it("keeps every record unchanged when domains are reordered", () => {
    const before = plan({
      name: "web",
      domains: ["example.com", "www.example.com", "api.example.org"],
    });
    const after = plan({
      name: "web",
      domains: ["api.example.org", "example.com", "www.example.com"],
    });
    expect(after).toEqual(before);
  });

  it("keeps existing records unchanged when a domain is added", () => {
    const before = plan({ name: "web", domains: ["example.com", "www.example.com"] });
    const after = plan({
      name: "web",
      domains: ["shop.example.com", "example.com", "www.example.com"],
    });
    expect(after.filter((r) => r.baseName !== "shop.example.com")).toEqual(before);
  });

  it("keeps the source certificate when certificates are reordered", () => {
    const web = { name: "web", domains: ["www.example.com"] };
    const api = { name: "api", domains: ["www.example.com"] };
    expect([plan(web, api)[0].source, plan(api, web)[0].source]).toEqual([
      { certificate: "api", domain: "www.example.com" },
      { certificate: "api", domain: "www.example.com" },
    ]);
  });

  it("skips names no zone holds (config rules report them)", () => {
    expect(byId({ name: "web", domains: ["example.com", "www.example.net"] })).toEqual({
      acm_validation_example_com: ["web"],
    });
  });
});

describe("validationRecordId", () => {
  it("derives the id from the name alone", () => {
    expect(validationRecordId("api.dev.example.com")).toBe("acm_validation_api_dev_example_com");
  });

  it("keeps hyphens, so distinct names give distinct ids", () => {
    expect([validationRecordId("a-b.example.com"), validationRecordId("a.b.example.com")]).toEqual([
      "acm_validation_a-b_example_com",
      "acm_validation_a_b_example_com",
    ]);
  });
});

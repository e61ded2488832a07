// Rules on certificate names and zones, as the config file reports them.
import { expectProblems, load, warningsOf, withCertificate, yaml } from "../helpers";

/** The config with one certificate `web` naming `domains` (a YAML flow list). */
const withDomains = (domains: string) => withCertificate(`domains: ${domains}`);

describe("certificate names", () => {
  it("fails when a name ends with a dot", () => {
    expectProblems(withDomains("[example.com, www.example.com.]"), [
      'environments.prod.certificates.web.domains[1] (line 6, column 37): ends with a dot, got "www.example.com.". Fix: write "www.example.com" (ACM rejects the trailing dot).',
    ]);
  });

  it("fails when a wildcard is not the leftmost label", () => {
    expectProblems(withDomains('[example.com, "www.*.example.com"]'), [
      'environments.prod.certificates.web.domains[1] (line 6, column 37): has "*" outside the leftmost label, got "www.*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
    ]);
  });

  it("fails when a label starts with a hyphen", () => {
    expectProblems(withDomains("[-www.example.com]"), [
      'environments.prod.certificates.web.domains[0] (line 6, column 24): has an invalid label "-www" in "-www.example.com". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).',
    ]);
  });

  it("fails when a name is under no configured zone, listing the zones", () => {
    expectProblems(withDomains("[example.com, shop.example.net]"), [
      'environments.prod.certificates.web.domains[1] (line 6, column 37): "shop.example.net" is under no configured zone (configured: example.com, example.org). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.',
    ]);
  });

  it("fails when no zone is configured at all", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            certificates:
              web: { domains: [example.com] }
            accountId: "123456789012"
      `,
      [
        'environments.prod.certificates.web.domains[0] (line 5, column 24): "example.com" is under no configured zone (none configured). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.',
      ],
    );
  });

  it("fails when the primary name is longer than 64 characters", () => {
    const primary = `${"a".repeat(53)}.example.com`;
    expectProblems(withDomains(`[${primary}]`), [
      `environments.prod.certificates.web.domains[0] (line 6, column 24): the primary name must be 64 characters or less (ACM's limit on the first name), got 65: "${primary}". Fix: put a shorter name first; longer names may follow as alternative names.`,
    ]);
  });

  it("accepts a primary name of 64 characters and a longer alternative name", () => {
    const primary = `${"a".repeat(52)}.example.com`;
    const alternative = `${"b".repeat(63)}.example.com`;
    const { config } = load(withDomains(`[${primary}, ${alternative}]`));
    expect(config.environments[0].certificates[0].domains).toEqual([primary, alternative]);
  });

  it("fails when a certificate has more than 100 names", () => {
    const names = Array.from({ length: 101 }, (_, i) => `n${i}.example.com`);
    expectProblems(withDomains(`[${names.join(", ")}]`), [
      "environments.prod.certificates.web.domains (line 6, column 23): has 101 names; ACM allows at most 100 per certificate. Fix: split it into several certificates.",
    ]);
  });

  it("warns when a certificate has more than the default quota of 10 names", () => {
    const names = Array.from({ length: 11 }, (_, i) => `n${i}.example.com`);
    expect(warningsOf(withDomains(`[${names.join(", ")}]`))).toContain(
      "environments.prod.certificates.web.domains (line 6, column 23): 11 names exceed ACM's default quota of 10 per certificate; request a quota increase (up to 100) before deploying, or split the certificate.",
    );
  });

  it("does not warn about the quota at 10 names", () => {
    const names = Array.from({ length: 10 }, (_, i) => `n${i}.example.com`);
    const warnings = warningsOf(withDomains(`[${names.join(", ")}]`));
    expect(warnings.filter((w) => w.includes("quota"))).toEqual([]);
  });

  it("fails when a certificate names one domain twice", () => {
    expectProblems(withDomains("[example.com, www.example.com, example.com]"), [
      'environments.prod.certificates.web.domains[2] (line 6, column 54): "example.com" repeats domains[0]. Fix: list each name once.',
    ]);
  });

  it("fails when two names differ only in case", () => {
    expectProblems(withDomains("[www.example.com, WWW.Example.com]"), [
      'environments.prod.certificates.web.domains[1] (line 6, column 41): "www.example.com" repeats domains[0]. Fix: list each name once.',
    ]);
  });

  it("accepts x and *.x in one certificate", () => {
    const { config } = load(withDomains('[example.com, "*.example.com"]'));
    expect(config.environments[0].certificates[0].domains).toEqual([
      "example.com",
      "*.example.com",
    ]);
  });

  it("warns about an uppercase name", () => {
    expect(warningsOf(withDomains("[WWW.Example.com]"))).toContain(
      'environments.prod.certificates.web.domains[0] (line 6, column 24): "WWW.Example.com" is used as "www.example.com" (DNS names are case-insensitive; ACM wants lowercase).',
    );
  });

  it("uses uppercase names in lowercase", () => {
    const env = load(withDomains('[WWW.Example.com, "*.API.example.ORG"]')).config.environments[0];
    expect(env.certificates[0].domains).toEqual(["www.example.com", "*.api.example.org"]);
  });
});

describe("zones", () => {
  it("fails when a zone name is a wildcard", () => {
    expectProblems(
      yaml`
        cloudflare:
          zones:
            "*.example.com": {}
        environments: { prod: { region: eu-west-1, certificates: {} } }
      `,
      [
        'cloudflare.zones["*.example.com"] (line 3, column 22): zone name may not be a wildcard, got "*.example.com". Fix: write the zone\'s apex, "example.com"; records under it go to the zone.',
      ],
    );
  });

  it("fails when a zone name is not a DNS name", () => {
    expectProblems(
      yaml`
        cloudflare:
          zones:
            example.com.: {}
        environments: { prod: { region: eu-west-1, certificates: {} } }
      `,
      [
        'cloudflare.zones["example.com."] (line 3, column 19): zone name ends with a dot, got "example.com.". Fix: write "example.com" (ACM rejects the trailing dot).',
      ],
    );
  });
});

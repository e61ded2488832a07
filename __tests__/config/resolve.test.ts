// resolveConfig is pure and total: it relies on no rule having run. A fact it
// cannot do without is an invariant error naming the function, never a TypeError.
import { parse } from "yaml";
import { ResolveInvariantError } from "../../config/issues";
import { resolveConfig } from "../../config/resolve";
import { ConfigSchema } from "../../config/schema";
import { yaml } from "../helpers";

/** The schema's view of `text`, without the rules. */
const document = (text: string) => ConfigSchema.parse(parse(text));

const withCertificate = (cert: string, region = "region: eu-west-1") => yaml`
  cloudflare: { zones: { Example.com: {} } }
  environments:
    prod:
      ${region}
      certificates:
        web: ${cert}
`;

function invariant(text: string): string {
  try {
    resolveConfig(document(text));
  } catch (e) {
    if (e instanceof ResolveInvariantError) return e.message;
    throw e;
  }
  throw new Error("resolved without an invariant error");
}

describe("resolve without the rules", () => {
  it("names the missing region", () => {
    expect(invariant(withCertificate("{ domains: [example.com] }", ""))).toBe(
      "resolveConfig: environments.prod has no region (the config rules refuse this; resolve ran without them)",
    );
  });

  it("names a hostname no zone holds", () => {
    expect(
      invariant(
        withCertificate(
          "{ domains: [a.example.org], target: lb.example.net, hostnames: [a.example.org] }",
        ),
      ),
    ).toBe(
      "resolveHostnames: environments.prod.certificates.web.hostnames[0]: no zone holds a.example.org (the config rules refuse this; resolve ran without them)",
    );
  });

  it("names what an ALB attachment lacks", () => {
    expect(
      invariant(
        withCertificate("{ domains: [example.com], attach: { alb: { ingressGroup: web } } }"),
      ),
    ).toBe(
      "resolveAttach: environments.prod.certificates.web.attach.alb has no cluster (the config rules refuse this; resolve ran without them)",
    );
  });

  it("builds what the rules refuse but it can build: a name in no configured zone gets no record", () => {
    const [env] = resolveConfig(
      document(withCertificate("{ domains: [a.example.org] }")),
    ).environments;
    expect([env.certificates[0].domains, env.validationRecords]).toEqual([["a.example.org"], []]);
  });
});

describe("DNS names", () => {
  it("are lowercased once, in resolve: zones, domains, hostnames, target, owners, adopted names", () => {
    const config = resolveConfig(
      document(yaml`
        cloudflare: { zones: { Example.COM: {} } }
        environments:
          prod:
            region: eu-west-1
            validationRecordOwners: { WWW.Example.com: staging }
            adopt: { hostnames: { WWW.Example.com: "0123456789abcdef0123456789abcdef" } }
            certificates:
              web:
                domains: [WWW.Example.com, Api.Example.com]
                target: LB.Example.net
                hostnames: [WWW.Example.com, { name: Api.EXAMPLE.com }]
      `),
    );
    const [env] = config.environments;
    const [web] = env.certificates;
    expect({
      zones: config.zones.map((z) => z.name),
      domains: web.domains,
      target: web.target,
      hostnames: web.hostnames.map((h) => [h.name, h.zone.name, h.adoptRecordId]),
      owners: env.validationRecordsOwnedElsewhere,
      records: env.validationRecords.map((r) => r.baseName),
    }).toEqual({
      zones: ["example.com"],
      domains: ["www.example.com", "api.example.com"],
      target: "lb.example.net",
      hostnames: [
        ["www.example.com", "example.com", "0123456789abcdef0123456789abcdef"],
        ["api.example.com", "example.com", undefined],
      ],
      owners: { "www.example.com": "staging" },
      records: ["api.example.com"],
    });
  });
});

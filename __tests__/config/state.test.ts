// Every stack certkit makes keeps its own state, in a bucket of known region.
import { expectProblems, load, yaml } from "../helpers";

describe("state of the zones and ingress stacks", () => {
  it("fails when the zones stack would share an environment's state", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: { caa: true } } }
        defaults: { backend: { s3: { bucket: tf-state, key: certkit/prod.tfstate } } }
        environments:
          prod: { region: eu-west-1, accountId: "123456789012", certificates: {} }
      `,
      [
        "defaults.backend.s3.key (line 2, column 53): gives stacks prod and zones the same state (s3://tf-state/certkit/prod.tfstate); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"certkit/{environment}.tfstate\".",
      ],
    );
  });

  it("gives the zones and ingress stacks their own state next to the environments'", () => {
    const { config } = load(yaml`
      cloudflare: { zones: { example.com: { sslMode: strict } } }
      defaults: { region: eu-west-1, accountId: "123456789012", backend: { s3: { bucket: tf-state, key: "certkit/{environment}.tfstate" } } }
      environments:
        prod:
          certificates:
            web: { domains: [www.example.com], attach: { alb: { ingressGroup: shop, cluster: eks } }, hostnames: [www.example.com] }
    `);
    const [prod] = config.environments;
    expect(
      [prod.backend, prod.ingressBackend, config.zonesBackend].map(
        (b) => b?.kind === "s3" && b.key,
      ),
    ).toEqual(["certkit/prod.tfstate", "certkit/prod-ingress.tfstate", "certkit/zones.tfstate"]);
  });

  it("fails when one default bucket without a region serves environments in several regions", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { accountId: "123456789012", backend: { s3: { bucket: tf-state, key: "certkit/{environment}.tfstate" } } }
        environments:
          eu: { region: eu-west-1, certificates: {} }
          us: { region: us-east-1, certificates: {} }
      `,
      [
        "defaults.backend.s3 (line 2, column 55): has no region, but the environments using it are in eu-west-1 and us-east-1; the bucket is in one region. Fix: set region: to the bucket's region.",
      ],
    );
  });
});

// Every stack certkit makes keeps its own state, in a bucket of known region.
import { expectProblems, load, loaded, yaml } from "../helpers";

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

  it("names the environment's own key when it is the one without {environment}", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: { caa: true } } }
        defaults: { backend: { s3: { bucket: tf-state, key: "state/{environment}" } } }
        environments:
          prod: { region: eu-west-1, accountId: "123456789012", backend: { s3: { bucket: tf-state, key: state/zones } }, certificates: {} }
      `,
      [
        "environments.prod.backend.s3.key (line 4, column 97): gives stacks prod and zones the same state (s3://tf-state/state/zones); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"certkit/{environment}.tfstate\".",
      ],
    );
  });

  it("says to make the keys differ when both have {environment}", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012", backend: { s3: { bucket: tf-state, key: "s/{environment}-x" } } }
        environments:
          a: { certificates: {} }
          a-x: { backend: { s3: { bucket: tf-state, key: "s/{environment}" } }, certificates: {} }
      `,
      [
        "environments.a-x.backend.s3.key (line 5, column 50): gives stacks a and a-x the same state (s3://tf-state/s/a-x); each stack's apply would destroy the other's resources. Fix: make it differ from the key of stack a.",
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
        "defaults.backend.s3 (line 2, column 55): has no region, but bucket tf-state would be reached in eu-west-1 and us-east-1; a bucket is in one region. Fix: set region: to the bucket's region.",
      ],
    );
  });

  it("accepts a bucket per environment in each environment's region", () => {
    expect(() =>
      load(yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { accountId: "123456789012", backend: { s3: { bucket: "tf-state-{environment}", key: certkit.tfstate } } }
        environments:
          eu: { region: eu-west-1, certificates: {} }
          us: { region: us-east-1, certificates: {} }
      `),
    ).not.toThrow();
  });

  it("puts the zones stack's state in the region of the environments sharing its bucket", () => {
    const { config, warnings } = loaded(yaml`
      cloudflare: { zones: { example.com: { caa: true } } }
      defaults: { backend: { s3: { bucket: "tf-state-{environment}", key: certkit.tfstate } } }
      environments:
        prod: { region: us-west-2, backend: { local: {} }, certificates: {} }
        staging: { region: eu-west-1, certificates: {} }
    `);
    expect(config.zonesRegion).toBe("eu-west-1");
    expect(warnings).toContain(
      'defaults.backend.s3.bucket (line 2, column 38): the zones stack keeps its state in bucket "tf-state-zones" ({environment} = zones); create that bucket before `cdktf deploy zones`.',
    );
  });
});

describe("local state paths", () => {
  const withPath = (path: string) => yaml`
    cloudflare: { zones: { example.com: {} } }
    defaults: { region: eu-west-1, accountId: "123456789012", backend: { local: { path: "${path}" } } }
    environments:
      prod: { certificates: {} }
  `;

  it("fails when the path is empty", () => {
    expectProblems(withPath(""), [
      'defaults.backend.local.path (line 2, column 85): is empty. Fix: write the state file\'s path, such as "state/terraform.{environment}.tfstate", or leave path out for terraform.{environment}.tfstate.',
    ]);
  });

  it("fails when the path names a folder", () => {
    expectProblems(withPath("state/"), [
      'defaults.backend.local.path (line 2, column 85): names a folder, got "state/". Fix: name the state file in it, such as "state/terraform.{environment}.tfstate".',
    ]);
  });

  it("fails when two spellings of one relative path give stacks one state", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          prod: { backend: { local: { path: state.tfstate } }, certificates: {} }
          dev: { backend: { local: { path: ./state.tfstate } }, certificates: {} }
      `,
      [
        "environments.dev.backend.local.path (line 5, column 36): gives stacks prod and dev the same state (local file state.tfstate); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"terraform.{environment}.tfstate\".",
      ],
    );
  });
});

describe("environment names the review needs", () => {
  it("fails when an environment is named index, the review's summary page", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          index: { region: eu-west-1, certificates: {} }
      `,
      [
        'environments.index (line 3, column 10): "index" is reserved: `npm run review` writes the summary of all environments to index.md. Fix: rename the environment.',
      ],
    );
  });
});

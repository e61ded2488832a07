// Rules across an environment or between environments: region, backend, state
// and validation records shared by environments in one AWS account.
import { environmentOf, expectProblems, load, warningsOf, yaml } from "../helpers";

describe("region", () => {
  it("fails when an environment has no region and no default, naming both places", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            certificates: {}
      `,
      [
        "environments.prod.region (line 3, column 5): is required. Fix: set it here or in defaults.region.",
      ],
    );
  });

  it("takes the region from defaults", () => {
    expect(
      environmentOf(yaml`
        defaults: { region: eu-central-1 }
        environments: { prod: { certificates: {} } }
      `).region,
    ).toBe("eu-central-1");
  });

  it("prefers the environment's region over the default", () => {
    expect(
      environmentOf(yaml`
        defaults: { region: eu-central-1 }
        environments: { prod: { region: us-west-2, certificates: {} } }
      `).region,
    ).toBe("us-west-2");
  });
});

describe("environments", () => {
  it("fails when there is no environment", () => {
    expectProblems("environments: {}\n", [
      "environments (line 1, column 15): defines no environment. Fix: add one, such as `prod:` with its certificates.",
    ]);
  });

  it("merges tags: defaults, then the environment, then certkit's own", () => {
    expect(
      environmentOf(yaml`
        project: shop
        defaults: { region: eu-west-1, tags: { owner: platform, tier: web } }
        environments:
          prod: { tags: { tier: edge, environment: mine }, certificates: {} }
      `).tags,
    ).toEqual({
      owner: "platform",
      tier: "edge",
      project: "shop",
      environment: "prod",
      "managed-by": "certkit",
    });
  });
});

describe("backend", () => {
  it("fails when an environment's backend names two kinds", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            backend:
              local: {}
              s3: { bucket: tf-state, key: certkit.tfstate }
            certificates: {}
      `,
      [
        "environments.prod.backend (line 5, column 7): needs exactly one of local, s3, cloud, got local and s3. Fix: keep one.",
      ],
    );
  });

  it("fails once when the default backend names two kinds, however many environments use it", () => {
    expectProblems(
      yaml`
        defaults:
          region: eu-west-1
          backend:
            s3: { bucket: tf-state, key: "certkit/{environment}.tfstate" }
            cloud: { organization: acme, workspace: "certkit-{environment}" }
        environments:
          staging: { certificates: {} }
          prod: { certificates: {} }
      `,
      [
        "defaults.backend (line 4, column 5): needs exactly one of local, s3, cloud, got s3 and cloud. Fix: keep one.",
      ],
    );
  });

  it("fails when a backend names no kind", () => {
    expectProblems(
      yaml`
        environments:
          prod: { region: eu-west-1, backend: {}, certificates: {} }
      `,
      [
        "environments.prod.backend (line 2, column 39): needs exactly one of local, s3, cloud, got none. Fix: keep one.",
      ],
    );
  });

  it("fails when a default s3 key gives every environment the same state", () => {
    expectProblems(
      yaml`
        defaults:
          region: eu-west-1
          backend:
            s3: { bucket: tf-state, key: certkit.tfstate }
        environments:
          staging: { certificates: {} }
          prod: { certificates: {} }
          dev: { certificates: {} }
      `,
      [
        "defaults.backend.s3.key (line 4, column 34): gives stacks staging and prod the same state (s3://tf-state/certkit.tfstate); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"certkit/{environment}.tfstate\".",
      ],
    );
  });

  it("fails when two environments name the same cloud workspace", () => {
    expectProblems(
      yaml`
        defaults: { region: eu-west-1 }
        environments:
          staging:
            backend: { cloud: { organization: acme, workspace: certkit } }
            certificates: {}
          prod:
            backend: { cloud: { organization: acme, workspace: certkit } }
            certificates: {}
      `,
      [
        "environments.prod.backend.cloud.workspace (line 7, column 56): gives stacks staging and prod the same state (workspace certkit of acme); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"certkit-{environment}\".",
      ],
    );
  });

  it("fails when a default local path gives every environment the same state", () => {
    expectProblems(
      yaml`
        defaults:
          region: eu-west-1
          backend: { local: { path: state/certkit.tfstate } }
        environments:
          staging: { certificates: {} }
          prod: { certificates: {} }
      `,
      [
        "defaults.backend.local.path (line 3, column 29): gives stacks staging and prod the same state (local file state/certkit.tfstate); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"terraform.{environment}.tfstate\".",
      ],
    );
  });

  it("resolves {environment} in a default s3 backend per environment", () => {
    const text = yaml`
      defaults:
        region: eu-west-1
        backend:
          s3: { bucket: "tf-{environment}", key: "certkit/{environment}.tfstate" }
      environments:
        staging: { certificates: {} }
        prod: { certificates: {} }
    `;
    expect(environmentOf(text, "prod").backend).toEqual({
      kind: "s3",
      bucket: "tf-prod",
      key: "certkit/prod.tfstate",
      encrypt: true,
    });
  });

  it("resolves to a local state file named after the environment by default", () => {
    expect(
      environmentOf(yaml`
        environments: { prod: { region: eu-west-1, certificates: {} } }
      `).backend,
    ).toEqual({ kind: "local", path: "terraform.prod.tfstate" });
  });
});

/**
 * Two environments in one account that both validate example.com; `prodExtra` is a
 * line added to prod, `stagingAccount` replaces staging's accountId line.
 */
const sharedAccount = (prodExtra = "", stagingAccount = 'accountId: "123456789012"') => yaml`
  cloudflare: { zones: { example.com: {} } }
  defaults: { region: eu-west-1 }
  environments:
    staging:
      ${stagingAccount}
      certificates:
        web: { domains: [staging.example.com, example.com] }
    prod:
      accountId: "123456789012"
      ${prodExtra}
      certificates:
        web: { domains: [example.com, "*.example.com"] }
`;

describe("validation records shared by environments", () => {
  it("fails when two environments in one account need one record, saying who could own it", () => {
    expectProblems(sharedAccount(), [
      'environments.prod.certificates.web.domains[0] (line 12, column 24): the validation record for "example.com" is also needed by environment staging in the same account 123456789012; both stacks would manage one Cloudflare record. Fix: choose its owner: add `validationRecordOwners: { "example.com": staging }` to environments.prod (or the reverse in staging).',
    ]);
  });

  it("accepts two environments in different accounts naming one domain", () => {
    const { config } = load(sharedAccount("", 'accountId: "210987654321"'));
    expect(config.environments.map((e) => e.validationRecords.map((r) => r.baseName))).toEqual([
      ["example.com", "staging.example.com"],
      ["example.com"],
    ]);
  });

  it("warns when environments naming one domain do not both declare an account", () => {
    // Without accountId, staging's expiry topic cannot get a created key.
    const warnings = warningsOf(sharedAccount("", "alarm: { kmsKey: none }"));
    expect(warnings).toContain(
      "environments.prod.certificates.web.domains[0] (line 12, column 24): environments staging and prod both validate example.com; if they share an AWS account their validation records collide. Set accountId on both so certkit can check.",
    );
  });

  it("leaves the record to its owner when validationRecordOwners names one", () => {
    const { config } = load(sharedAccount("validationRecordOwners: { example.com: staging }"));
    const prod = config.environments.find((e) => e.name === "prod")!;
    expect([prod.validationRecords, prod.validationRecordsOwnedElsewhere]).toEqual([
      [],
      { "example.com": "staging" },
    ]);
  });

  it("fails when the owner is not an environment", () => {
    expectProblems(sharedAccount("validationRecordOwners: { example.com: stagign }"), [
      'environments.prod.validationRecordOwners["example.com"] (line 10, column 44): "stagign" is not another environment. Fix: name the environment whose stack creates the record (staging).',
    ]);
  });

  it("reports a key as written, not lowercased", () => {
    expectProblems(
      sharedAccount("validationRecordOwners: { example.com: staging, toString: staging }"),
      [
        'environments.prod.validationRecordOwners.toString (line 10, column 63): this environment validates no certificate name "tostring". Fix: remove the entry.',
      ],
    );
  });

  it("fails when an environment names itself as the owner", () => {
    expectProblems(sharedAccount("validationRecordOwners: { example.com: prod }"), [
      'environments.prod.validationRecordOwners["example.com"] (line 10, column 44): "prod" is not another environment. Fix: name the environment whose stack creates the record (staging).',
    ]);
  });

  it("fails when the owner is in a different account", () => {
    expectProblems(
      sharedAccount(
        "validationRecordOwners: { example.com: staging }",
        'accountId: "210987654321"',
      ),
      [
        'environments.prod.validationRecordOwners["example.com"] (line 10, column 44): environment staging is not declared in the same AWS account, so its record would not be this one. Fix: set the same accountId on both, or remove the entry.',
      ],
    );
  });

  it("fails when the environment does not validate the name it leaves to another", () => {
    expectProblems(
      sharedAccount("validationRecordOwners: { example.com: staging, www.example.com: staging }"),
      [
        'environments.prod.validationRecordOwners["www.example.com"] (line 10, column 70): this environment validates no certificate name "www.example.com". Fix: remove the entry.',
      ],
    );
  });

  it("fails when the owner does not validate the name", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          staging:
            certificates:
              web: { domains: [staging.example.com] }
          prod:
            validationRecordOwners: { example.com: staging }
            certificates:
              web: { domains: [example.com] }
      `,
      [
        'environments.prod.validationRecordOwners["example.com"] (line 8, column 44): environment staging does not validate "example.com", so it creates no such record. Fix: choose an environment that does.',
      ],
    );
  });

  it("fails when two environments leave the record to each other", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012" }
        environments:
          staging:
            validationRecordOwners: { example.com: prod }
            certificates:
              web: { domains: [example.com] }
          prod:
            validationRecordOwners: { example.com: staging }
            certificates:
              web: { domains: [example.com] }
      `,
      [
        'environments.staging.validationRecordOwners["example.com"] (line 5, column 44): environment prod also leaves "example.com" to another environment. Fix: exactly one environment owns the record; remove one of the two entries.',
        'environments.prod.validationRecordOwners["example.com"] (line 9, column 44): environment staging also leaves "example.com" to another environment. Fix: exactly one environment owns the record; remove one of the two entries.',
      ],
    );
  });

  it("fails when an owner entry names a wildcard instead of its base name", () => {
    expectProblems(sharedAccount('validationRecordOwners: { "*.example.com": staging }'), [
      'environments.prod.validationRecordOwners["*.example.com"] (line 10, column 48): names a wildcard; x and *.x share one validation record, keyed by x. Fix: write "example.com".',
      'environments.prod.certificates.web.domains[0] (line 12, column 24): the validation record for "example.com" is also needed by environment staging in the same account 123456789012; both stacks would manage one Cloudflare record. Fix: choose its owner: add `validationRecordOwners: { "example.com": staging }` to environments.prod (or the reverse in staging).',
    ]);
  });
});

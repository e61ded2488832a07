// Schema-level checks: unknown keys, names, enums, types and IDs YAML would alter.
import { CertificateSchema, EnvironmentSchema } from "../../config/schema";
import { expectProblems, load, withCertificate, yaml } from "../helpers";

// Other features keep adding keys to these levels; the list in the message is
// the schema's own, the rest of each message is asserted literally.
const certificateKeys = Object.keys(CertificateSchema.shape).join(", ");
const environmentKeys = Object.keys(EnvironmentSchema.shape).join(", ");

describe("unknown keys", () => {
  it("fails when a top-level key is misspelt, suggesting the known one", () => {
    expectProblems(
      yaml`
        projct: shop
        environments: {}
      `,
      [
        'projct (line 1, column 1): unknown key "projct". Did you mean "project"? Fix: rename it to "project", or remove it. Known keys here: project, cloudflare, route53, external, defaults, environments.',
      ],
    );
  });

  it("fails when a key under cloudflare is misspelt, reporting the missing key too", () => {
    expectProblems(
      yaml`
        cloudflare:
          zone: { example.com: {} }
        environments: {}
      `,
      [
        "cloudflare.zones (line 2, column 3): is required (a map of names). Fix: add it.",
        'cloudflare.zone (line 2, column 3): unknown key "zone". Did you mean "zones"? Fix: rename it to "zones", or remove it. Known keys here: zones.',
      ],
    );
  });

  it("fails when a key of an s3 backend is misspelt", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            backend:
              s3: { bucket: tf-state, key: certkit.tfstate, regoin: eu-west-1 }
            certificates: {}
      `,
      [
        'environments.prod.backend.s3.regoin (line 5, column 53): unknown key "regoin". Did you mean "region"? Fix: rename it to "region", or remove it. Known keys here: bucket, key, region, encrypt, kmsKeyId, roleArn.',
      ],
    );
  });

  it("fails when a certificate key is misspelt", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            certificates:
              web:
                domains: [example.com]
                keyAlgoritm: RSA_2048
      `,
      [
        `environments.prod.certificates.web.keyAlgoritm (line 7, column 9): unknown key "keyAlgoritm". Did you mean "keyAlgorithm"? Fix: rename it to "keyAlgorithm", or remove it. Known keys here: ${certificateKeys}.`,
      ],
    );
  });

  it("fails when an unknown key is nothing like a known one, without a guess", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            zzz: 1
            certificates: {}
      `,
      [
        `environments.prod.zzz (line 4, column 5): unknown key "zzz". Fix: remove it or check the spelling. Known keys here: ${environmentKeys}.`,
      ],
    );
  });

  it("accepts a $schema key at the top level", () => {
    expect(
      load(yaml`
        $schema: ./certkit.schema.json
        environments:
          prod: { region: eu-west-1, certificates: {} }
      `).config.environments.map((e) => e.name),
    ).toEqual(["prod"]);
  });
});

describe("names of environments and certificates", () => {
  it("fails when an environment name has an uppercase letter", () => {
    expectProblems(
      yaml`
        environments:
          Prod: { region: eu-west-1, certificates: {} }
      `,
      [
        'environments.Prod (line 2, column 3): an environment name must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_", got "Prod". Fix: rename it to match, such as "web-app".',
      ],
    );
  });

  it("fails when an environment name starts with a digit", () => {
    expectProblems(
      yaml`
        environments:
          1prod: { region: eu-west-1, certificates: {} }
      `,
      [
        'environments.1prod (line 2, column 3): an environment name must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_", got "1prod". Fix: rename it to match, such as "web-app".',
      ],
    );
  });

  it("fails when a certificate name holds a dot", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            certificates:
              example.com: { domains: [example.com] }
      `,
      [
        'environments.prod.certificates["example.com"] (line 5, column 7): a certificate name must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_", got "example.com". Fix: rename it to match, such as "web-app".',
      ],
    );
  });

  it("fails when the project name is invalid", () => {
    expectProblems(
      yaml`
        project: My Shop
        environments: { prod: { region: eu-west-1, certificates: {} } }
      `,
      [
        'project (line 1, column 10): project must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_". Got "My Shop". Fix: rename it to match, such as "web-app".',
      ],
    );
  });
});

describe("enumerations", () => {
  it("fails when a region is misspelt, suggesting the closest", () => {
    expectProblems(
      yaml`
        environments:
          prod: { region: eu-west-l, certificates: {} }
      `,
      [
        'environments.prod.region (line 2, column 19): "eu-west-l" is not allowed. Did you mean "eu-west-1"? Fix: use one of 38 values, such as af-south-1, ap-east-1, ap-east-2 (certkit.schema.json lists them all).',
      ],
    );
  });

  it("fails when a region is unknown, pointing at the full list", () => {
    expectProblems(
      yaml`
        defaults: { region: moon-1 }
        environments:
          prod: { certificates: {} }
      `,
      [
        'defaults.region (line 1, column 21): "moon-1" is not allowed. Fix: use one of 38 values, such as af-south-1, ap-east-1, ap-east-2 (certkit.schema.json lists them all).',
      ],
    );
  });

  it.each([
    ["is unknown, listing the allowed ones", "RSA_4096", ""],
    [
      "has the wrong case, suggesting the right one",
      "ec_prime256v1",
      ' Did you mean "EC_prime256v1"?',
    ],
  ])("fails when the key algorithm %s", (_, value, guess) => {
    expectProblems(withCertificate(`domains: [example.com], keyAlgorithm: ${value}`), [
      `environments.prod.certificates.web.keyAlgorithm (line 6, column 52): "${value}" is not allowed.${guess} Fix: use one of RSA_2048, EC_prime256v1, EC_secp384r1.`,
    ]);
  });
});

describe("types and ranges", () => {
  it("fails when domains is a single name instead of a list", () => {
    expectProblems(withCertificate("domains: example.com"), [
      'environments.prod.certificates.web.domains (line 6, column 23): must be a list, got "example.com". Fix: write a list here.',
    ]);
  });

  it("fails when a certificate has no domains", () => {
    expectProblems(withCertificate("domains: []"), [
      "environments.prod.certificates.web.domains (line 6, column 23): must have at least 1 item, got []. Fix: list at least 1 item.",
    ]);
  });

  it("fails when a certificate lacks domains", () => {
    expectProblems(withCertificate("keyAlgorithm: RSA_2048"), [
      "environments.prod.certificates.web.domains (line 6, column 12): is required (a list). Fix: add it.",
    ]);
  });

  it("fails when a flag is a string", () => {
    expectProblems(withCertificate(`domains: [example.com], exportable: "yes"`), [
      'environments.prod.certificates.web.exportable (line 6, column 50): must be a boolean, got "yes". Fix: write true or false.',
    ]);
  });

  it("fails when the validation timeout is out of range", () => {
    expectProblems(withCertificate("domains: [example.com], validationTimeoutMinutes: 2000"), [
      "environments.prod.certificates.web.validationTimeoutMinutes (line 6, column 64): must be at most 1440, got 2000. Fix: use a value of at most 1440.",
    ]);
  });

  it("fails when the file is a list, not a map", () => {
    expectProblems("- prod\n", [
      '(top level) (line 1, column 1): must be a map of keys, got ["prod"]. Fix: write a map of keys here.',
    ]);
  });
});

describe("IDs YAML would read as numbers", () => {
  it("fails when an unquoted accountId has a leading zero, quoting the original text", () => {
    expectProblems(
      yaml`
        environments:
          prod: { region: eu-west-1, accountId: 012345678901, certificates: {} }
      `,
      [
        'environments.prod.accountId (line 2, column 41): YAML reads 012345678901 as a number (12345678901), which would alter the ID. Fix: quote it: "012345678901".',
      ],
    );
  });

  it("fails when an accountId is unquoted even though YAML keeps its digits", () => {
    expectProblems(
      yaml`
        defaults: { accountId: 123456789012 }
        environments:
          prod: { region: eu-west-1, certificates: {} }
      `,
      [
        'defaults.accountId (line 1, column 24): YAML reads 123456789012 as a number. Fix: quote it: "123456789012".',
      ],
    );
  });

  it("fails when an all-digit zoneId is unquoted", () => {
    expectProblems(
      yaml`
        cloudflare:
          zones:
            example.com: { zoneId: 01234567890123456789012345678901 }
        environments: { prod: { region: eu-west-1, certificates: {} } }
      `,
      [
        'cloudflare.zones["example.com"].zoneId (line 3, column 28): YAML reads 01234567890123456789012345678901 as a number (1.2345678901234568e+30), which would alter the ID. Fix: quote it: "01234567890123456789012345678901".',
      ],
    );
  });

  it("still checks the rest of the file when a value is refused", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          prod:
            region: eu-west-1
            accountId: 012345678901
            certificates:
              web: { domains: [example.com, "api.*.example.com"] }
      `,
      [
        'environments.prod.accountId (line 5, column 16): YAML reads 012345678901 as a number (12345678901), which would alter the ID. Fix: quote it: "012345678901".',
        'environments.prod.certificates.web.domains[1] (line 7, column 37): has "*" outside the leftmost label, got "api.*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
      ],
    );
  });

  it("keeps a quoted accountId with its leading zero", () => {
    const { config } = load(yaml`
      environments:
        prod: { region: eu-west-1, accountId: "012345678901", certificates: {} }
    `);
    expect(config.environments[0].accountId).toBe("012345678901");
  });

  it("fails when a quoted accountId is not 12 digits", () => {
    expectProblems(
      yaml`
        environments:
          prod: { region: eu-west-1, accountId: "12345", certificates: {} }
      `,
      [
        'environments.prod.accountId (line 2, column 41): accountId must be 12 digits, quoted. Got "12345". Fix: write the account id in quotes, such as "012345678901".',
      ],
    );
  });
});

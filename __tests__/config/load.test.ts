// Reading the file: YAML syntax, empty and missing files, and the error's layout.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/issues";
import { loadConfigFile } from "../../config/load";
import { DefaultsSchema } from "../../config/schema";
import { configError, expectProblems, yaml } from "../helpers";

// Other features add keys to defaults; the message lists the schema's own.
const defaultsKeys = Object.keys(DefaultsSchema.shape).join(", ");

describe("YAML syntax", () => {
  it("fails when indentation is inconsistent, with line and column", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
           certificates: {}
      `,
      [
        "(top level) (line 4, column 1): YAML: All mapping items must start at the same column. Fix: correct the YAML there (indentation, quoting, brackets).",
      ],
    );
  });

  it("fails when a key appears twice in one map, naming it", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            region: eu-west-1
            region: eu-west-2
            certificates: {}
      `,
      [
        '(top level) (line 4, column 5): YAML: the key "region" appears twice in one map. Fix: keep one.',
      ],
    );
  });

  it("fails when a flow list is not closed", () => {
    expectProblems(
      yaml`
        environments:
          prod:
            certificates:
              web: { domains: [example.com }
      `,
      [
        "(top level) (line 4, column 36): YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix: correct the YAML there (indentation, quoting, brackets).",
        "(top level) (line 4, column 37): YAML: Flow map in block collection must be sufficiently indented and end with a }. Fix: correct the YAML there (indentation, quoting, brackets).",
      ],
    );
  });

  it("fails when an alias has no anchor", () => {
    expectProblems(
      yaml`
        defaults: *shared
        environments: {}
      `,
      [
        "(top level): YAML: Unresolved alias (the anchor must be set before the alias): shared. Fix: define each anchor (&name) before the aliases (*name) that use it.",
      ],
    );
  });

  it("fails when the file holds several documents", () => {
    expectProblems("environments: {}\n---\nenvironments: {}\n", [
      '(top level) (line 2, column 1): YAML: the file holds several documents separated by "---"; certkit reads one. Fix: merge them into one.',
    ]);
  });
});

describe("empty and missing files", () => {
  const empty =
    "(top level): the file is empty. Fix: describe cloudflare.zones and environments with their certificates (the bundled certkit.yaml is a starting point).";

  it("fails when the file is empty", () => {
    expectProblems("", [empty]);
  });

  it("fails when the file holds only comments", () => {
    expectProblems("# yaml-language-server: $schema=./certkit.schema.json\n\n", [empty]);
  });

  it("fails when the file does not exist, naming it and CERTKIT_CONFIG", () => {
    const file = join(mkdtempSync(join(tmpdir(), "certkit-")), "missing.yaml");
    expect(() => loadConfigFile(file)).toThrow(
      new ConfigError(file, [
        {
          path: [],
          message: "does not exist. Fix: create it, or point CERTKIT_CONFIG at your config file.",
        },
      ]),
    );
  });

  it("reports a missing file with the documented message text", () => {
    const file = join(mkdtempSync(join(tmpdir(), "certkit-")), "missing.yaml");
    let message = "";
    try {
      loadConfigFile(file);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `${file}: 1 problem, nothing was synthesized:\n  - (top level): does not exist. Fix: create it, or point CERTKIT_CONFIG at your config file.`,
    );
  });

  it("loads a file from disk, naming it in errors", () => {
    const file = join(mkdtempSync(join(tmpdir(), "certkit-")), "certkit.yaml");
    writeFileSync(file, "environments: {}\n");
    expect(() => loadConfigFile(file)).toThrow(
      `${file}: 1 problem, nothing was synthesized:\n  - environments (line 1, column 15): defines no environment. Fix: add one, such as \`prod:\` with its certificates.`,
    );
  });
});

describe("the error message", () => {
  it("names the file and counts one problem in the singular", () => {
    expect(configError("environments: {}\n", "conf/shop.yaml")).toBe(
      "conf/shop.yaml: 1 problem, nothing was synthesized:\n  - environments (line 1, column 15): defines no environment. Fix: add one, such as `prod:` with its certificates.",
    );
  });

  it("lists every schema problem in file order", () => {
    expectProblems(
      yaml`
        projct: shop
        cloudflare:
          zones:
            example.com: { zoneId: 0123 }
        defaults:
          regoin: eu-west-1
          accountId: 012345678901
        environments:
          Prod: { certificates: {} }
          prod:
            region: eu-west-9
            certificates:
              web:
                domains: example.com
                keyAlgorithm: RSA_4096
                validationTimeoutMinutes: 0
      `,
      [
        'projct (line 1, column 1): unknown key "projct". Did you mean "project"? Fix: rename it to "project", or remove it. Known keys here: project, cloudflare, route53, external, defaults, environments.',
        'cloudflare.zones["example.com"].zoneId (line 4, column 28): YAML reads 0123 as a number (123), which would alter the ID. Fix: quote it: "0123".',
        `defaults.regoin (line 6, column 3): unknown key "regoin". Did you mean "region"? Fix: rename it to "region", or remove it. Known keys here: ${defaultsKeys}.`,
        'defaults.accountId (line 7, column 14): YAML reads 012345678901 as a number (12345678901), which would alter the ID. Fix: quote it: "012345678901".',
        'environments.Prod (line 9, column 3): an environment name must start with a lowercase letter, then up to 39 lowercase letters, digits, "-" or "_", got "Prod". Fix: rename it to match, such as "web-app".',
        'environments.prod.region (line 11, column 13): "eu-west-9" is not allowed. Did you mean "eu-west-1"? Fix: use one of 38 values, such as af-south-1, ap-east-1, ap-east-2 (certkit.schema.json lists them all).',
        'environments.prod.certificates.web.domains (line 14, column 18): must be a list, got "example.com". Fix: write a list here.',
        'environments.prod.certificates.web.keyAlgorithm (line 15, column 23): "RSA_4096" is not allowed. Fix: use one of RSA_2048, EC_prime256v1, EC_secp384r1.',
        "environments.prod.certificates.web.validationTimeoutMinutes (line 16, column 35): must be at least 1, got 0. Fix: use a value of at least 1.",
      ],
    );
  });

  it("lists every rule problem in file order, whichever rule found it", () => {
    expectProblems(
      yaml`
        cloudflare:
          zones:
            example.com: {}
            "*.example.org": {}
        defaults:
          accountId: "123456789012"
          backend: { s3: { bucket: tf-state, key: certkit.tfstate } }
        environments:
          staging:
            region: eu-west-1
            certificates:
              web: { domains: [staging.example.com., example.com] }
          prod:
            certificates:
              web: { domains: [example.com, www.example.net, example.com] }
      `,
      [
        'cloudflare.zones["*.example.org"] (line 4, column 22): zone name may not be a wildcard, got "*.example.org". Fix: write the zone\'s apex, "example.org"; records under it go to the zone.',
        "defaults.backend.s3.key (line 7, column 43): gives stacks staging and prod the same state (s3://tf-state/certkit.tfstate); each stack's apply would destroy the other's resources. Fix: put {environment} in it, such as \"certkit/{environment}.tfstate\".",
        'environments.staging.certificates.web.domains[0] (line 12, column 24): ends with a dot, got "staging.example.com.". Fix: write "staging.example.com" (ACM rejects the trailing dot).',
        "environments.prod.region (line 14, column 5): is required. Fix: set it here or in defaults.region.",
        'environments.prod.certificates.web.domains[0] (line 15, column 24): the validation record for "example.com" is also needed by environment staging in the same account 123456789012; both stacks would manage one Cloudflare record. Fix: choose its owner: add `validationRecordOwners: { "example.com": staging }` to environments.prod (or the reverse in staging).',
        'environments.prod.certificates.web.domains[1] (line 15, column 37): "www.example.net" is under no configured zone (configured: *.example.org, example.com). Fix: add its zone under cloudflare.zones, route53.zones or external.zones, or correct the name.',
        'environments.prod.certificates.web.domains[2] (line 15, column 54): "example.com" repeats domains[0]. Fix: list each name once.',
      ],
    );
  });
});

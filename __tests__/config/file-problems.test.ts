// Files certkit cannot read as a config: a folder, another encoding, nesting no
// config has, YAML merge keys. Each a config error with its fix, never a stack trace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/issues";
import { loadConfigFile } from "../../config/load";
import { configError, expectProblems, load, withCertificate, yaml } from "../helpers";

const tempDir = () => mkdtempSync(join(tmpdir(), "certkit-"));

/** The message of the ConfigError that loading `file` throws. */
function fileError(file: string): string {
  try {
    loadConfigFile(file);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error("expected a ConfigError, but the config loaded");
}

/** A config file written as `bytes` in a fresh folder. */
function fileOf(bytes: Buffer): string {
  const file = join(tempDir(), "certkit.yaml");
  writeFileSync(file, bytes);
  return file;
}

const VALID = withCertificate(
  "domains: [example.com], attach: { alb: { dnsName: a.example.net } }",
);

describe("the config path", () => {
  it("fails when it is a directory, saying so", () => {
    const dir = tempDir();
    expect(fileError(dir)).toBe(
      `${dir}: 1 problem, nothing was synthesized:\n  - (top level): is a directory, not a file. Fix: point CERTKIT_CONFIG at the config file itself (such as <directory>/certkit.yaml).`,
    );
  });
});

describe("encodings", () => {
  const utf16 = (order: string) =>
    `1 problem, nothing was synthesized:\n  - (top level): is encoded as UTF-16 (${order}); certkit reads UTF-8. Fix: save it as UTF-8 (your editor's encoding setting, or iconv -f UTF-16 -t UTF-8).`;

  it("fails when the file is UTF-16 with a byte order mark, naming the encoding", () => {
    const file = fileOf(Buffer.from(`\ufeff${VALID}`, "utf16le"));
    expect(fileError(file)).toBe(`${file}: ${utf16("little-endian")}`);
  });

  it("fails when the file is big-endian UTF-16 without a byte order mark", () => {
    const file = fileOf(Buffer.from(VALID, "utf16le").swap16());
    expect(fileError(file)).toBe(`${file}: ${utf16("big-endian, no byte order mark")}`);
  });

  it("fails when the file is not UTF-8 at all", () => {
    const file = fileOf(Buffer.from(`${VALID}# Zürich\n`, "latin1"));
    expect(fileError(file)).toBe(
      `${file}: 1 problem, nothing was synthesized:\n  - (top level): is not valid UTF-8 (another encoding, such as Latin-1 or Windows-1252?); certkit reads UTF-8. Fix: save it as UTF-8 (your editor's encoding setting, or iconv -f <its encoding> -t UTF-8).`,
    );
  });

  it("reads UTF-8 with a byte order mark", () => {
    const file = fileOf(Buffer.from(`\ufeff${VALID}`, "utf8"));
    expect(loadConfigFile(file).config.environments[0].name).toBe("prod");
  });
});

describe("nesting", () => {
  const tooDeep =
    'YAML: the file nests maps and lists more than 32 levels deep; a certkit config needs at most 7. Fix: check indentation and brackets: a key indented too far, or a "[" or "{" left open, nests everything after it.';

  it("fails when maps nest deeper than any config, without overflowing", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`);
    expectProblems(`${lines.join("\n")} 1\n`, [`(top level) (line 33, column 65): ${tooDeep}`]);
  });

  it("fails when brackets nest deep enough to overflow the parser, with one clear problem", () => {
    const message = configError(`environments: ${"[".repeat(100000)}${"]".repeat(100000)}\n`);
    expect(message).toMatch(
      new RegExp(
        `^certkit\\.yaml: 1 problem, nothing was synthesized:\\n  - \\(top level\\) \\(line 1, column \\d+\\): ${tooDeep.replace(/[[\]{}().*+?^$|\\]/g, "\\$&")}$`,
      ),
    );
  });
});

describe("aliases", () => {
  it("fails when an alias stands inside its own anchor, instead of crashing", () => {
    expectProblems("environments: &envs { prod: *envs }\n", [
      "(top level) (line 1, column 29): YAML: the alias *envs stands inside the node anchored &envs, so the value would contain itself. Fix: write the value out there.",
    ]);
  });

  it("fails when aliases multiply beyond the parser's limit", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    expectProblems(`${lines.join("\n")}\nenvironments: {}\n`, [
      "(top level): YAML: Excessive alias count indicates a resource exhaustion attack. Fix: write the values out instead of through so many aliases.",
    ]);
  });
});

describe("YAML merge keys", () => {
  // What a merge would have brought is reported missing: writing the keys out fixes both.
  it("fails when a map uses <<, saying that merge keys are unsupported", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        environments:
          staging: &base
            region: eu-west-1
            certificates: { web: { domains: [example.com] } }
          prod:
            <<: *base
            tags: { <<: { team: web } }
      `,
      [
        "environments.prod.certificates (line 7, column 5): is required (a map of names). Fix: add it.",
        'environments.prod["<<"] (line 7, column 5): YAML merge keys ("<<") are not supported: certkit reads YAML 1.2, where "<<" is an ordinary key. Fix: write the keys out here; values every environment shares belong in defaults, which merges under each of them.',
        'environments.prod.tags["<<"] (line 8, column 13): YAML merge keys ("<<") are not supported: certkit reads YAML 1.2, where "<<" is an ordinary key. Fix: write the keys out here; values every environment shares belong in defaults, which merges under each of them.',
      ],
    );
  });

  it("treats a quoted << as an ordinary key", () => {
    expect(configError(withCertificate('domains: [example.com], tags: { "<<": x }'))).toContain(
      'tag key "<<" has characters AWS refuses in tags: "<". Fix:',
    );
  });
});

describe("messages without a fix", () => {
  it("gives a fix when a certificate lists no names", () => {
    expect(load(VALID).config.environments).toHaveLength(1);
    expectProblems(withCertificate("domains: []"), [
      "environments.prod.certificates.web.domains (line 6, column 23): must have at least 1 item, got []. Fix: list at least 1 item.",
    ]);
  });

  it("gives a fix when a tag key is longer than 128 characters", () => {
    const key = "k".repeat(129);
    expectProblems(withCertificate(`domains: [example.com], tags: { ${key}: x }`), [
      `environments.prod.certificates.web.tags.${key} (line 6, column 46): a key here must be at most 128 characters long, got "${key}". Fix: rename the key.`,
    ]);
  });
});

// Writing the adopt section into a config file: every other line stays as it was.
import { AdoptSection, sectionYaml, withAdoptSection } from "../../cli/adopt";
import { parse } from "yaml";
import { yaml } from "../helpers";

const ID = "372e67954025e0ba6aaa6d586b9e0b59";
const DIGITS = "12345678901234567890123456789012";
const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a4e-7f2d-4c1a-9e5b-2d6f8a1c3e7b";

const section = (
  entries: Partial<Record<keyof AdoptSection, Record<string, string>>>,
): AdoptSection => ({
  certificates: new Map(Object.entries(entries.certificates ?? {})),
  validationRecords: new Map(Object.entries(entries.validationRecords ?? {})),
  hostnames: new Map(Object.entries(entries.hostnames ?? {})),
});

const CONFIG = yaml`
  environments:
    staging:
      certificates:
        web: { domains: [staging.example.com] } # flow maps keep their spacing
    prod: # the one adopting
      certificates:
        web:
          domains: [example.com, "*.example.com"]

    # dev comes last
    dev:
      certificates: {}
`;

it("inserts the section at the end of the environment, before blank lines and the next one", () => {
  expect(
    withAdoptSection(
      CONFIG,
      "prod",
      section({ certificates: { web: ARN }, hostnames: { "www.example.com": DIGITS } }),
    ),
  ).toBe(yaml`
    environments:
      staging:
        certificates:
          web: { domains: [staging.example.com] } # flow maps keep their spacing
      prod: # the one adopting
        certificates:
          web:
            domains: [example.com, "*.example.com"]
        adopt:
          certificates:
            web: ${ARN}
          hostnames:
            www.example.com: "${DIGITS}"

      # dev comes last
      dev:
        certificates: {}
  `);
});

it("adds to an existing section, keeping its entries, order and comments", () => {
  const text = yaml`
    environments:
      prod:
        adopt:
          hostnames:
            www.example.com: "${DIGITS}" # typed by hand
        certificates: {}
  `;
  expect(
    withAdoptSection(
      text,
      "prod",
      section({
        validationRecords: { "example.com": ID },
        hostnames: { "www.example.com": DIGITS },
      }),
    ),
  ).toBe(yaml`
    environments:
      prod:
        adopt:
          hostnames:
            www.example.com: "${DIGITS}" # typed by hand
          validationRecords:
            example.com: "${ID}"
        certificates: {}
  `);
});

it("changes nothing when the section already holds every entry", () => {
  const once = withAdoptSection(
    CONFIG,
    "prod",
    section({ validationRecords: { "example.com": ID } }),
  );
  expect(
    withAdoptSection(once, "prod", section({ validationRecords: { "example.com": ID } })),
  ).toBe(once);
});

it("keeps a one-line flow-style section on its line, comment included", () => {
  const text = yaml`
    environments:
      prod:
        adopt: { hostnames: { www.example.com: "${DIGITS}" } } # keep
        certificates: {}
  `;
  const adopted = section({
    certificates: { web: ARN },
    validationRecords: { "example.com": ID },
    hostnames: { "www.example.com": DIGITS },
  });
  const once = withAdoptSection(text, "prod", adopted);
  expect(once).toBe(yaml`
    environments:
      prod:
        adopt: { hostnames: { www.example.com: "${DIGITS}" }, certificates: { web: ${ARN} }, validationRecords: { example.com: "${ID}" } } # keep
        certificates: {}
  `);
  expect(withAdoptSection(once, "prod", adopted)).toBe(once);
});

it("writes into a flow-style environment through the whole document (the library's layout)", () => {
  const text = withAdoptSection(
    "environments:\n  prod: { certificates: {} }\n",
    "prod",
    section({ certificates: { web: ARN } }),
  );
  expect(parse(text)).toEqual({
    environments: { prod: { certificates: {}, adopt: { certificates: { web: ARN } } } },
  });
});

it("prints the section with record ids quoted, so that an all-digit id stays a string", () => {
  expect(sectionYaml(section({ hostnames: { "a.example.com": DIGITS } }))).toBe(
    `adopt:\n  hostnames:\n    a.example.com: "${DIGITS}"\n`,
  );
});

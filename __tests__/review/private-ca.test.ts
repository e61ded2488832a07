// A private certificate in the review: its table says who issues it and that
// nothing is validated; the diagram draws the CA issuing it and no record.
import { yaml } from "../helpers";
import { fieldTable, reviewOfText } from "./helpers";

const CA =
  "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";

const { review } = reviewOfText(yaml`
  cloudflare: { zones: { example.com: { zoneId: 0123456789abcdef0123456789abcdef } } }
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        wiki: { domains: [example.com, "*.internal.corp"], certificateAuthorityArn: "${CA}", target: lb.example.net }
        docs: { domains: [docs.internal.corp], certificateAuthorityArn: "${CA}" }
        web: { domains: [example.com], target: lb.example.net }
`);
const page = review.files.get("prod.md")!;

describe("a private certificate in the review", () => {
  it("says who issues it instead of listing validation records", () => {
    expect(fieldTable(page, "Certificate `wiki`")["Validation records"]).toBe(
      `none: a private certificate, issued by AWS Private CA \`${CA}\`; ACM validates nothing and nothing waits`,
    );
  });

  it("leaves the public certificate's record, for a name both have, to the public one", () => {
    expect(fieldTable(page, "Certificate `web`")["Validation records"]).toBe(
      "`example.com`: CNAME in zone `example.com` at Cloudflare (id `0123456789abcdef0123456789abcdef`)",
    );
  });

  it("draws one CA node in the region, issuing each of its certificates, and no record for them", () => {
    const diagram = page.split("\n").filter((l) => /\bca_|validation_/.test(l));
    expect(diagram).toEqual([
      '    validation_example_com[/"validation CNAME<br/>example.com<br/>zone example.com"/]',
      '    ca_3f1c2b4a_5d6e_4f70_8a9b_0c1d2e3f4a5b["AWS Private CA<br/>3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"]',
      "  ca_3f1c2b4a_5d6e_4f70_8a9b_0c1d2e3f4a5b -->|issues, renews| certificate_wiki",
      "  ca_3f1c2b4a_5d6e_4f70_8a9b_0c1d2e3f4a5b -->|issues, renews| certificate_docs",
      "  validation_example_com -.->|validates| certificate_web",
    ]);
    expect(page).toContain(
      '    certificate_wiki["ACM private certificate wiki<br/>example.com, *.internal.corp<br/>RSA_2048"]',
    );
  });
});

// environments.<env>.roleArn / externalId and defaults': the role every AWS provider
// of a stack assumes, its shape, partition and account.
import { expectProblems, load, warningsOf, yaml } from "../helpers";

const ROLE = "arn:aws:iam::123456789012:role/certkit-deploy";

/** Environment prod with `settings` on line 4 (from column 5) and defaults `defaults` on line 2. */
const config = (defaults: string, settings: string) => yaml`
  cloudflare: { zones: { example.com: {} } }
  defaults: { region: eu-west-1, ${defaults} }
  environments:
    prod: { ${settings}, certificates: { web: { domains: [example.com] } } }
`;

describe("assumed role: resolved", () => {
  it("gives the environment the role, external id and a session name of project and environment", () => {
    const { config: resolved } = load(
      `project: shop\n${config(`accountId: "123456789012"`, `roleArn: "${ROLE}", externalId: certkit-7f3a9c`)}`,
    );
    expect(resolved.environments[0].assumeRole).toEqual({
      roleArn: ROLE,
      externalId: "certkit-7f3a9c",
      sessionName: "certkit-shop-prod",
    });
    expect(resolved.zonesAccount).toEqual({ accountId: "123456789012" });
  });

  it("takes each key from defaults when the environment has none, also for the zones stack", () => {
    const { config: resolved } = load(
      config(
        `accountId: "123456789012", roleArn: "${ROLE}", externalId: ext-1`,
        "region: eu-west-1",
      ),
    );
    const role = { roleArn: ROLE, externalId: "ext-1" };
    expect([resolved.environments[0].assumeRole, resolved.zonesAccount]).toEqual([
      { ...role, sessionName: "certkit-prod" },
      { accountId: "123456789012", assumeRole: { ...role, sessionName: "certkit-zones" } },
    ]);
  });

  it("assumes no role without roleArn", () => {
    const { config: resolved } = load(config(`accountId: "123456789012"`, "region: eu-west-1"));
    expect([resolved.environments[0].assumeRole, resolved.zonesAccount.assumeRole]).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe("assumed role: rules", () => {
  it("fails when roleArn is not an IAM role ARN", () => {
    expectProblems(
      config(`accountId: "123456789012"`, `roleArn: "arn:aws:iam::123456789012:user/ci"`),
      [
        'environments.prod.roleArn (line 4, column 20): is not an IAM role ARN, got "arn:aws:iam::123456789012:user/ci". Fix: copy the role\'s ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.',
      ],
    );
  });

  it("fails when the role's partition is not the environment region's", () => {
    expectProblems(
      config(`accountId: "123456789012"`, `roleArn: "arn:aws-cn:iam::123456789012:role/deploy"`),
      [
        'environments.prod.roleArn (line 4, column 20): names partition aws-cn, but region eu-west-1 is in partition aws, got "arn:aws-cn:iam::123456789012:role/deploy". Fix: write arn:aws:iam::...',
      ],
    );
  });

  it("fails when the role is of another account than accountId, naming both keys", () => {
    expectProblems(config(`accountId: "210987654321"`, `roleArn: "${ROLE}"`), [
      `environments.prod.roleArn (line 4, column 20): is a role of account 123456789012, but defaults.accountId is "210987654321", got "${ROLE}"; the AWS provider would refuse every plan (allowed_account_ids is checked against the assumed role's account). Fix: name the role of account 210987654321, or correct defaults.accountId.`,
    ]);
  });

  it("fails once at defaults.roleArn for each environment whose account differs", () => {
    expectProblems(
      yaml`
        cloudflare: { zones: { example.com: {} } }
        defaults: { region: eu-west-1, accountId: "123456789012", roleArn: "${ROLE}" }
        environments:
          prod: { certificates: {} }
          dev: { accountId: "210987654321", certificates: {} }
          test: { accountId: "210987654321", certificates: {} }
      `,
      [
        `defaults.roleArn (line 2, column 68): is a role of account 123456789012, but environments.dev.accountId is "210987654321", got "${ROLE}"; the AWS provider would refuse every plan (allowed_account_ids is checked against the assumed role's account). Fix: name the role of account 210987654321, or correct environments.dev.accountId.`,
        `defaults.roleArn (line 2, column 68): is a role of account 123456789012, but environments.test.accountId is "210987654321", got "${ROLE}"; the AWS provider would refuse every plan (allowed_account_ids is checked against the assumed role's account). Fix: name the role of account 210987654321, or correct environments.test.accountId.`,
      ],
    );
  });

  it("checks defaults.roleArn for the zones stack even when every environment has its own", () => {
    expectProblems(
      config(
        `accountId: "123456789012", roleArn: "arn:aws:iam::123456789012:group/x"`,
        `roleArn: "${ROLE}"`,
      ),
      [
        'defaults.roleArn (line 2, column 68): is not an IAM role ARN, got "arn:aws:iam::123456789012:group/x". Fix: copy the role\'s ARN, of the form arn:aws:iam::<12-digit account id>:role/<role name>.',
      ],
    );
  });

  it("fails when externalId is given but the environment assumes no role", () => {
    expectProblems(config(`accountId: "123456789012"`, "externalId: ext-1234"), [
      "environments.prod.externalId (line 4, column 23): is set, but environment prod assumes no role (no roleArn in environments.prod or defaults), so nothing uses it. Fix: add roleArn, or remove externalId.",
    ]);
  });

  it("fails when externalId is not what STS takes", () => {
    expectProblems(config(`accountId: "123456789012"`, `roleArn: "${ROLE}", externalId: "a b"`), [
      'environments.prod.externalId (line 4, column 81): externalId must be 2 to 1224 letters, digits or "_+=,.@:/-" (what STS AssumeRole takes). Got "a b". Fix: use the external id the role\'s trust policy names, such as "certkit-7f3a9c".',
    ]);
  });

  it("warns when the environment has a role but no accountId", () => {
    const warnings = warningsOf(config("", `roleArn: "${ROLE}"`));
    expect(warnings.filter((w) => w.includes("roleArn"))).toEqual([
      `environments.prod.roleArn (line 4, column 20): assumes a role of account 123456789012, but environment prod has no accountId, so the provider is not pinned to it and certkit cannot check what one account shares (validation records, AWS-side names). Set accountId: "123456789012" in environments.prod or defaults.`,
    ]);
  });
});

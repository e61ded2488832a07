import { arnRegion, planExpiryTopics, uniqueAddresses } from "../../domains/expiry-topics";

const TOPIC_EU = "arn:aws:sns:eu-west-1:123456789012:ops";
const KEY_EU = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const cert = (
  name: string,
  alarm: { emails?: string[]; topicArn?: string; kmsKey?: string } = {},
  region = "eu-west-1",
) => ({ name, region, alarm: { emails: [], kmsKey: "create", ...alarm } });

describe("planExpiryTopics", () => {
  it("gives each region one created topic, its key and its addresses once, regions in first-use order", () => {
    const [eu, us] = planExpiryTopics([
      cert("web", { emails: ["ops@example.com"] }),
      cert("cdn", { emails: ["cdn@example.com"] }, "us-east-1"),
      cert("api", { emails: ["OPS@example.com", "api@example.com"] }),
    ]);
    expect(eu.topic).toEqual({
      region: "eu-west-1",
      certificates: [eu.certificates[0], eu.certificates[1]],
      kmsKey: "create",
      emails: ["ops@example.com", "api@example.com"],
    });
    expect(eu.certificates.map((c) => c.name)).toEqual(["web", "api"]);
    expect(us.topic).toMatchObject({ region: "us-east-1", emails: ["cdn@example.com"] });
    expect(eu.conflicts).toEqual({ wrongRegion: [] });
  });

  it("notifies an existing topic with no key and no subscriptions", () => {
    const [eu] = planExpiryTopics([
      cert("web", { topicArn: TOPIC_EU, emails: ["ops@example.com"], kmsKey: "none" }),
    ]);
    expect(eu.topic).toEqual({
      region: "eu-west-1",
      certificates: eu.certificates,
      topicArn: TOPIC_EU,
      emails: [],
    });
    expect(eu.own).toEqual([]);
  });

  it("reports different topics in one region, and no topic", () => {
    const certs = [cert("web", { topicArn: TOPIC_EU }), cert("api")];
    const [eu] = planExpiryTopics(certs);
    expect(eu.conflicts).toEqual({ topics: certs, wrongRegion: [] });
    expect(eu.topic).toBeUndefined();
  });

  it("reports different keys among the certificates of a created topic only", () => {
    const web = cert("web", { kmsKey: "none" });
    const api = cert("api");
    const [eu] = planExpiryTopics([web, api, cert("old", { topicArn: TOPIC_EU, kmsKey: KEY_EU })]);
    expect(eu.conflicts.keys).toEqual([web, api]);
    const [same] = planExpiryTopics([web, cert("old", { topicArn: TOPIC_EU, kmsKey: KEY_EU })]);
    expect(same.conflicts.keys).toBeUndefined();
  });

  it("reports a topic and a key in another region than their certificate's", () => {
    const cdn = cert("cdn", { topicArn: TOPIC_EU }, "us-east-1");
    const img = cert("img", { kmsKey: KEY_EU }, "us-east-1");
    const [us] = planExpiryTopics([cdn, img]);
    expect(us.conflicts.wrongRegion).toEqual([
      { key: "topicArn", certificate: cdn, arnRegion: "eu-west-1" },
      { key: "kmsKey", certificate: img, arnRegion: "eu-west-1" },
    ]);
    expect(us.topic).toBeUndefined();
  });
});

describe("uniqueAddresses", () => {
  it("drops repeats that differ only in case, keeping the first spelling and the order", () => {
    expect(uniqueAddresses(["Ops@example.com", "web@example.com", "ops@EXAMPLE.com"])).toEqual([
      "Ops@example.com",
      "web@example.com",
    ]);
  });
});

describe("arnRegion", () => {
  it("reads the region of a topic or key ARN, and none of create, none or a malformed value", () => {
    expect(arnRegion("topicArn", TOPIC_EU)).toBe("eu-west-1");
    expect(arnRegion("kmsKey", KEY_EU)).toBe("eu-west-1");
    expect(arnRegion("kmsKey", "create")).toBeUndefined();
    expect(arnRegion("kmsKey", "none")).toBeUndefined();
    expect(arnRegion("topicArn", "ops")).toBeUndefined();
  });
});

import { baseName, covers, domainNameProblem, isWildcard } from "../../domains/names";

/** A valid name of exactly `length` characters under example.com. */
function nameOfLength(length: number): string {
  const suffix = ".example.com";
  const labels: string[] = [];
  let left = length - suffix.length;
  while (left > 0) {
    const size = Math.min(63, left === 64 ? 62 : left);
    labels.push("a".repeat(size));
    left -= size + 1;
  }
  const name = `${labels.join(".")}${suffix}`;
  if (name.length !== length) throw new Error(`cannot build a name of ${length} characters`);
  return name;
}

describe("domainNameProblem", () => {
  it.each([
    "example.com",
    "www.example.com",
    "*.example.com",
    "a--b.example.com",
    "xn--bcher-kva.example.com",
    "1.example.com",
    "123.example.com",
    "a.b.c.d.example.com",
  ])("accepts %s", (name) => {
    expect(domainNameProblem(name)).toBeUndefined();
  });

  it("fails when the name is empty", () => {
    expect(domainNameProblem("")).toBe("is empty. Fix: write a DNS name such as app.example.com.");
  });

  it("fails when the name ends with a dot", () => {
    expect(domainNameProblem("example.com.")).toBe(
      'ends with a dot, got "example.com.". Fix: write "example.com" (ACM rejects the trailing dot).',
    );
  });

  it("fails when the name contains white space", () => {
    expect(domainNameProblem("www .example.com")).toBe(
      'contains white space, got "www .example.com". Fix: remove it.',
    );
  });

  it("fails when a wildcard is not the leftmost label", () => {
    expect(domainNameProblem("a.*.example.com")).toBe(
      'has "*" outside the leftmost label, got "a.*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
    );
  });

  it("fails when a name has two wildcard labels (*.*.x)", () => {
    expect(domainNameProblem("*.*.example.com")).toBe(
      'has "*" outside the leftmost label, got "*.*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
    );
  });

  it("fails when the leftmost label is a partial wildcard", () => {
    expect(domainNameProblem("web*.example.com")).toBe(
      'has "*" outside the leftmost label, got "web*.example.com". Fix: a wildcard is only "*." in front of a name, such as "*.example.com", and covers one level.',
    );
  });

  it("accepts a label of 63 characters", () => {
    expect(domainNameProblem(`${"a".repeat(63)}.example.com`)).toBeUndefined();
  });

  it("fails when a label has 64 characters", () => {
    const label = "a".repeat(64);
    expect(domainNameProblem(`${label}.example.com`)).toBe(
      `has an invalid label "${label}" in "${label}.example.com". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).`,
    );
  });

  it.each([
    ["starts", "-www.example.com", "-www"],
    ["ends", "www-.example.com", "www-"],
  ])("fails when a label %s with a hyphen", (_, name, label) => {
    expect(domainNameProblem(name)).toBe(
      `has an invalid label "${label}" in "${name}". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).`,
    );
  });

  it("fails when a label is empty (two dots in a row)", () => {
    expect(domainNameProblem("www..example.com")).toBe(
      'has an invalid label "" in "www..example.com". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).',
    );
  });

  it("fails when a label holds an underscore", () => {
    expect(domainNameProblem("my_app.example.com")).toBe(
      'has an invalid label "my_app" in "my_app.example.com". Fix: labels are 1-63 letters, digits or hyphens, not starting or ending with a hyphen (punycode "xn--" for non-ASCII names).',
    );
  });

  it("accepts a name of 253 characters", () => {
    expect(domainNameProblem(nameOfLength(253))).toBeUndefined();
  });

  it("fails when the name is longer than 253 characters", () => {
    const name = nameOfLength(254);
    expect(domainNameProblem(name)).toBe(
      `must be 253 characters or less (DNS's limit), got 254: "${name}". Fix: use a name of at most 219 characters (221 for a wildcard), so that its ACM validation record _<32 hex digits>.<name> fits too.`,
    );
  });

  it("fails when the last label is all digits (an IP address)", () => {
    expect(domainNameProblem("10.0.0.1")).toBe(
      'ends in an all-numeric label, got "10.0.0.1". Fix: certificates are for DNS names, not IP addresses.',
    );
  });

  it("fails when the top-level label is numeric under a real name", () => {
    expect(domainNameProblem("example.123")).toBe(
      'ends in an all-numeric label, got "example.123". Fix: certificates are for DNS names, not IP addresses.',
    );
  });

  it("fails when the name is a single label", () => {
    expect(domainNameProblem("localhost")).toBe(
      'must have at least two labels, got "localhost". Fix: write a full name such as "localhost.example.com".',
    );
  });

  it("fails when a wildcard stands over a single label (*.com)", () => {
    expect(domainNameProblem("*.com")).toBe(
      'must have at least two labels, got "*.com". Fix: write a full name such as "*.example.com".',
    );
  });
});

describe("isWildcard and baseName", () => {
  it("recognises only a leading *. as a wildcard", () => {
    expect([isWildcard("*.example.com"), isWildcard("example.com"), isWildcard("a.*.b")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("strips the wildcard label from the base name and keeps other names", () => {
    expect([baseName("*.example.com"), baseName("www.example.com")]).toEqual([
      "example.com",
      "www.example.com",
    ]);
  });
});

describe("covers", () => {
  const wildcard = ["*.example.com"];

  it("covers a host one level under a wildcard", () => {
    expect(covers(wildcard, "www.example.com")).toBe(true);
  });

  it("does not cover the apex with a wildcard alone", () => {
    expect(covers(wildcard, "example.com")).toBe(false);
  });

  it("does not cover a host two levels under a wildcard", () => {
    expect(covers(wildcard, "a.www.example.com")).toBe(false);
  });

  it("covers a host named exactly", () => {
    expect(covers(["example.com", "api.example.org"], "api.example.org")).toBe(true);
  });

  it("does not cover a host under a different parent that ends the same", () => {
    expect(covers(wildcard, "www.notexample.com")).toBe(false);
  });

  it("does not cover a single-label host with a wildcard over that label", () => {
    expect(covers(["*.localhost"], "localhost")).toBe(false);
  });
});

// What the command line reports instead of a stack trace.

/** Exit codes of every certkit command. */
export const EXIT = {
  /** Done; for `check`: nothing blocks. */
  ok: 0,
  /** A config error; for `check`: something blocks apply or renewal. */
  problem: 1,
  /** Could not run or read: bad arguments, no token, access denied, network. */
  failed: 2,
} as const;

/** A failure with a message the user can act on, and the exit code it gives. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = "CliError";
  }
}

// A URL's userinfo, query and fragment can hold a password or an API key (a base
// URL from CLOUDFLARE_BASE_URL or AWS_ENDPOINT_URL_ACM, echoed by an SDK error).
// Userinfo runs to the authority's last "@"; query and fragment to the next space
// or quote, less the punctuation that ends the sentence around the URL.
const URL_IN_TEXT =
  /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#]*@)?([^\s"'<>`()?#]*)([?#][^\s"'<>`]*)?/gi;

/** `text` with every URL cut to scheme, host and path: no user, password, query or fragment. */
export const redactUrls = (text: string): string =>
  text.replace(
    URL_IN_TEXT,
    (_url, scheme: string, rest: string, query?: string) =>
      scheme + rest + (/[).,;:!]*$/.exec(query ?? "")?.[0] ?? ""),
  );

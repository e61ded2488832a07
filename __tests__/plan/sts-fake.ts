// A stand-in STS (query protocol: POST form bodies, XML answers) with the two calls
// the AWS provider makes when it assumes a role: AssumeRole, then GetCallerIdentity
// with the assumed credentials for the account that allowed_account_ids is checked
// against. Shapes per the STS API reference (AssumeRole, GetCallerIdentity).
import type { ServerResponse } from "node:http";
import { FakeServer, startFake } from "../cli/fakes/http";

/** One call as the fake received it: its form parameters and the signing access key. */
export interface StsCall {
  readonly params: Record<string, string>;
  readonly accessKeyId?: string;
}

export interface StsFake extends FakeServer {
  readonly calls: StsCall[];
}

/** The access key of the credentials AssumeRole hands out. */
export const ASSUMED_ACCESS_KEY_ID = "ASIAOFFLINEASSUMED";

/** Answers as if every role assumed and every caller were in `account`. */
export async function startStsFake(account: string): Promise<StsFake> {
  const calls: StsCall[] = [];
  const server = await startFake((req, body, res) => {
    const params = Object.fromEntries(new URLSearchParams(body));
    const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1];
    calls.push({ params, ...(accessKeyId ? { accessKeyId } : {}) });
    const session = params.RoleSessionName ?? "session";
    const assumed = `arn:aws:sts::${account}:assumed-role/${roleName(params.RoleArn)}/${session}`;
    if (params.Action === "AssumeRole") {
      return xml(
        res,
        200,
        `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult>` +
          `<AssumedRoleUser><Arn>${esc(assumed)}</Arn><AssumedRoleId>AROAOFFLINE:${esc(session)}</AssumedRoleId></AssumedRoleUser>` +
          `<Credentials><AccessKeyId>${ASSUMED_ACCESS_KEY_ID}</AccessKeyId><SecretAccessKey>offline</SecretAccessKey>` +
          `<SessionToken>offline</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    }
    if (params.Action === "GetCallerIdentity") {
      return xml(
        res,
        200,
        `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult>` +
          `<Arn>${esc(assumed)}</Arn><UserId>AROAOFFLINE:${esc(session)}</UserId><Account>${account}</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    xml(
      res,
      400,
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
        `<Message>not in the fake</Message></Error><RequestId>3</RequestId></ErrorResponse>`,
    );
  });
  return Object.assign(server, { calls });
}

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";

const roleName = (arn: string | undefined) => arn?.split("/").pop() ?? "role";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/xml" });
  res.end(body);
}

// How ezeep requests travel when the caller injects no `fetch`: node:http / node:https with one
// keep-alive agent per protocol. Node's fetch (undici, WHATWG streams) cost ~0.4 ms of CPU per
// request against ~0.1 ms here — seconds over the 5,000 requests of a large NDD run (`npm run
// bench`). Redirects are not followed (ezeep's API does not redirect; a 3xx is an answer).
import "server-only";

import http from "node:http";
import https from "node:https";

/** One answer, read whole. */
export interface TransportAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export type Transport = (target: string, init: RequestInit) => Promise<TransportAnswer>;

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

function headersOf(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Sends one request; rejects on a network failure, an abort (timeout) or a cut-off answer. */
export const nodeTransport: Transport = (target, init) => {
  const url = new URL(target);
  const secure = url.protocol === "https:";
  const body = typeof init.body === "string" ? init.body : undefined;
  const headers = { ...(init.headers as Record<string, string>) };
  // A length, as fetch sends it: some servers ignore a chunked body on DELETE.
  if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method: init.method ?? "GET",
        headers,
        agent: secure ? agents.https : agents.http,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("aborted", () => reject(new Error("the answer was cut off")));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(res.headers),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
};

/** The same over an injected fetch (tests, custom agents). */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return async (target, init) => {
    const res = await fetchFn(target, init);
    // Read the body inside the caller's timeout as well: a stalled body is a timeout too.
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  };
}

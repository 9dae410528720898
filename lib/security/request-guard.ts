// One guard in front of every route, page and server action (proxy.ts calls it): what a hostile
// client can put in a request that no schema should have to think about is refused here, with
// 400 and the field's name, before any code of the console reads it.
//  - NUL characters and lone UTF-16 surrogates, in a path segment, a query parameter (name or
//    value) or a body field (JSON, URL-encoded form, multipart form, a server action's reply);
//  - malformed percent-encoding (`%C0%AE`, `%FF`, `%zz`) and bodies that are not UTF-8;
//  - JSON nested deeper than MAX_DEPTH;
//  - a body over its size limit (413, decided on Content-Length before a byte is read), and a body
//    without a Content-Length (411: its size could not be checked up front).
// No framework here: it takes a Request and answers a refusal or null.

export const BODY_LIMITS = {
  /** Sign-in and the other next-auth endpoints: an e-mail, a password and a CSRF token. */
  auth: 16 * 1024,
  /** The REST API, server actions and everything else: the largest real body (a bulk action on a few hundred VMs) is far below. */
  default: 1024 * 1024,
} as const;

export const MAX_DEPTH = 32;

export type GuardRefusal = { status: 400 | 411 | 413; field: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a decoded string cannot be accepted anywhere, or null. */
export function badCharacters(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(s)) return "contains a lone UTF-16 surrogate";
  return null;
}

const bad = (status: GuardRefusal["status"], field: string, message: string): GuardRefusal => ({ status, field, message });

function decode(s: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, " ") : s);
  } catch {
    return null;
  }
}

/** Checks a URL's path segments and query parameters. */
export function checkUrl(url: URL): GuardRefusal | null {
  for (const segment of url.pathname.split("/")) {
    const decoded = decode(segment, false);
    if (decoded === null) return bad(400, "path", `The path segment "${segment.slice(0, 64)}" is not valid percent-encoded UTF-8.`);
    const why = badCharacters(decoded);
    if (why) return bad(400, "path", `A path segment ${why}.`);
  }
  return checkPairs(url.search.replace(/^\?/, ""), "query parameter");
}

/** `a=1&b=2` as a query string or an URL-encoded form body. */
function checkPairs(text: string, what: string): GuardRefusal | null {
  if (!text) return null;
  for (const pair of text.split("&")) {
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decode(rawKey, true);
    const field = key !== null && !badCharacters(key) ? key.slice(0, 64) : "_";
    if (key === null) return bad(400, "_", `A ${what}'s name ("${rawKey.slice(0, 64)}") is not valid percent-encoded UTF-8.`);
    const keyWhy = badCharacters(key);
    if (keyWhy) return bad(400, "_", `A ${what}'s name ${keyWhy}.`);
    if (eq < 0) continue;
    const value = decode(pair.slice(eq + 1), true);
    if (value === null) return bad(400, field, `The ${what} ${field} is not valid percent-encoded UTF-8.`);
    const why = badCharacters(value);
    if (why) return bad(400, field, `The ${what} ${field} ${why}.`);
  }
  return null;
}

/** Walks a parsed JSON value without recursion (a hostile nesting cannot overflow the stack). */
export function checkJson(value: unknown, prefix = ""): GuardRefusal | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: prefix, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    const field = path || "body";
    if (depth > MAX_DEPTH) return bad(400, field, `The body is nested deeper than ${MAX_DEPTH} levels.`);
    if (typeof v === "string") {
      const why = badCharacters(v);
      if (why) return bad(400, field, `The field ${field} ${why}.`);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: path ? `${path}.${i}` : String(i), depth: depth + 1 }));
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        const why = badCharacters(k);
        if (why) return bad(400, field, `A field name in ${field} ${why}.`);
        stack.push({ v: item, path: path ? `${path}.${k}` : k, depth: depth + 1 });
      }
    }
  }
  return null;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The size limit of a path's bodies. */
export function bodyLimit(pathname: string): number {
  return pathname.startsWith("/api/auth/") ? BODY_LIMITS.auth : BODY_LIMITS.default;
}

const BODILESS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Checks a request's body; reads it (from a clone) only once its declared size is within the limit. */
export async function checkBody(req: Request, pathname: string): Promise<GuardRefusal | null> {
  if (BODILESS.has(req.method)) return null;
  const declared = req.headers.get("content-length");
  if (declared === null) {
    // No length: empty unless the body is chunked, whose size cannot be checked before reading it.
    return req.headers.has("transfer-encoding") ? bad(411, "body", "Send the body with a Content-Length header.") : null;
  }
  const length = Number(declared);
  const limit = bodyLimit(pathname);
  if (!Number.isSafeInteger(length) || length < 0) return bad(400, "body", "The Content-Length header is not a number of bytes.");
  if (length > limit) return bad(413, "body", `The body has ${length} bytes; at most ${limit} are accepted here.`);
  if (length === 0 || !req.body) return null;

  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const bytes = new Uint8Array(await req.clone().arrayBuffer());
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Request("http://guard/", { method: "POST", headers: { "content-type": type }, body: bytes }).formData();
    } catch {
      return null; // not a multipart body after all: the route answers what it answers to that
    }
    for (const [key, value] of form.entries()) {
      // A server action's fields are sent as "<n>_<name>": the name is what a person filled in.
      const field = key.replace(/^\d+_/, "").slice(0, 64) || "_";
      const keyWhy = badCharacters(key);
      if (keyWhy) return bad(400, "_", `A field name ${keyWhy}.`);
      if (typeof value !== "string") continue;
      const why = badCharacters(value);
      if (why) return bad(400, field, `The field ${field} ${why}.`);
      const json = value.length > 1 ? tryJson(value) : { ok: false as const };
      if (json.ok) {
        const r = checkJson(json.value, /^\d+$/.test(key) ? "" : field);
        if (r) return r;
      }
    }
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bad(400, "body", "The body is not valid UTF-8.");
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return checkPairs(text, "form field");
  const json = tryJson(text);
  if (json.ok) return checkJson(json.value);
  const why = badCharacters(text);
  return why ? bad(400, "body", `The body ${why}.`) : null;
}

/** The whole guard: the URL, then the body. */
export async function guardRequest(req: Request): Promise<GuardRefusal | null> {
  const url = new URL(req.url);
  return checkUrl(url) ?? (await checkBody(req, url.pathname));
}

// A tenant's allowed address ranges: which client addresses may use its console and its tokens.
// Pure: parsing and matching with ipaddr.js (no I/O), so the form, the service and authorize()
// read the same rules. An empty list means no restriction.
import ipaddr from "ipaddr.js";
import { decide, msg, violation, type Decision, type LocalizedText } from "./result";

type IPv4 = InstanceType<typeof ipaddr.IPv4>;
type IPv6 = InstanceType<typeof ipaddr.IPv6>;
type Address = IPv4 | IPv6;

export type ParsedRange = { kind: "ipv4" | "ipv6"; address: Address; prefix: number; cidr: string };

export type CidrProblem = { ok: false; message: LocalizedText };

/**
 * Parses one CIDR (`10.0.0.0/8`, `2001:db8::/32`) or a single address (taken as /32 or /128).
 * Strict: IPv4 in four decimal parts only (ipaddr.js alone accepts `10` or `0x0a`), no zone id,
 * and no bits set after the prefix (`10.1.2.3/8` is refused with the network it probably meant).
 * The normalised form is what is stored and shown.
 */
export function parseCidr(text: string): { ok: true; range: ParsedRange } | CidrProblem {
  const raw = text.trim();
  const invalid = (why: LocalizedText = msg(() => `“${raw}” is not an IPv4 or IPv6 range in CIDR notation (e.g. 203.0.113.0/24 or 2001:db8::/32).`, () => `« ${raw} » n’est pas une plage IPv4 ou IPv6 en notation CIDR (ex. 203.0.113.0/24 ou 2001:db8::/32).`)): CidrProblem => ({ ok: false, message: why });
  const m = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(raw);
  if (!m || m[1]!.includes("%")) return invalid();
  const [, addr, bitsText] = m;
  let address: Address;
  if (addr!.includes(":")) {
    if (!ipaddr.IPv6.isValid(addr!)) return invalid();
    address = ipaddr.IPv6.parse(addr!);
  } else {
    if (!ipaddr.IPv4.isValidFourPartDecimal(addr!)) return invalid();
    address = ipaddr.IPv4.parse(addr!);
  }
  const kind = address.kind() as "ipv4" | "ipv6";
  const max = kind === "ipv4" ? 32 : 128;
  const prefix = bitsText === undefined ? max : Number(bitsText);
  if (prefix > max) return invalid(msg(() => `“${raw}”: an ${kind === "ipv4" ? "IPv4" : "IPv6"} prefix is at most /${max}.`, () => `« ${raw} » : un préfixe ${kind === "ipv4" ? "IPv4" : "IPv6"} vaut au plus /${max}.`));
  const network = kind === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  const cidr = `${network.toString()}/${prefix}`;
  if (network.toString() !== address.toString()) {
    return invalid(msg(() => `“${raw}” has bits set after its /${prefix} prefix: write the network, ${cidr}, or the single address as /${max}.`, () => `« ${raw} » a des bits après son préfixe /${prefix} : écrivez le réseau, ${cidr}, ou l’adresse seule en /${max}.`));
  }
  return { ok: true, range: { kind, address: network, prefix, cidr } };
}

/** A client address as the console computed it; IPv4-mapped IPv6 (`::ffff:10.1.2.3`) becomes IPv4. */
export function parseAddress(text: string): Address | null {
  const raw = text.trim();
  if (!ipaddr.isValid(raw) || raw.includes("%")) return null;
  if (!raw.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(raw)) return null;
  return ipaddr.process(raw);
}

/** Whether an address falls in one range; an IPv4 address also matches the IPv4-mapped IPv6 ranges (::ffff:0:0/96). */
export function rangeContains(range: ParsedRange, address: Address): boolean {
  if (address.kind() === range.kind) return address.match(range.address, range.prefix);
  if (address.kind() === "ipv4" && range.kind === "ipv6") return (address as IPv4).toIPv4MappedAddress().match(range.address, range.prefix);
  return false;
}

/**
 * Whether a client may act from this address: yes when the list is empty (no restriction);
 * otherwise only from an address inside one of the ranges. An address that cannot be read
 * ("unknown") is inside none. A stored range that no longer parses matches nothing.
 */
export function addressAllowed(address: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  const a = parseAddress(address);
  if (!a) return false;
  return cidrs.some((c) => {
    const r = parseCidr(c);
    return r.ok && rangeContains(r.range, a);
  });
}

/** The refusal a client outside the tenant's ranges gets: the rule, the address, what to do. */
export function checkAddressAllowed(input: { address: string; cidrs: readonly string[]; tenantName: string }): Decision<undefined> {
  if (addressAllowed(input.address, input.cidrs)) return decide([], undefined);
  return decide([violation("IAM.ADDRESS_NOT_ALLOWED", addressNotAllowedMessage(input.address, input.tenantName))], undefined);
}

/** IAM.ADDRESS_NOT_ALLOWED's sentence; without the tenant's name ("this tenant") where only the address is known. */
export function addressNotAllowedMessage(address: string, tenantName: string | null): LocalizedText {
  const en = tenantName ?? "this tenant";
  const fr = tenantName ?? "ce tenant";
  return msg(
    () => `IAM.ADDRESS_NOT_ALLOWED: ${en} accepts its console and its tokens only from its allowed address ranges, and your address ${address} is in none of them. Ask an owner of ${en} to add a range that holds ${address}.`,
    () => `IAM.ADDRESS_NOT_ALLOWED : ${fr} n’accepte sa console et ses jetons que depuis ses plages d’adresses autorisées, et votre adresse ${address} n’est dans aucune. Demandez à un propriétaire de ${fr} d’ajouter une plage qui contient ${address}.`,
  );
}

/**
 * Saving a list: refused when it would shut out the address it is being saved from, so nobody
 * locks themselves out by mistake. `savingFrom` is undefined for a local caller (a script, the
 * CLI), which no list shuts out.
 */
export function checkAllowedRangesSave(input: { cidrs: readonly string[]; savingFrom: string | undefined }): Decision<undefined> {
  const { cidrs, savingFrom } = input;
  if (savingFrom === undefined || addressAllowed(savingFrom, cidrs)) return decide([], undefined);
  return decide(
    [
      violation(
        "IAM.RANGES_EXCLUDE_SELF",
        msg(
          () => `IAM.RANGES_EXCLUDE_SELF: you are saving from ${savingFrom}, which none of these ranges holds: once saved, you could no longer reach this tenant. Add a range that holds ${savingFrom} (e.g. ${hostRange(savingFrom)}).`,
          () => `IAM.RANGES_EXCLUDE_SELF : vous enregistrez depuis ${savingFrom}, qu’aucune de ces plages ne contient : une fois enregistrée, la liste vous fermerait ce tenant. Ajoutez une plage qui contient ${savingFrom} (ex. ${hostRange(savingFrom)}).`,
        ),
      ),
    ],
    undefined,
  );
}

/** The one-address range of an address (`203.0.113.7/32`), or the text itself if it is no address. */
export function hostRange(address: string): string {
  const a = parseAddress(address);
  return a ? `${a.toString()}/${a.kind() === "ipv4" ? 32 : 128}` : address;
}

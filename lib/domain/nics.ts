// A VM's network adapters: E1000 or VMXNET3, on one of the tenant's VLANs, each with a MAC
// address that no other adapter of the tenant has (NIC.DUPLICATE_MAC, hard). A MAC is either
// generated under VMware's prefix 00:50:56 or set by the user; either way it is a unicast address
// written as six lower-case hexadecimal pairs separated by colons.
import { VMWARE_MAC_PREFIX } from "./catalogue";
import { decide, msg, violation, type Decision } from "./result";

const MAC_INPUT = /^([0-9a-f]{2})([:-])[0-9a-f]{2}(\2[0-9a-f]{2}){4}$/i;

/**
 * "00-50-56-0A-1B-2C" → "00:50:56:0a:1b:2c"; null for anything that is not a unicast MAC (a
 * multicast or broadcast address — the first octet's lowest bit set — cannot be an adapter's).
 */
export function normalizeMac(input: string): string | null {
  const s = input.trim();
  const m = MAC_INPUT.exec(s);
  if (!m) return null;
  if (parseInt(m[1]!, 16) & 1) return null;
  return s.toLowerCase().replaceAll("-", ":");
}

/** An adapter of the tenant that holds a MAC: what a refusal names. */
export type MacHolder = { id: string; mac: string; label: string; vmName: string };

/**
 * A MAC for an adapter (`nicId` when an existing one keeps its own): refused with INPUT.INVALID when
 * it is not a unicast MAC, and with NIC.DUPLICATE_MAC, naming the MAC and the adapter that has it,
 * when another adapter of the tenant holds it. The value is the MAC as stored.
 */
export function checkNicMac(mac: string, holders: readonly MacHolder[], nicId?: string): Decision<string> {
  const normal = normalizeMac(mac);
  if (!normal) {
    return decide(
      [
        violation(
          "INPUT.INVALID",
          msg(
            () => `${mac} is not a MAC address an adapter can have: give six hexadecimal pairs separated by colons, e.g. ${VMWARE_MAC_PREFIX}:0a:1b:2c (a unicast address).`,
            () => `${mac} n’est pas une adresse MAC possible pour une carte : indiquez six paires hexadécimales séparées par des deux-points, par ex. ${VMWARE_MAC_PREFIX}:0a:1b:2c (une adresse unicast).`,
          ),
          { subject: "mac" },
        ),
      ],
      mac,
    );
  }
  const holder = holders.find((h) => h.mac === normal && h.id !== nicId);
  if (holder) {
    return decide(
      [
        violation(
          "NIC.DUPLICATE_MAC",
          msg(
            () => `Two network adapters of one tenant never share a MAC address: ${normal} is already that of ${holder.label} of ${holder.vmName}. Give another MAC, or leave it empty to have one generated.`,
            () => `Deux cartes réseau d’un même tenant n’ont jamais la même adresse MAC : ${normal} est déjà celle de ${holder.label} de ${holder.vmName}. Indiquez une autre MAC, ou laissez le champ vide pour en générer une.`,
          ),
          { subject: holder.id },
        ),
      ],
      normal,
    );
  }
  return decide([], normal);
}

const hex = (n: number) => n.toString(16).padStart(2, "0");

/**
 * A new MAC under VMware's prefix that none of `taken` is: 00:50:56 then three random octets, the
 * first of them in 80–bf, the range vCenter generates from (00–3f is left to addresses set by hand).
 * `random` returns [0, 1), injected so tests are deterministic. With 2^22 addresses, a random draw
 * nearly always lands; after 64 misses the range is walked in order from a random start.
 */
export function generateMac(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  const SPAN = 0x40 << 16;
  const at = (i: number) => `${VMWARE_MAC_PREFIX}:${hex(0x80 + (i >> 16))}:${hex((i >> 8) & 0xff)}:${hex(i & 0xff)}`;
  for (let k = 0; k < 64; k++) {
    const mac = at(Math.floor(random() * SPAN) % SPAN);
    if (!taken.has(mac)) return mac;
  }
  const start = Math.floor(random() * SPAN) % SPAN;
  for (let k = 0; k < SPAN; k++) {
    const mac = at((start + k) % SPAN);
    if (!taken.has(mac)) return mac;
  }
  throw new Error("every MAC address of VMware's generated range is taken");
}

/** The next free "Network adapter N": one past the highest number in use. */
export function nextNicLabel(labels: readonly string[]): string {
  const used = labels.map((l) => Number(/^Network adapter (\d+)$/.exec(l)?.[1] ?? 0));
  return `Network adapter ${Math.max(0, ...used) + 1}`;
}

// ───────────────────────── Addresses ─────────────────────────
//
// Each VLAN the provider delivers gets an IPv4 /24 of the tenant's private plan, derived from its
// tag (10.<tag ÷ 256>.<tag mod 256>.0/24: tenants' networks are isolated, so the plan repeats
// across tenants, and a VLAN propagated to a sibling keeps its subnet). The gateway is .1, .2–.9 are
// kept for the provider's appliances, and an adapter is given the lowest free address from .10, as a
// static lease: it keeps it while it stays on that VLAN. A VLAN without a subnet gives none.

const FIRST_HOST_OFFSET = 10;

/** The provider's plan: the /24 of a VLAN, from its tag (1–4094). */
export function subnetForTag(tag: number): string {
  return `10.${tag >> 8}.${tag & 0xff}.0/24`;
}

const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");

/** The first and last address an adapter may be given in `subnet`, and the gateway. */
export function hostRange(subnet: string): { first: string; last: string; gateway: string; size: number } {
  const [base, bits] = subnet.split("/");
  const network = toInt(base!);
  const span = 2 ** (32 - Number(bits));
  return { first: toIp(network + FIRST_HOST_OFFSET), last: toIp(network + span - 2), gateway: toIp(network + 1), size: span - 1 - FIRST_HOST_OFFSET };
}

/** The i-th address an adapter may be given in `subnet` (0 → .10): what the demo data hands out in order. */
export function nthHostAddress(subnet: string, i: number): string {
  return toIp(toInt(hostRange(subnet).first) + i);
}

/**
 * The address of a new adapter on `vlan`: the lowest of its subnet that no adapter on it holds
 * (`taken`), or null when the VLAN has no subnet. Refused with NIC.SUBNET_FULL, hard, naming the
 * subnet and its size, when every address is held.
 */
export function allocateNicAddress(vlan: { tag: number; name: string; subnet: string | null }, taken: ReadonlySet<string>): Decision<string | null> {
  if (!vlan.subnet) return decide([], null);
  const { first, last, size } = hostRange(vlan.subnet);
  for (let n = toInt(first); n <= toInt(last); n++) if (!taken.has(toIp(n))) return decide([], toIp(n));
  return decide(
    [
      violation(
        "NIC.SUBNET_FULL",
        msg(
          () => `${vlan.name} (VLAN ${vlan.tag}) has no free address: its ${vlan.subnet} gives adapters ${size} addresses (${first}–${last}) and every one is held: this adapter would need a ${size + 1}th. Remove an adapter from it, or put this one on another VLAN.`,
          () => `${vlan.name} (VLAN ${vlan.tag}) n’a plus d’adresse libre : son ${vlan.subnet} donne ${size} adresses aux cartes (${first}–${last}) et toutes sont prises : cette carte en demanderait une ${size + 1}e. Retirez une carte de ce VLAN, ou placez celle-ci sur un autre VLAN.`,
        ),
        { limit: size, actual: size + 1, unit: "addresses" },
      ),
    ],
    null,
  );
}

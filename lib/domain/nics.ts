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

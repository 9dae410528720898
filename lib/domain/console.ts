// The simulated web console of a VM: its guest's boot log and a small shell, written from the VM's
// real inventory (name, OS image, vCPU, memory, disks, network adapters). Pure and deterministic:
// the same inventory, user and clock give the same screen, so tests and the API can rely on it.
// The guest speaks English, like a real one; only the console's frame is translated.
import { decide, msg, violation, type Decision } from "./result";

/** The console's limits, in one place: the page, the schema and the service read them here. */
export const CONSOLE_LIMITS = {
  /** Characters in one command line (a longer line is refused as input). */
  lineChars: 256,
  /** Characters pasted at once into the terminal (typed as if keyed in, line by line). */
  pasteChars: 4096,
  /** Commands kept per VM: older ones are dropped as new ones arrive. */
  historyPerVm: 1000,
  /** Commands the shell's own `history` shows (the session's latest). */
  historyShown: 50,
} as const;

export type GuestDisk = { label: string; sizeGib: number; usedGib: number };
export type GuestNic = { label: string; type: "E1000" | "VMXNET3"; mac: string; connected: boolean; vlanTag: number | null };

/** What the console knows of the VM: its inventory, read from the database. */
export type GuestInventory = {
  name: string;
  guestOs: string;
  templateCode: string | null;
  cpu: number;
  memoryGb: number;
  disks: readonly GuestDisk[];
  nics: readonly GuestNic[];
};

/** What the shell needs besides the inventory: who is logged in, the clock, the session's commands so far. */
export type ShellContext = { user: string; now: Date; bootedAt: Date; history: readonly string[] };

export type ShellResult = { output: string; effect?: "clear" | "exit" };

// ───────────────────────── The guest ─────────────────────────

type Distro = { label: string; kernel: string; build: string; family: "debian" | "rhel" | "windows" };

/** The guest's OS as its image or its recorded guest OS names it (Debian 12 when nothing matches). */
export function guestDistro(inv: Pick<GuestInventory, "guestOs" | "templateCode">): Distro {
  const key = `${inv.templateCode ?? ""} ${inv.guestOs}`.toLowerCase();
  if (key.includes("windows")) return { label: inv.guestOs || "Windows Server 2022", kernel: "10.0.20348", build: "Build 20348", family: "windows" };
  if (key.includes("ubuntu")) return { label: "Ubuntu 24.04.1 LTS", kernel: "6.8.0-49-generic", build: "#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024", family: "debian" };
  if (key.includes("rhel") || key.includes("red hat")) return { label: "Red Hat Enterprise Linux 9.5 (Plow)", kernel: "5.14.0-503.11.1.el9_5.x86_64", build: "#1 SMP PREEMPT_DYNAMIC Mon Oct 21 10:37:55 EDT 2024", family: "rhel" };
  if (key.includes("rocky")) return { label: "Rocky Linux 9.5 (Blue Onyx)", kernel: "5.14.0-503.14.1.el9_5.x86_64", build: "#1 SMP PREEMPT_DYNAMIC Fri Nov 15 12:04:32 UTC 2024", family: "rhel" };
  return { label: "Debian GNU/Linux 12 (bookworm)", kernel: "6.1.0-28-amd64", build: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)", family: "debian" };
}

/** The guest's host name: the VM's name, as a host name may be written. */
export function guestHostname(inv: Pick<GuestInventory, "name">): string {
  return inv.name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "") || "localhost";
}

/**
 * The name the guest gives the adapter at `index` among the VM's: VMware's PCI slots (ens192, ens224…)
 * for the VMXNET3 ones in order, ens33, ens34… for the E1000 ones.
 */
export function interfaceName(nics: readonly Pick<GuestNic, "type">[], index: number): string {
  const type = nics[index]!.type;
  const nth = nics.slice(0, index).filter((n) => n.type === type).length;
  return type === "VMXNET3" ? `ens${192 + 32 * nth}` : `ens${33 + nth}`;
}

const diskDevice = (i: number) => `sd${String.fromCharCode(97 + (i % 26))}`;
const pad = (s: string | number, n: number) => String(s).padStart(n);
const padEnd = (s: string | number, n: number) => String(s).padEnd(n);
/** Seconds since boot, as the kernel stamps its messages. */
const stamp = (s: number) => `[${pad(s.toFixed(6), 12)}]`;

/** The boot log the guest prints on the console, ending on its login banner (the prompt is the caller's). */
export function bootLog(inv: GuestInventory): string {
  const os = guestDistro(inv);
  const host = guestHostname(inv);
  const memMib = inv.memoryGb * 1024;
  if (os.family === "windows") {
    return [
      "Windows Boot Manager",
      `Starting ${os.label} (${os.build})...`,
      `Processors: ${inv.cpu}   Memory: ${memMib} MB`,
      ...inv.disks.map((d, i) => `Disk ${i}: VMware Virtual disk ${d.sizeGib} GB (${d.label})`),
      ...inv.nics.map((n, i) => `Ethernet${i} (${n.type === "VMXNET3" ? "vmxnet3 Ethernet Adapter" : "Intel(R) 82574L Gigabit Network Connection"}) ${n.mac.toUpperCase().replaceAll(":", "-")}${n.connected ? "" : " (media disconnected)"}`),
      "Computer is booting, SAC started and initialized.",
      "",
      `Computer name: ${host.toUpperCase()}`,
      "",
    ].join("\r\n");
  }
  const lines: string[] = [
    `${stamp(0)} Linux version ${os.kernel} (${os.family === "debian" ? "debian-kernel@lists.debian.org" : "mockbuild@x86-64-01.build"}) ${os.build}`,
    `${stamp(0)} DMI: VMware, Inc. VMware7,1/440BX Desktop Reference Platform, BIOS VMW71.00V.24224532.B64.2408191458 08/19/2024`,
    `${stamp(0)} Hypervisor detected: VMware`,
    `${stamp(0.01)} Memory: ${memMib * 1024}K/${memMib * 1024}K available`,
    `${stamp(0.02)} smpboot: Allowing ${inv.cpu} CPUs, 0 hotplug CPUs`,
    `${stamp(0.21)} smp: Brought up 1 node, ${inv.cpu} CPU${inv.cpu === 1 ? "" : "s"}`,
  ];
  inv.disks.forEach((d, i) => {
    const sectors = d.sizeGib * 2 * 1024 * 1024;
    lines.push(`${stamp(1.1 + i * 0.01)} sd 0:0:${i}:0: [${diskDevice(i)}] ${sectors} 512-byte logical blocks: (${((d.sizeGib * 1.073741824).toFixed(1))} GB/${d.sizeGib}.0 GiB)`);
  });
  inv.nics.forEach((n, i) => {
    const name = interfaceName(inv.nics, i);
    lines.push(`${stamp(1.3 + i * 0.01)} ${n.type === "VMXNET3" ? "vmxnet3" : "e1000"} 0000:${(11 + i).toString(16).padStart(2, "0")}:00.0 ${name}: ${n.connected ? `NIC Link is Up ${n.type === "VMXNET3" ? 10000 : 1000} Mbps` : "NIC Link is Down"}`);
  });
  lines.push(
    `${stamp(2.4)} EXT4-fs (${diskDevice(0)}1): mounted filesystem with ordered data mode.`,
    `${stamp(3.02)} systemd[1]: systemd ${os.family === "debian" ? "252.31-1~deb12u1" : "252-46.el9_5.2"} running in system mode`,
    `${stamp(3.05)} systemd[1]: Hostname set to <${host}>.`,
    "         Starting systemd-networkd.service - Network Configuration...",
    "[  OK  ] Started systemd-networkd.service - Network Configuration.",
    "[  OK  ] Started ssh.service - OpenBSD Secure Shell server.",
    "[  OK  ] Started open-vm-tools.service - Service for virtual machines hosted on VMware.",
    "[  OK  ] Reached target multi-user.target - Multi-User System.",
    "",
    `${os.label} ${host} tty1`,
    "",
  );
  return lines.join("\r\n");
}

/** The guest's login prompt. */
export const loginPrompt = (inv: Pick<GuestInventory, "name">) => `${guestHostname(inv)} login: `;

/** The shell's prompt for a user: # for root, $ for anyone else. */
export const shellPrompt = (inv: Pick<GuestInventory, "name">, user: string) => `${user}@${guestHostname(inv)}:~${user === "root" ? "#" : "$"} `;

/** A guest user name as the login prompt accepts it (what useradd would). */
export const GUEST_USER_PATTERN = /^[a-z_][a-z0-9_-]{0,31}$/;

// ───────────────────────── The shell ─────────────────────────

export const SHELL_COMMANDS = ["help", "uname -a", "hostname", "ip addr", "df -h", "free -m", "uptime", "whoami", "history", "clear", "exit"] as const;

function help(): string {
  return ["Simulated shell. Commands:", ...SHELL_COMMANDS.map((c) => `  ${c}`), "Ctrl-C cancels a line, Ctrl-D logs out."].join("\n");
}

function uname(inv: GuestInventory, args: string[]): string {
  const os = guestDistro(inv);
  if (args.includes("-a")) return `Linux ${guestHostname(inv)} ${os.kernel} ${os.build} x86_64 GNU/Linux`;
  if (args.includes("-r")) return os.kernel;
  if (args.includes("-n")) return guestHostname(inv);
  return "Linux";
}

function ipAddr(inv: GuestInventory): string {
  const out = [
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    "    inet 127.0.0.1/8 scope host lo",
  ];
  inv.nics.forEach((n, i) => {
    const flags = n.connected ? "BROADCAST,MULTICAST,UP,LOWER_UP" : "NO-CARRIER,BROADCAST,MULTICAST,UP";
    out.push(`${i + 2}: ${interfaceName(inv.nics, i)}: <${flags}> mtu 1500 qdisc mq state ${n.connected ? "UP" : "DOWN"} group default qlen 1000`);
    out.push(`    link/ether ${n.mac.toLowerCase()} brd ff:ff:ff:ff:ff:ff`);
    out.push(`    altname ${n.label.replace(/\s+/g, "-").toLowerCase()}${n.vlanTag !== null ? ` (VLAN ${n.vlanTag})` : ""}`);
  });
  return out.join("\n");
}

/** Sizes as df -h writes them (G with one decimal under 10). */
function human(gib: number): string {
  if (gib >= 1024) return `${(gib / 1024).toFixed(gib >= 10240 ? 0 : 1)}T`;
  return gib < 10 ? `${gib.toFixed(1)}G` : `${Math.round(gib)}G`;
}

function df(inv: GuestInventory, args: string[]): string {
  const humanSizes = args.some((a) => a.startsWith("-") && a.includes("h"));
  const rows = [["Filesystem", humanSizes ? "Size" : "1K-blocks", "Used", "Avail", "Use%", "Mounted on"]];
  inv.disks.forEach((d, i) => {
    const used = Math.min(d.usedGib, d.sizeGib);
    const avail = d.sizeGib - used;
    const pct = d.sizeGib > 0 ? Math.ceil((used / d.sizeGib) * 100) : 0;
    const f = (g: number) => (humanSizes ? human(g) : String(g * 1024 * 1024));
    rows.push([`/dev/${diskDevice(i)}1`, f(d.sizeGib), f(used), f(avail), `${pct}%`, i === 0 ? "/" : `/data${i}`]);
  });
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 || c === 5 ? padEnd(cell, widths[c]!) : pad(cell, widths[c]!))).join(" ").trimEnd()).join("\n");
}

/** free -m: the VM's memory, less what the kernel keeps; the guest's use is a fixed share of it. */
function free(inv: GuestInventory): string {
  const total = Math.round(inv.memoryGb * 1024 * 0.97);
  const used = Math.round(180 + inv.cpu * 24 + total * 0.06);
  const shared = Math.round(4 + inv.cpu);
  const cache = Math.round(total * 0.09);
  const freeMem = total - used - cache;
  const row = (name: string, cells: number[]) => padEnd(name, 7) + cells.map((c) => pad(c, 12)).join("");
  return [
    `${" ".repeat(7)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => pad(h, 12)).join("")}`,
    row("Mem:", [total, used, freeMem, shared, cache, total - used]),
    row("Swap:", [0, 0, 0]),
  ].join("\n");
}

const hhmmss = (d: Date) => d.toISOString().slice(11, 19);

function uptime(ctx: ShellContext): string {
  const minutes = Math.max(0, Math.floor((ctx.now.getTime() - ctx.bootedAt.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const up = `${days ? `${days} day${days === 1 ? "" : "s"}, ` : ""}${hours ? `${hours}:${String(mins).padStart(2, "0")}` : `${mins} min`}`;
  return ` ${hhmmss(ctx.now)} up ${up},  1 user,  load average: 0.00, 0.01, 0.00`;
}

function history(ctx: ShellContext): string {
  const shown = ctx.history.slice(-CONSOLE_LIMITS.historyShown);
  const first = ctx.history.length - shown.length + 1;
  return shown.map((line, i) => `${pad(first + i, 5)}  ${line}`).join("\n");
}

/**
 * One command line typed at the shell → what the guest prints, and what the console must do
 * (clear the screen, end the session). `ctx.history` holds the session's lines including this one.
 */
export function runShell(inv: GuestInventory, ctx: ShellContext, line: string): ShellResult {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [cmd, ...args] = words;
  switch (cmd) {
    case undefined:
      return { output: "" };
    case "help":
      return { output: help() };
    case "uname":
      return { output: uname(inv, args) };
    case "hostname":
      return { output: guestHostname(inv) };
    case "whoami":
      return { output: ctx.user };
    case "ip":
      if (["addr", "address", "a"].includes(args[0] ?? "")) return { output: ipAddr(inv) };
      return { output: "Usage: ip addr  (the simulated shell knows only this one)" };
    case "df":
      return { output: df(inv, args) };
    case "free":
      return { output: free(inv) };
    case "uptime":
      return { output: uptime(ctx) };
    case "history":
      return { output: history(ctx) };
    case "clear":
      return { output: "", effect: "clear" };
    case "exit":
    case "logout":
      return { output: "logout", effect: "exit" };
    default:
      return { output: `-bash: ${cmd}: command not found` };
  }
}

// ───────────────────────── The rule ─────────────────────────

export type ConsolePowerState = "POWERED_ON" | "POWERED_OFF" | "SUSPENDED";

/** CONSOLE.VM_NOT_RUNNING: only a powered-on VM has a console (a suspended or powered-off guest draws nothing). */
export function checkConsoleOpen(vm: { id: string; name: string; powerState: ConsolePowerState }): Decision {
  if (vm.powerState === "POWERED_ON") return decide([], undefined);
  const suspended = vm.powerState === "SUSPENDED";
  return decide(
    [
      violation(
        "CONSOLE.VM_NOT_RUNNING",
        msg(
          () =>
            suspended
              ? `${vm.name} is suspended: only a powered-on VM has a console (its guest is frozen and draws nothing). Resume it with Power on, then open the console.`
              : `${vm.name} is powered off: only a powered-on VM has a console. Power it on (a VM needs a backup policy to start), then open the console.`,
          () =>
            suspended
              ? `${vm.name} est suspendue : seule une VM allumée a une console (son système invité est figé et n’affiche rien). Reprenez-la avec Allumer, puis ouvrez la console.`
              : `${vm.name} est éteinte : seule une VM allumée a une console. Allumez-la (une VM a besoin d’une politique de sauvegarde pour démarrer), puis ouvrez la console.`,
        ),
        { subject: vm.id },
      ),
    ],
    undefined,
  );
}

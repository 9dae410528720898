import { describe, expect, it, test } from "vitest";
import { bootLog, checkConsoleOpen, guestDistro, loginPrompt, runShell, shellPrompt, type GuestInventory, type ShellContext } from "./console";

const web: GuestInventory = {
  name: "web-01",
  guestOs: "Debian 12",
  templateCode: "debian-12",
  cpu: 4,
  memoryGb: 16,
  disks: [
    { label: "Hard disk 1", sizeGib: 40, usedGib: 10 },
    { label: "Hard disk 2", sizeGib: 200, usedGib: 50 },
  ],
  nics: [
    { label: "Network adapter 1", type: "VMXNET3", mac: "00:50:56:0A:1B:2C", connected: true, vlanTag: 100 },
    { label: "Network adapter 2", type: "E1000", mac: "00:50:56:0a:1b:2d", connected: false, vlanTag: 200 },
  ],
};
const bootedAt = new Date("2026-03-01T12:00:00Z");
const ctx = (over: Partial<ShellContext> = {}): ShellContext => ({ user: "root", now: new Date("2026-03-01T13:05:30Z"), bootedAt, history: [], ...over });
const run = (line: string, inv = web, c = ctx()) => runShell(inv, c, line);

describe("the boot log", () => {
  it("boots the VM's own OS with its vCPUs, memory, disks and adapters, and ends on its banner", () => {
    const log = bootLog(web);
    expect(log).toContain("Linux version 6.1.0-28-amd64");
    expect(log).toContain("smpboot: Allowing 4 CPUs");
    expect(log).toContain("Memory: 16777216K/16777216K available");
    expect(log).toContain("[sda] 83886080 512-byte logical blocks");
    expect(log).toContain("[sdb] 419430400 512-byte logical blocks");
    expect(log).toContain("vmxnet3 0000:0b:00.0 ens192: NIC Link is Up 10000 Mbps");
    expect(log).toContain("e1000 0000:0c:00.0 ens33: NIC Link is Down");
    expect(log.trimEnd().split("\r\n").at(-1)).toBe("Debian GNU/Linux 12 (bookworm) web-01 tty1");
    expect(loginPrompt(web)).toBe("web-01 login: ");
  });

  test.each([
    ["ubuntu-24.04", "Ubuntu 24.04 LTS", "Ubuntu 24.04.1 LTS"],
    ["rhel-9", "Red Hat Enterprise Linux 9", "Red Hat Enterprise Linux 9.5 (Plow)"],
    ["rocky-9", "Rocky Linux 9", "Rocky Linux 9.5 (Blue Onyx)"],
    [null, "Debian 12", "Debian GNU/Linux 12 (bookworm)"],
  ])("an image %s (%s) boots as %s", (templateCode, guestOs, label) => {
    expect(guestDistro({ templateCode, guestOs }).label).toBe(label);
    expect(bootLog({ ...web, templateCode, guestOs })).toContain(`${label} web-01 tty1`);
  });

  it("boots a Windows image as Windows, naming the computer after the VM", () => {
    const log = bootLog({ ...web, templateCode: "windows-2022", guestOs: "Windows Server 2022" });
    expect(log).toContain("Starting Windows Server 2022");
    expect(log).toContain("Computer name: WEB-01");
    expect(log).toContain("00-50-56-0A-1B-2C");
  });

  it("is the same every time for the same inventory", () => {
    expect(bootLog(web)).toBe(bootLog({ ...web }));
  });
});

describe("the simulated shell", () => {
  it("answers hostname and uname -a with the VM's name and its OS's kernel", () => {
    expect(run("hostname").output).toBe("web-01");
    expect(run("uname -a").output).toBe("Linux web-01 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux");
    expect(run("uname").output).toBe("Linux");
    expect(run("hostname", { ...web, name: "DB_Primary" }).output).toBe("db-primary");
  });

  it("lists the VM's adapters with their MACs in lower case, a disconnected one DOWN", () => {
    const out = run("ip addr").output;
    expect(out).toContain("2: ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP");
    expect(out).toContain("link/ether 00:50:56:0a:1b:2c brd ff:ff:ff:ff:ff:ff");
    expect(out).toContain("3: ens33: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc mq state DOWN");
    expect(out).toContain("link/ether 00:50:56:0a:1b:2d");
    expect(run("ip a").output).toBe(out);
    expect(run("ip addr", { ...web, nics: [] }).output.split("\n")).toHaveLength(3);
  });

  it("shows each disk in df -h with its size, what is used and its mount point", () => {
    const lines = run("df -h").output.split("\n");
    expect(lines[0]).toMatch(/^Filesystem\s+Size\s+Used\s+Avail\s+Use%\s+Mounted on$/);
    expect(lines[1]).toMatch(/^\/dev\/sda1\s+40G\s+10G\s+30G\s+25%\s+\/$/);
    expect(lines[2]).toMatch(/^\/dev\/sdb1\s+200G\s+50G\s+150G\s+25%\s+\/data1$/);
    expect(lines).toHaveLength(3);
  });

  it("shows the VM's memory in free -m, total less what the kernel keeps, used + free + cache = total", () => {
    const [, mem] = run("free -m").output.split("\n");
    const [total, used, freeMb, , cache] = mem!.trim().split(/\s+/).slice(1).map(Number);
    expect(total).toBe(Math.round(16 * 1024 * 0.97));
    expect(used! + freeMb! + cache!).toBe(total);
  });

  it("counts uptime from the boot, at the clock given", () => {
    expect(run("uptime").output).toBe(" 13:05:30 up 1:05,  1 user,  load average: 0.00, 0.01, 0.00");
    expect(run("uptime", web, ctx({ now: new Date("2026-03-01T12:03:00Z") })).output).toContain("up 3 min,");
    expect(run("uptime", web, ctx({ now: new Date("2026-03-03T12:00:00Z") })).output).toContain("up 2 days, ");
  });

  it("knows who is logged in, and numbers the session's history like bash", () => {
    expect(run("whoami", web, ctx({ user: "alice" })).output).toBe("alice");
    expect(run("history", web, ctx({ history: ["hostname", "df -h", "history"] })).output).toBe("    1  hostname\n    2  df -h\n    3  history");
    const many = Array.from({ length: 60 }, (_, i) => `echo ${i + 1}`);
    const shown = run("history", web, ctx({ history: many })).output.split("\n");
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe("   11  echo 11");
  });

  it("clears the screen, logs out on exit, and says what it does not know", () => {
    expect(run("clear")).toEqual({ output: "", effect: "clear" });
    expect(run("exit")).toEqual({ output: "logout", effect: "exit" });
    expect(run("logout").effect).toBe("exit");
    expect(run("rm -rf /").output).toBe("-bash: rm: command not found");
    expect(run("   ").output).toBe("");
    expect(run("help").output).toContain("ip addr");
  });

  it("prompts # for root and $ for anyone else", () => {
    expect(shellPrompt(web, "root")).toBe("root@web-01:~# ");
    expect(shellPrompt(web, "alice")).toBe("alice@web-01:~$ ");
  });
});

describe("CONSOLE.VM_NOT_RUNNING", () => {
  it("opens a powered-on VM's console only; a powered-off or suspended one says why and how to power it on", () => {
    expect(checkConsoleOpen({ id: "v", name: "web-01", powerState: "POWERED_ON" }).ok).toBe(true);
    const off = checkConsoleOpen({ id: "v", name: "web-01", powerState: "POWERED_OFF" });
    const suspended = checkConsoleOpen({ id: "v", name: "web-01", powerState: "SUSPENDED" });
    if (off.ok || suspended.ok) throw new Error("expected refusals");
    expect(off.violations[0]).toMatchObject({ code: "CONSOLE.VM_NOT_RUNNING", severity: "refuse" });
    expect(off.violations[0]!.message.en).toMatch(/powered off.*Power it on/);
    expect(off.violations[0]!.message.fr).toMatch(/éteinte.*Allumez-la/);
    expect(suspended.violations[0]!.message.en).toMatch(/suspended.*Resume it/);
  });
});

// The simulated backup store's file catalogue: what a file-level restore would browse. There is no
// real guest file system here, so the listing is made from what the backup recorded (its guest OS
// and disks), the same for the same backup every time: a job shows the same files on every visit.

export type BackupFile = { path: string; kind: "dir" | "file"; sizeMib: number | null; disk: string };

type Disk = { label: string; usedGib: number };

/** A small, stable hash of a string (FNV-1a), to vary sizes from one backup to the next without randomness. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const LINUX_SYSTEM = ["/etc/", "/etc/fstab", "/etc/hostname", "/etc/ssh/sshd_config", "/home/", "/opt/", "/var/log/", "/var/log/syslog", "/var/lib/"];
const LINUX_DATA = ["/data/", "/data/app/", "/data/app/config.yaml", "/data/backups/", "/data/exports/"];
const WINDOWS_SYSTEM = ["C:\\Windows\\", "C:\\Windows\\System32\\drivers\\etc\\hosts", "C:\\Program Files\\", "C:\\Users\\", "C:\\Users\\Administrator\\Desktop\\", "C:\\inetpub\\logs\\"];
const WINDOWS_DATA = ["D:\\Data\\", "D:\\Data\\Shares\\", "D:\\Data\\Shares\\finance.xlsx", "D:\\SQL\\", "D:\\SQL\\backup.bak"];

/** The backup's files, disk by disk (the first disk is the system disk), directories first in each. */
export function backupFiles(job: { id: string; guestOs: string; disks: readonly Disk[] }): BackupFile[] {
  const windows = /windows/i.test(job.guestOs);
  const out: BackupFile[] = [];
  job.disks.forEach((d, i) => {
    const paths = i === 0 ? (windows ? WINDOWS_SYSTEM : LINUX_SYSTEM) : (windows ? WINDOWS_DATA : LINUX_DATA).map((p) => (windows ? p.replace(/^D:/, String.fromCharCode(68 + i - 1) + ":") : p.replace(/^\/data/, i === 1 ? "/data" : `/data${i}`)));
    for (const path of paths) {
      const dir = path.endsWith("/") || path.endsWith("\\");
      // A file's size: some of its disk's used space, the same for the same backup and path.
      const sizeMib = dir ? null : 1 + (hash(`${job.id}:${path}`) % Math.max(2, Math.round(d.usedGib * 8)));
      out.push({ path, kind: dir ? "dir" : "file", sizeMib, disk: d.label });
    }
  });
  return out;
}

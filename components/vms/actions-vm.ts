import { controllersOf } from "@/lib/domain/disks";
import type { VmActionsVm } from "./vm-actions";

type VmOfPage = Pick<VmActionsVm, "id" | "name" | "powerState" | "cpu" | "memoryGb" | "tags"> & {
  busy: unknown;
  pool: { name: string; nodeType: { threads: number } };
  datastore: { name: string };
  replications: readonly { kind: string; targetAzId: string }[];
  disks: Parameters<typeof controllersOf>[0];
};

/** What the VM's action buttons and dialogs need of its page's detail (the VM page and its console). */
export function toActionsVm(vm: VmOfPage): VmActionsVm {
  return {
    id: vm.id,
    name: vm.name,
    powerState: vm.powerState,
    cpu: vm.cpu,
    memoryGb: vm.memoryGb,
    tags: vm.tags,
    busy: vm.busy !== null,
    pool: vm.pool.name,
    datastore: vm.datastore.name,
    maxCpu: vm.pool.nodeType.threads,
    replicatedTo: vm.replications.filter((r) => r.kind === "VM_REPLICATION").map((r) => r.targetAzId),
    controllers: controllersOf(vm.disks),
  };
}

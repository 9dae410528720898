// The simulated infrastructure behind the console (there is no vCenter here). Each activity type
// runs a plan of steps with realistic durations, scaled by INFRA_TIME_SCALE (1 in production,
// less in the end-to-end suite, 0 in integration tests). A step can be told to fail, so that
// failure paths run for real: INFRA_FAULTS="vm.create:clone_image,vm.encrypt:*", or setInfraFaults().
import { setTimeout as sleep } from "node:timers/promises";
import type { ActivityType } from "@/lib/activity-types";
import type { LocalizedText } from "@/lib/domain/result";
import { env } from "@/lib/env";

export type InfraStep = {
  key: string;
  label: LocalizedText;
  ms: number;
  /** A step that runs only for some requests (a migration copies disks only when the datastore changes): asked of the activity's payload. */
  when?: (payload: unknown) => boolean;
};

const flagOf = (p: unknown, key: string) => typeof p === "object" && p !== null && (p as Record<string, unknown>)[key] === true;

/** The steps an activity runs, those that depend on its request left out when it does not need them. */
export function planFor(type: ActivityType, payload: unknown): InfraStep[] {
  return INFRA_PLANS[type].filter((st) => !st.when || st.when(payload));
}

const step = (key: string, en: string, fr: string, ms: number): InfraStep => ({ key, label: { en, fr }, ms });

const POWER_ON = [step("check_host", "Checking the host", "Vérification de l’hôte", 600), step("create_swap", "Creating the swap file", "Création du fichier d’échange", 900), step("boot", "Booting the guest", "Démarrage du système invité", 1500)];

// orders, pools and affinity rules: steps several plans share
const RACK_HOSTS = step("rack_hosts", "Racking and cabling the hosts", "Installation et câblage des hôtes", 6000);
const INSTALL_ESXI = step("install_esxi", "Installing ESXi", "Installation d’ESXi", 5000);
const APPLY_MEMORY_CAP = step("apply_memory_cap", "Applying the activated memory", "Application de la mémoire activée", 1000);
const SET_QOS = step("set_qos", "Applying the IOPS limit", "Application de la limite d’IOPS", 800);
const RESTORE_COPY = [
  step("reserve", "Reserving capacity", "Réservation de la capacité", 500),
  step("restore_disks", "Copying the disks from the backup store", "Copie des disques depuis le stockage de sauvegarde", 3000),
  step("register_vm", "Registering the restored VM", "Inscription de la VM restaurée", 600),
];
const WRITE_RULE = step("write_rule", "Writing the rule to the cluster", "Écriture de la règle dans le cluster", 500);

/** What each activity does on the infrastructure, step by step. */
export const INFRA_PLANS: Record<ActivityType, InfraStep[]> = {
  "vm.create": [
    step("reserve", "Reserving capacity", "Réservation de la capacité", 600),
    step("clone_image", "Cloning the OS image", "Clonage de l’image système", 2500),
    step("attach_disks", "Attaching disks", "Attachement des disques", 900),
    step("configure_network", "Configuring the network", "Configuration du réseau", 700),
    ...POWER_ON,
  ],
  "vm.power_on": POWER_ON,
  "vm.power_off": [step("shutdown_guest", "Shutting the guest down", "Arrêt du système invité", 1500), step("release_swap", "Releasing the swap file", "Libération du fichier d’échange", 500)],
  "vm.restart": [step("shutdown_guest", "Shutting the guest down", "Arrêt du système invité", 1200), step("boot", "Booting the guest", "Démarrage du système invité", 1500)],
  "vm.suspend": [step("save_memory", "Saving the memory state", "Sauvegarde de l’état mémoire", 1500)],
  "vm.resize": [step("reconfigure", "Reconfiguring the VM", "Reconfiguration de la VM", 1200)],
  "vm.disk_add": [step("create_disk", "Creating the disk", "Création du disque", 1200), step("attach_disk", "Attaching the disk", "Attachement du disque", 600)],
  "vm.disk_grow": [step("extend_disk", "Extending the disk", "Extension du disque", 900)],
  "vm.disk_delete": [step("detach_disk", "Detaching the disk", "Détachement du disque", 500), step("delete_disk", "Deleting the disk", "Suppression du disque", 800)],
  "vm.snapshot_create": [step("quiesce", "Quiescing the guest", "Mise au repos du système invité", 600), step("snapshot", "Taking the snapshot", "Prise du snapshot", 1000)],
  "vm.snapshot_delete": [step("consolidate", "Consolidating disks", "Consolidation des disques", 1200)],
  "vm.snapshot_revert": [step("revert_snapshot", "Reverting the disks to the snapshot", "Retour des disques au snapshot", 1000)],
  "vm.nic_add": [step("add_nic", "Adding the network adapter", "Ajout de la carte réseau", 700)],
  "vm.nic_edit": [step("reconfigure_nic", "Reconfiguring the network adapter", "Reconfiguration de la carte réseau", 500)],
  "vm.nic_remove": [step("remove_nic", "Removing the network adapter", "Retrait de la carte réseau", 500)],
  "vm.migrate": [
    step("check_target", "Checking the target host and datastore", "Vérification de l’hôte et du datastore cibles", 600),
    {
      ...step("copy_disks", "Copying the disks to the new datastore (Storage vMotion)", "Copie des disques vers le nouveau datastore (Storage vMotion)", 4000),
      when: (p) => flagOf(p, "storage"),
    },
    // A running VM's memory is copied while it runs; a stopped one is only registered on the target.
    { ...step("precopy_memory", "Pre-copying the memory to the target host", "Pré-copie de la mémoire vers l’hôte cible", 2000), when: (p) => flagOf(p, "running") },
    step("switch_over", "Switching over to the target", "Bascule vers la cible", 500),
  ],
  "vm.iso_mount": [step("connect_cd", "Connecting the ISO to the CD/DVD drive", "Connexion de l’ISO au lecteur CD/DVD", 500)],
  "vm.iso_unmount": [step("disconnect_cd", "Ejecting the ISO from the CD/DVD drive", "Éjection de l’ISO du lecteur CD/DVD", 400)],
  "vm.template_export": [step("clone_to_template", "Cloning the disks into a template", "Clonage des disques en modèle", 2500), step("register_template", "Registering the template in the catalogue", "Enregistrement du modèle dans le catalogue", 500)],
  "vm.disk_detach": [step("detach_disk", "Detaching the disk (kept on its datastore)", "Détachement du disque (conservé sur son datastore)", 500)],
  "vm.disk_attach": [step("attach_disk", "Attaching the disk", "Attachement du disque", 600)],
  "vm.tags_set": [step("write_tags", "Writing tags", "Écriture des étiquettes", 200)],
  "vm.delete": [step("unregister", "Unregistering the VM", "Désinscription de la VM", 700), step("delete_disks", "Deleting disks", "Suppression des disques", 1200)],
  "vm.encrypt": [
    step("request_kek", "Requesting a key-encryption key from the KMS", "Demande d’une clé de chiffrement de clés au KMS", 900),
    step("encrypt_disks", "Encrypting disks", "Chiffrement des disques", 3500),
    step("encrypt_config", "Encrypting the configuration", "Chiffrement de la configuration", 700),
  ],
  // orders: the provider installs hardware; a few seconds here stand for its minutes or hours
  "order.submit": [step("register_order", "Registering the order with the provider", "Enregistrement de la commande auprès du fournisseur", 500)],
  "order.cancel": [step("withdraw_order", "Withdrawing the order", "Retrait de la commande", 400)],
  "order.reject": [step("close_order", "Closing the order", "Clôture de la commande", 400)],
  "order.deliver_pool": [RACK_HOSTS, INSTALL_ESXI, step("create_cluster", "Creating the cluster (HA, DRS)", "Création du cluster (HA, DRS)", 3000), APPLY_MEMORY_CAP],
  "order.deliver_hosts": [RACK_HOSTS, INSTALL_ESXI, step("join_cluster", "Joining the hosts to the cluster", "Ajout des hôtes au cluster", 2500), APPLY_MEMORY_CAP],
  "order.deliver_datastore": [
    step("create_lun", "Creating the LUN", "Création de la LUN", 2500),
    step("present_lun", "Presenting it to the hosts", "Présentation aux hôtes", 1500),
    step("format_vmfs", "Formatting VMFS", "Formatage VMFS", 1000),
  ],
  "order.resize_datastore": [step("extend_lun", "Extending the LUN", "Extension de la LUN", 2000), step("grow_vmfs", "Growing VMFS", "Agrandissement du VMFS", 1000)],
  "order.retier_datastore": [step("migrate_tier", "Moving the volume to its new tier", "Déplacement du volume vers son nouveau niveau", 4000), SET_QOS],
  "order.deliver_vlan": [step("configure_switches", "Configuring the switches", "Configuration des commutateurs", 2000), step("trunk_hosts", "Trunking it to the hosts", "Propagation aux hôtes", 1000)],
  // pools and hosts
  "pool.set_activated_memory": [APPLY_MEMORY_CAP],
  "pool.set_ha": [step("configure_ha", "Configuring vSphere HA", "Configuration de vSphere HA", 1500)],
  "host.enter_maintenance": [step("migrate_vms", "Moving its VMs to the other hosts (vMotion)", "Déplacement de ses VM vers les autres hôtes (vMotion)", 3000), step("enter_maintenance", "Entering maintenance mode", "Passage en mode maintenance", 1000)],
  "host.exit_maintenance": [step("exit_maintenance", "Leaving maintenance mode", "Sortie du mode maintenance", 1000), step("reconnect", "Reconnecting to the cluster", "Reconnexion au cluster", 800)],
  // affinity rules
  "affinity.create": [WRITE_RULE],
  "affinity.enable": [WRITE_RULE],
  "affinity.disable": [WRITE_RULE],
  "affinity.delete": [step("remove_rule", "Removing the rule from the cluster", "Retrait de la règle du cluster", 400)],
  // ── data protection ──
  "backup.policy_assign": [step("register_backup", "Registering the VM with the backup service", "Inscription de la VM au service de sauvegarde", 800)],
  "backup.policy_remove": [step("unregister_backup", "Removing the VM from the backup job", "Retrait de la VM du travail de sauvegarde", 800)],
  "backup.run": [
    step("snapshot_vm", "Taking the backup snapshot", "Prise du snapshot de sauvegarde", 800),
    step("transfer_data", "Copying the disks to the backup store of the other zone", "Copie des disques vers le stockage de sauvegarde de l’autre zone", 2500),
    step("catalog_files", "Cataloguing the files", "Catalogage des fichiers", 600),
    step("release_snapshot", "Releasing the backup snapshot", "Libération du snapshot de sauvegarde", 400),
  ],
  "backup.restore_test": RESTORE_COPY,
  "backup.restore_clone": RESTORE_COPY,
  "backup.restore_production": [
    step("power_off", "Powering the VM off", "Arrêt de la VM", 600),
    step("restore_disks", "Writing the backup over the VM's disks", "Écriture de la sauvegarde sur les disques de la VM", 3000),
    step("reconfigure", "Restoring the VM's configuration", "Restauration de la configuration de la VM", 600),
  ],
  "backup.promote_restore": [
    step("unregister_original", "Removing the original VM", "Retrait de la VM d’origine", 800),
    step("rename_copy", "Giving the restored copy the original's name", "Attribution du nom d’origine à la copie restaurée", 400),
  ],
  "replication.vm_enable": [
    step("reserve_standby", "Reserving memory and storage on the standby site", "Réservation de la mémoire et du stockage sur le site de secours", 700),
    step("initial_sync", "Copying the VM to the standby site", "Copie de la VM vers le site de secours", 3000),
  ],
  "replication.global_mirror_enable": [
    step("create_standby_lun", "Creating the standby volume", "Création du volume de secours", 900),
    step("initial_copy", "Initial copy of the volume", "Copie initiale du volume", 3000),
  ],
  "replication.metro_mirror_enable": [
    step("create_standby_lun", "Creating the standby volume", "Création du volume de secours", 900),
    step("initial_copy", "Initial copy of the volume", "Copie initiale du volume", 3000),
  ],
  "replication.stop": [step("break_relationship", "Stopping the replication", "Arrêt de la réplication", 800), step("release_standby", "Releasing the standby reservation", "Libération de la réservation de secours", 600)],
  // ── network ──
  "vlan.propagate": [step("extend_vlan", "Extending the VLAN to the tenant", "Extension du VLAN au tenant", 1000)],
  "vlan.unpropagate": [step("withdraw_vlan", "Withdrawing the VLAN from the tenant", "Retrait du VLAN du tenant", 1000)],
};

export class InfraFault extends Error {
  constructor(readonly type: ActivityType, readonly step: InfraStep) {
    super(`simulated fault in ${type}:${step.key}`);
    this.name = "InfraFault";
  }
}

export type Fault = { type: ActivityType | "*"; step: string | "*" };

export interface InfraDriver {
  /** One step; `signal` aborts it (a graceful stop), which is safe as every step is idempotent. */
  run(type: ActivityType, step: InfraStep, signal?: AbortSignal): Promise<void>;
}

function parseFaults(spec: string | undefined): Fault[] {
  return (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [type, stepKey] = s.split(":");
      return { type: (type || "*") as Fault["type"], step: stepKey || "*" };
    });
}

const g = globalThis as unknown as { __infraFaults?: Fault[] };

/** Tests: make the matching steps fail until cleared. */
export function setInfraFaults(faults: Fault[]): void {
  g.__infraFaults = faults;
}

function faults(): Fault[] {
  return g.__infraFaults ?? parseFaults(env().INFRA_FAULTS);
}

export function timeScale(): number {
  return env().INFRA_TIME_SCALE ?? 1;
}

export const simulatedDriver: InfraDriver = {
  async run(type, step, signal) {
    const ms = step.ms * timeScale();
    if (ms > 0) await sleep(ms, undefined, { signal });
    if (faults().some((f) => (f.type === "*" || f.type === type) && (f.step === "*" || f.step === step.key))) throw new InfraFault(type, step);
  },
};

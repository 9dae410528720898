"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Copy, Trash2 } from "lucide-react";
import { copyPublicTemplateAction } from "@/lib/actions/catalog/copy-public-template";
import { deleteCatalogItemAction } from "@/lib/actions/catalog/delete-catalog-item";
import { registerIsoAction } from "@/lib/actions/catalog/register-iso";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { ConfirmDialog } from "@/components/actions/confirm-dialog";

// The catalogue's immediate changes: copy a public template, register an ISO's metadata, delete an
// item (confirmed). Each answers at once (no activity); the page is refreshed after.

export function CopyTemplateButton({ tenantId, template, defaults, canWrite }: { tenantId: string; template: { code: string; label: string }; defaults: string; canWrite: boolean }) {
  const t = useTranslations("catalog");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(template.code);
  const copy = useAction(copyPublicTemplateAction.bind(null, tenantId), { onDone: () => router.refresh() });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) copy.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" disabled={!canWrite} title={canWrite ? undefined : t("needsWrite")} aria-label={t("copyLabel", { name: template.label })}>
          <Copy aria-hidden className="size-3.5" />
          {t("copy")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("copyTitle", { name: template.label })} description={t("copyBody", { defaults })}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void copy.run({ templateCode: template.code, name }, () => setOpen(false));
          }}
        >
          <Field id={`copy-${template.code}-name`} label={t("copyName")} errors={copy.errors("name")}>
            {(aria) => <Input {...aria} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} />}
          </Field>
          <ActionResultView result={copy.failure} hideInvalid />
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" size="md">{t("back")}</Button>
            </DialogClose>
            <Button type="submit" size="md" pending={copy.pending}>{t("copy")}</Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DeleteItemButton({ tenantId, item, canWrite }: { tenantId: string; item: { id: string; name: string }; canWrite: boolean }) {
  const t = useTranslations("catalog");
  return (
    <ConfirmDialog
      action={deleteCatalogItemAction.bind(null, tenantId)}
      input={{ itemId: item.id }}
      trigger={
        <Button variant="ghost" disabled={!canWrite} title={canWrite ? undefined : t("needsWrite")} aria-label={t("deleteLabel", { name: item.name })} className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50">
          <Trash2 aria-hidden className="size-3.5" />
          {t("delete")}
        </Button>
      }
      title={t("deleteTitle", { name: item.name })}
      description={t("deleteBody")}
      cancelLabel={t("back")}
      confirmLabel={t("delete")}
      done={t("deleted", { name: item.name })}
    />
  );
}

/** The largest file whose SHA-256 this browser computes (Web Crypto reads it whole into memory). */
const HASH_MAX_BYTES = 1024 ** 3;

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function RegisterIsoForm({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const t = useTranslations("catalog");
  const router = useRouter();
  const [fields, setFields] = useState({ name: "", sizeBytes: "", sha256: "" });
  const [hashNote, setHashNote] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reg = useAction(registerIsoAction.bind(null, tenantId), { onDone: () => router.refresh() });
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [k]: e.target.value }));
  // Only the file's metadata is read, and its bytes hashed here: nothing of it is sent.
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFields((f) => ({ ...f, name: file.name, sizeBytes: String(file.size) }));
    if (file.size > HASH_MAX_BYTES) return setHashNote(t("isoTooBig"));
    setHashNote(t("isoHashing"));
    const sha = await sha256Hex(file);
    setFields((f) => ({ ...f, sha256: sha }));
    setHashNote(null);
  };
  return (
    <form
      aria-labelledby="iso-title"
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        void reg.run(fields, () => {
          setDone(t("isoRegistered", { name: fields.name }));
          setFields({ name: "", sizeBytes: "", sha256: "" });
        });
      }}
    >
      <h2 id="iso-title" className="text-sm font-semibold">{t("isoTitle")}</h2>
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">{t("isoSimulated")}</p>
      <Field id="iso-file" label={t("isoFile")} hint={hashNote ?? t("isoFileHint")}>
        {(aria) => <Input {...aria} type="file" accept=".iso,application/x-iso9660-image" disabled={!canWrite} onChange={(e) => void onFile(e.target.files?.[0])} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="iso-name" label={t("isoName")} errors={reg.errors("name")}>
          {(aria) => <Input {...aria} name="name" value={fields.name} onChange={set("name")} required autoComplete="off" spellCheck={false} />}
        </Field>
        <Field id="iso-size" label={t("isoSize")} errors={reg.errors("sizeBytes")}>
          {(aria) => <Input {...aria} name="sizeBytes" inputMode="numeric" value={fields.sizeBytes} onChange={set("sizeBytes")} required />}
        </Field>
      </div>
      <Field id="iso-sha" label={t("isoSha")} errors={reg.errors("sha256")}>
        {(aria) => <Input {...aria} name="sha256" value={fields.sha256} onChange={set("sha256")} required autoComplete="off" spellCheck={false} className="font-mono" />}
      </Field>
      <ActionResultView result={reg.failure} hideInvalid />
      {done && <p role="status" className="text-sm text-green-800 dark:text-green-300">{done}</p>}
      <Button type="submit" size="md" pending={reg.pending} disabled={!canWrite} title={canWrite ? undefined : t("needsWrite")}>{t("isoSubmit")}</Button>
    </form>
  );
}

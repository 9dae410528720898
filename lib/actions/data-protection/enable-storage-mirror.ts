"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { enableStorageMirrorSchema } from "@/lib/validation/data-protection";
import { enableStorageMirror } from "@/lib/services/replication";

export const enableStorageMirrorAction = tenantAction({ permission: "replication:write", schema: enableStorageMirrorSchema }, enableStorageMirror);

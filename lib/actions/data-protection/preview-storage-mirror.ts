"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { enableStorageMirrorSchema } from "@/lib/validation/data-protection";
import { previewStorageMirror } from "@/lib/services/replication";

export const previewStorageMirrorAction = tenantAction({ permission: "replication:write", schema: enableStorageMirrorSchema }, previewStorageMirror);

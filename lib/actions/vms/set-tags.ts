"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { setTagsSchema } from "@/lib/validation/vms";
import { setTags } from "@/lib/services/vms";

export const setTagsAction = tenantAction({ permission: "compute:write", schema: setTagsSchema }, setTags);

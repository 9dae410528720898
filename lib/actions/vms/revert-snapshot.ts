"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const revertSnapshotAction = consoleAction(USE_CASES.revertSnapshot);

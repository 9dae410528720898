"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const acknowledgeAlertAction = consoleAction(USE_CASES.acknowledgeAlert);

"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const enableAffinityRuleAction = consoleAction(USE_CASES.enableAffinityRule);

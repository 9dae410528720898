"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const createAffinityRuleAction = consoleAction(USE_CASES.createAffinityRule);

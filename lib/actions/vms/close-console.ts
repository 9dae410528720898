"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const closeConsoleAction = consoleAction(USE_CASES.closeConsole);

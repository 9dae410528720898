"use server";
import { consoleAction } from "@/lib/actions/safe-action";
import { USE_CASES } from "@/lib/use-cases";

export const deleteListViewAction = consoleAction(USE_CASES.deleteListView);

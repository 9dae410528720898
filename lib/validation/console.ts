// What the simulated web console accepts: one schema each for opening it, sending it a line or a
// key combination, and closing it, shared by the server actions and the REST API.
import { z } from "zod";
import { CONSOLE_LIMITS, GUEST_USER_PATTERN } from "@/lib/domain/console";

const id = z.string().trim().min(1, "v.required").max(64);

export const CONSOLE_KEYS = ["ctrl-alt-del", "ctrl-d"] as const;
export type ConsoleKey = (typeof CONSOLE_KEYS)[number];

export const openConsoleSchema = z.object({ vmId: id });
export type OpenConsoleInput = z.infer<typeof openConsoleSchema>;

/**
 * A line typed at the guest's shell (kept as typed: spaces matter to a shell), or a key
 * combination sent (Ctrl-Alt-Del reboots the guest, Ctrl-D logs out); `user` is who logged in at
 * the guest's prompt (simulated: the password never leaves the browser).
 */
export const consoleCommandSchema = z.object({
  vmId: id,
  sessionId: id,
  line: z.string().max(CONSOLE_LIMITS.lineChars).refine((s) => !/[\r\n]/.test(s), "v.invalid").default(""),
  key: z.enum(CONSOLE_KEYS).optional(),
  user: z.string().regex(GUEST_USER_PATTERN).default("root"),
});
export type ConsoleCommandInput = z.infer<typeof consoleCommandSchema>;

export const closeConsoleSchema = z.object({ vmId: id, sessionId: id });
export type CloseConsoleInput = z.infer<typeof closeConsoleSchema>;

export type StepState = "pending" | "running" | "done" | "skipped" | "failed";
export type StartKey = "install" | "database" | "migrations" | "seed" | "build" | "console";
export type StartState = { steps: Partial<Record<StartKey, StepState>>; error?: string };
export declare const START_STEPS: [StartKey, string][];
export function progressPage(state: StartState): string;
export function startProgressServer(
  port: number,
  state?: StartState,
): {
  state: StartState;
  listening: Promise<boolean>;
  step(key: StartKey, value: StepState): void;
  fail(message: string): void;
  close(): Promise<void>;
};

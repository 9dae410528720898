"use client";
// The simulated web console of a VM: a terminal (xterm.js, loaded only here, by dynamic import),
// the guest's boot log, a login prompt handled in the page (the password never leaves it), then
// each line sent to the server, which records it and answers from the VM's inventory. Keys the
// browser keeps for itself (Ctrl-Alt-Del, and Ctrl-C / Ctrl-D for those who prefer a button) are
// buttons; paste types the clipboard's text; full screen uses the Fullscreen API.
import "@xterm/xterm/css/xterm.css";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Terminal } from "@xterm/xterm";
import type { FitAddon } from "@xterm/addon-fit";
import { openConsoleAction } from "@/lib/actions/vms/open-console";
import { runConsoleCommandAction } from "@/lib/actions/vms/run-console-command";
import { closeConsoleAction } from "@/lib/actions/vms/close-console";
import type { ActionResult } from "@/lib/actions/result";
import type { ViolationView } from "@/lib/decision-view";
import { CONSOLE_LIMITS, GUEST_USER_PATTERN } from "@/lib/domain/console";
import { Button } from "@/components/ui/button";

export type WebConsoleLabels = {
  terminalLabel: string;
  toolbar: string;
  opening: string;
  closed: string;
  reopen: string;
  close: string;
  ctrlAltDel: string;
  ctrlAltDelConfirm: string;
  send: string;
  cancel: string;
  ctrlC: string;
  ctrlD: string;
  paste: string;
  pasteTooLong: string;
  pasteDenied: string;
  fullScreen: string;
  exitFullScreen: string;
  busy: string;
};

type Phase = "opening" | "user" | "password" | "shell" | "closed";
type Opened = { sessionId: string; hostname: string; bootLog: string; loginPrompt: string };
type Answer = { output: string; effect: "clear" | "exit" | "reboot" | null; commands: number };

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function failureText(r: Extract<ActionResult<unknown>, { ok: false }>): { text: string; violations: ViolationView[] } {
  return { text: r.violations?.length ? r.violations.map((v) => `${v.code}: ${v.message}`).join(" ") : r.formError, violations: r.violations ?? [] };
}

export function WebConsole({ tenantId, vmId, labels }: { tenantId: string; vmId: string; labels: WebConsoleLabels }) {
  const frameRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const st = useRef({ phase: "opening" as Phase, line: "", user: "", session: null as Opened | null, busy: false, queue: [] as string[] });
  const [phase, setPhaseState] = useState<Phase>("opening");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmReboot, setConfirmReboot] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** The terminal's input handler, as last rendered (the terminal and the answers call it through here). */
  const dataRef = useRef<(data: string) => Promise<void>>(async () => {});

  const setPhase = (p: Phase) => {
    st.current.phase = p;
    setPhaseState(p);
  };
  const write = (s: string) => termRef.current?.write(crlf(s));
  const prompt = () => {
    const s = st.current;
    if (!s.session) return;
    write(s.phase === "user" ? s.session.loginPrompt : s.phase === "password" ? "Password: " : `${s.user}@${s.session.hostname}:~${s.user === "root" ? "#" : "$"} `);
  };

  /** Prints the boot log a line at a time, as a guest would, then the login prompt. */
  const boot = async (log: string) => {
    termRef.current?.reset();
    for (const line of log.split(/\r?\n/)) {
      write(`${line}\n`);
      await sleep(12);
    }
    setPhase("user");
    prompt();
  };

  const send = useCallback(
    async (input: { line?: string; key?: "ctrl-alt-del" | "ctrl-d" }) => {
      const s = st.current;
      if (!s.session) return;
      s.busy = true;
      setBusy(true);
      try {
        const r = (await runConsoleCommandAction(tenantId, null, { vmId, sessionId: s.session.sessionId, user: s.user || "root", ...input })) as ActionResult<Answer>;
        if (!r.ok) {
          const f = failureText(r);
          setError(f.text);
          write(`\n[console] ${f.text}\n`);
          if (r.code === "REFUSED" || r.code === "CONFLICT" || r.code === "NOT_FOUND") {
            s.session = null;
            setPhase("closed");
          } else prompt();
          return;
        }
        setError(null);
        const a = r.data;
        if (a.effect === "reboot") {
          s.user = "";
          s.line = "";
          await boot(a.output);
        } else if (a.effect === "clear") {
          termRef.current?.clear();
          termRef.current?.write("\x1b[2J\x1b[H");
          prompt();
        } else if (a.effect === "exit") {
          write(`${a.output}\n`);
          s.session = null;
          setPhase("closed");
        } else {
          if (a.output) write(`${a.output}\n`);
          prompt();
        }
      } finally {
        s.busy = false;
        setBusy(false);
      }
      // Lines typed or pasted while the guest answered follow, in order.
      const next = st.current.queue.shift();
      if (next !== undefined) void dataRef.current(next);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tenantId, vmId],
  );

  /** Keys and pasted text from the terminal, as the guest's tty would take them. */
  const handleData = useCallback(
    async (data: string) => {
      const s = st.current;
      if (s.busy) {
        s.queue.push(data);
        return;
      }
      for (let i = 0; i < data.length; i++) {
        const ch = data[i]!;
        if (s.phase === "opening" || s.phase === "closed") return;
        if (ch === "\r" || ch === "\n") {
          const line = s.line;
          s.line = "";
          write("\n");
          if (s.phase === "user") {
            if (!GUEST_USER_PATTERN.test(line)) {
              write("Login incorrect\n");
              prompt();
            } else {
              s.user = line;
              setPhase("password");
              prompt();
            }
          } else if (s.phase === "password") {
            setPhase("shell");
            write(`Last login: simulated console. Any password is accepted here, and none leaves this page.\n`);
            prompt();
          } else {
            if (line.trim() === "") prompt();
            else {
              // The rest of a paste waits for the answer.
              const rest = data.slice(i + 1);
              if (rest) s.queue.unshift(rest);
              await send({ line });
              return;
            }
          }
        } else if (ch === "\x7f" || ch === "\b") {
          if (s.line.length > 0) {
            s.line = s.line.slice(0, -1);
            if (s.phase !== "password") write("\b \b");
          }
        } else if (ch === "\x03") {
          s.line = "";
          write("^C\n");
          if (s.phase === "password") setPhase("user");
          prompt();
        } else if (ch === "\x04") {
          if (s.phase === "shell" && s.line === "") {
            write("\n");
            await send({ key: "ctrl-d" });
            return;
          }
        } else if (ch === "\x1b") {
          // An escape sequence (arrows, function keys): the simulated line editor has none.
          const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i));
          if (m) i += m[0].length - 1;
        } else if (ch >= " " && s.line.length < CONSOLE_LIMITS.lineChars) {
          s.line += ch;
          if (s.phase !== "password") write(ch);
        }
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [send],
  );

  useEffect(() => {
    dataRef.current = handleData;
  }, [handleData]);

  // The terminal: loaded on this page only, opened once.
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed || !hostRef.current) return;
      const term = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 14, rows: 28, scrollback: 2000, fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", theme: { background: "#0b1220" } });
      const fit = new FitAddon();
      term.loadAddon(fit);
      // Tab moves the focus on: the simulated shell completes nothing, and a keyboard user must leave.
      term.attachCustomKeyEventHandler((e) => e.key !== "Tab");
      term.open(hostRef.current);
      term.textarea?.setAttribute("aria-label", labels.terminalLabel);
      fit.fit();
      term.onData((d) => void dataRef.current(d));
      termRef.current = term;
      fitRef.current = fit;
      observer = new ResizeObserver(() => fit.fit());
      observer.observe(hostRef.current);
      setAttempt((n) => n + 1);
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      termRef.current?.dispose();
      termRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Opening (and reopening) the console once the terminal is there.
  useEffect(() => {
    if (attempt === 0) return;
    let cancelled = false;
    void (async () => {
      setPhase("opening");
      setError(null);
      termRef.current?.reset();
      const r = (await openConsoleAction(tenantId, null, { vmId })) as ActionResult<Opened>;
      if (cancelled) return;
      if (!r.ok) {
        const f = failureText(r);
        setError(f.text);
        setPhase("closed");
        return;
      }
      st.current.session = r.data;
      st.current.user = "";
      st.current.line = "";
      termRef.current?.focus();
      await boot(r.data.bootLog);
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  // Leaving the page closes the console (audited with its count of commands).
  useEffect(
    () => () => {
      const s = st.current.session;
      if (s) void closeConsoleAction(tenantId, null, { vmId, sessionId: s.sessionId });
    },
    [tenantId, vmId],
  );

  useEffect(() => {
    const onChange = () => {
      setFullScreen(document.fullscreenElement === frameRef.current);
      setTimeout(() => fitRef.current?.fit(), 50);
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frameRef.current?.requestFullscreen?.();
    termRef.current?.focus();
  };

  const paste = async () => {
    let text: string;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      setError(labels.pasteDenied);
      return;
    }
    if (text.length > CONSOLE_LIMITS.pasteChars) {
      setError(labels.pasteTooLong.replace("{actual}", String(text.length)).replace("{limit}", String(CONSOLE_LIMITS.pasteChars)));
      return;
    }
    setError(null);
    termRef.current?.focus();
    void handleData(text.replace(/\r?\n/g, "\r"));
  };

  const closeNow = async () => {
    const s = st.current.session;
    st.current.session = null;
    setPhase("closed");
    write(`\n${labels.closed}\n`);
    if (s) await closeConsoleAction(tenantId, null, { vmId, sessionId: s.sessionId });
  };

  const live = phase !== "opening" && phase !== "closed";
  return (
    <div ref={frameRef} className="flex flex-col gap-2 bg-white dark:bg-slate-950">
      <div role="toolbar" aria-label={labels.toolbar} className="flex flex-wrap items-center gap-2">
        {confirmReboot ? (
          <span role="group" aria-label={labels.ctrlAltDel} className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {labels.ctrlAltDelConfirm}
            <Button
              variant="danger"
              onClick={() => {
                setConfirmReboot(false);
                termRef.current?.focus();
                void send({ key: "ctrl-alt-del" });
              }}
            >
              {labels.send}
            </Button>
            <Button onClick={() => setConfirmReboot(false)}>{labels.cancel}</Button>
          </span>
        ) : (
          <Button disabled={!live || busy} onClick={() => setConfirmReboot(true)}>
            {labels.ctrlAltDel}
          </Button>
        )}
        <Button disabled={!live || busy} onClick={() => { termRef.current?.focus(); void handleData("\x03"); }}>
          {labels.ctrlC}
        </Button>
        <Button disabled={!live || busy} onClick={() => { termRef.current?.focus(); void handleData("\x04"); }}>
          {labels.ctrlD}
        </Button>
        <Button disabled={!live || busy} onClick={() => void paste()}>
          {labels.paste}
        </Button>
        <Button onClick={toggleFullScreen} aria-pressed={fullScreen}>
          {fullScreen ? labels.exitFullScreen : labels.fullScreen}
        </Button>
        {live ? (
          <Button variant="ghost" onClick={() => void closeNow()}>
            {labels.close}
          </Button>
        ) : phase === "closed" ? (
          <Button variant="primary" onClick={() => setAttempt((n) => n + 1)}>
            {labels.reopen}
          </Button>
        ) : null}
        <span aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
          {phase === "opening" ? labels.opening : phase === "closed" ? labels.closed : busy ? labels.busy : ""}
        </span>
      </div>
      {error && (
        <p role="alert" data-testid="console-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      <div role="group" aria-label={labels.terminalLabel} className="min-h-[28rem] flex-1 overflow-hidden rounded-lg bg-[#0b1220] p-2">
        <div ref={hostRef} data-testid="terminal" className="h-full min-h-[27rem]" />
      </div>
    </div>
  );
}

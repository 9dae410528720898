import type { IncomingMessage } from "node:http";
export function trustedClientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, hops: number): string;
export function trustProxyHopsOf(value: string | undefined): number;
export function applyTrustedForwarding(req: IncomingMessage, hops: number): void;

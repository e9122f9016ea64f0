// Who may write, and from where. The server binds to loopback by default; bound anywhere else,
// every write needs the token (Authorization: Bearer …). On loopback, requests must also name
// a loopback host, so a web page elsewhere cannot reach the API through DNS rebinding.

import { timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The hostname part of a Host header ("127.0.0.1:8080", "[::1]:80", "localhost"). */
export function hostnameOf(hostHeader: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (m) return m[1]!;
  return hostHeader.replace(/:\d+$/, '');
}

/** Constant-time comparison of a presented token with the expected one. */
export function tokenMatches(presented: string, expected: string): boolean {
  // Hash both so the comparison does not leak the expected token's length.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export interface AccessPolicy {
  /** Token required for writes; null means writes are open (loopback without a token). */
  token: string | null;
  /** Reject requests whose Host header is not a loopback name (set when bound to loopback). */
  loopbackOnly: boolean;
}

/**
 * The policy for a bind address: off loopback a token is mandatory, and starting without one is
 * refused rather than silently serving an open write API to the network.
 */
export function accessPolicy(host: string, token: string | null | undefined): AccessPolicy {
  const t = token && token.length > 0 ? token : null;
  const loopback = isLoopbackHost(host);
  if (!loopback && !t) {
    throw new Error(`binding to ${host} exposes the API beyond this machine: give a write token with --token or SITREP_TOKEN`);
  }
  if (t && t.length < 16) throw new Error('the write token must be at least 16 characters');
  return { token: t, loopbackOnly: loopback };
}

// The idempotency key of an article: sha256 of its text after the normalisations that do not
// change what it says (Unicode NFC, line endings, surrounding whitespace), so the same story
// saved by two tools on two systems is stored once.

import * as crypto from 'node:crypto';

export function normaliseForHash(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** sha256 of the UTF-8 of `s`, as hex: the one-shot crypto.hash where this Node has it (20.12 on), a fraction of the cost of a Hash object. */
export const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

export function articleHash(text: string): string {
  return sha256Hex(normaliseForHash(text));
}

// The idempotency key of an article: sha256 of its text after the normalisations that do not
// change what it says (Unicode NFC, line endings, surrounding whitespace), so the same story
// saved by two tools on two systems is stored once.

import { createHash } from 'node:crypto';

export function normaliseForHash(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

export function articleHash(text: string): string {
  return createHash('sha256').update(normaliseForHash(text), 'utf8').digest('hex');
}

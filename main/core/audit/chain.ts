import { sha256Hex } from '../lib/crypto';

export const genesisHash = '0'.repeat(64);

export interface ChainedFields {
  tenantId: string;
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The details exactly as stored (JSON text), so the hash covers the stored bytes. */
  details: string;
  ip: string | null;
  prevHash: string;
}

export function chainHash(fields: ChainedFields): string {
  return sha256Hex(
    JSON.stringify([
      fields.tenantId,
      fields.seq,
      fields.at,
      fields.actorId,
      fields.actorName,
      fields.action,
      fields.targetType,
      fields.targetId,
      fields.details,
      fields.ip,
      fields.prevHash,
    ]),
  );
}

const secretKey = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|otp|recovery/i;

/** Audit details keep what changed, never a secret: any key that looks like one is replaced. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[nested]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        secretKey.test(key) ? '[redacted]' : redactSecrets(item, depth + 1),
      ]),
    );
  }
  return value;
}

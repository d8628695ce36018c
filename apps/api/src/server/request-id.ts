import { randomUUID } from 'node:crypto';

/** A caller's own request id is kept when it looks like one (so traces join up across services), else a new one. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTABLE.test(given) ? given : randomUUID();
}

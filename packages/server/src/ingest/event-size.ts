/**
 * The UTF-8 size of a flat JSON object without re-serialising it: events are flat, so summing
 * key and value lengths costs far less than JSON.stringify (numbers count as 8 bytes).
 */
export function eventBytes(event: Record<string, unknown>, stopAt: number): number {
  let total = 2;
  for (const key in event) {
    if (!Object.hasOwn(event, key)) continue;
    const value = event[key];
    total += utf8Length(key) + 4;
    if (typeof value === 'string') total += utf8Length(value) + 2;
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') total += 8;
    else total += utf8Length(JSON.stringify(value) ?? '');
    if (total > stopAt) return total;
  }
  return total;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

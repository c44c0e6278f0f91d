/**
 * The text of a requirements file, decoded as pip decodes it
 * (pip/_internal/utils/encoding.py, auto_decode): a byte-order mark picks the
 * encoding (UTF-8, UTF-16 LE or BE, UTF-32 BE; PowerShell's `>` writes UTF-16 LE
 * with a BOM), else a PEP 263 `# -*- coding: NAME -*-` comment in the first two
 * lines, else UTF-8 (the locale's encoding on a CI runner).
 *
 * pip checks the UTF-16 marks before the UTF-32 ones, so a UTF-32 LE file (FF FE
 * 00 00) is read as UTF-16 LE there, and here too: torchcraft reads what pip reads.
 */

const CODING = /coding[:=]\s*([-\w.]+)/;

/** Python codec names that WHATWG's TextDecoder spells differently. */
const ALIASES: Record<string, string> = { latin: 'latin1', 'latin-1': 'latin1', l1: 'latin1', utf8: 'utf-8', 'utf-8-sig': 'utf-8', cp65001: 'utf-8', ascii: 'utf-8', 'us-ascii': 'utf-8' };

export class DecodeError extends Error {}

function utf32be(data: Buffer): string {
  let out = '';
  for (let i = 0; i + 3 < data.length; i += 4) out += String.fromCodePoint(Math.min(data.readUInt32BE(i), 0x10ffff));
  return out;
}

function utf16be(data: Buffer): string {
  const even = Buffer.from(data.subarray(0, data.length - (data.length % 2)));
  return even.swap16().toString('utf16le');
}

export function decodeLikePip(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return data.subarray(2, data.length - (data.length % 2)).toString('utf16le');
  if (data[0] === 0xfe && data[1] === 0xff) return utf16be(data.subarray(2));
  if (data[0] === 0x00 && data[1] === 0x00 && data[2] === 0xfe && data[3] === 0xff) return utf32be(data.subarray(4));
  // Only the first two lines may declare an encoding; reading them needs no decoding.
  let start = 0;
  for (let n = 0; n < 2 && start <= data.length; n++) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    const line = data.subarray(start, Math.min(end, start + 512)).toString('latin1');
    const m = line.startsWith('#') ? CODING.exec(line) : null;
    if (m) return decodeAs(data, m[1]);
    start = end + 1;
  }
  return data.toString('utf8');
}

function decodeAs(data: Buffer, name: string): string {
  const label = name.toLowerCase().replace(/_/g, '-');
  try {
    return new TextDecoder(ALIASES[label] ?? label).decode(data);
  } catch {
    throw new DecodeError(`it declares the encoding ${JSON.stringify(name)} (a "coding:" comment), which torchcraft cannot decode`);
  }
}

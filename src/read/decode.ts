import { isUtf8 } from "node:buffer";
import type { InputIssue } from "../errors.js";

/**
 * Input bytes to text. UTF-8 (a byte-order mark is dropped) and UTF-16 with
 * a byte-order mark are read; UTF-16 without one, invalid UTF-8 and binary
 * data (a NUL byte) are located errors, never a garbled report.
 */
export function decode(bytes: Buffer, file: string): { text: string } | { issue: InputIssue } {
  const checked = checkUtf8(bytes, file);
  return "issue" in checked || "text" in checked ? checked : { text: checked.utf8.toString("utf8") };
}

/**
 * Check input bytes without decoding them when they are UTF-8 (the common case):
 * a large CSV then goes to the parser as bytes, never held a second time as text.
 * UTF-16 with a byte-order mark comes back decoded.
 */
export function checkUtf8(bytes: Buffer, file: string): { utf8: Buffer } | { text: string } | { issue: InputIssue } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0, start);
  if (nul >= 0) {
    const line = lineOf(bytes, nul);
    if (looksUtf16(bytes)) {
      const order = bytes[start] === 0 ? "UTF-16BE" : "UTF-16LE";
      return { issue: { file, line: 0, code: "FILE_ENCODING", message: `the file looks like ${order} text without a byte-order mark: save it as UTF-8 (or UTF-16 with a byte-order mark)` } };
    }
    return { issue: { file, line, code: "FILE_BINARY", message: "a NUL byte: this looks like a binary file, not claims" } };
  }
  if (isUtf8(bytes.subarray(start))) return { utf8: bytes.subarray(start) };
  {
    const at = firstInvalidUtf8(bytes, start);
    return {
      issue: {
        file,
        line: lineOf(bytes, at),
        code: "FILE_ENCODING",
        message: `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, "0")} is not UTF-8: it may be Windows-1252 or Latin-1 (give --encoding windows-1252), or save the file as UTF-8`,
      },
    };
  }
}

/** The line a byte is on; a line ends at \n, \r\n or a lone \r. */
function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

/** Text in UTF-16 without a mark: NUL in most even or most odd positions of its first bytes. */
function looksUtf16(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (even > pairs * 0.6 && odd < pairs * 0.1) || (odd > pairs * 0.6 && even < pairs * 0.1);
}

/** The offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Buffer, start: number): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length - 1;
}

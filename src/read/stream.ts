/**
 * Read a stream whole, but stop at the first chunk that holds a NUL byte when the stream does not
 * start with a UTF-16 byte-order mark: such input is binary (FILE_BINARY, located by the reader), and
 * an endless one (/dev/zero, `reconcile - < /dev/zero`) must be refused, not read until memory runs out.
 */
export async function readUntilBinary(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let utf16: boolean | undefined;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    if (utf16 === undefined) {
      const head = chunks.length === 1 ? bytes : Buffer.concat(chunks);
      if (head.length < 2) continue;
      utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    }
    if (!utf16 && bytes.includes(0)) {
      if ("destroy" in stream && typeof stream.destroy === "function") stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

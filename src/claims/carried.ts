import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Claim } from "./claim.js";
import { UsageError } from "../errors.js";
import { bareRecord } from "../util/word-table.js";

/**
 * What a claim carries to the report and nothing before the report reads: its url, quote and
 * notes, and the columns the tool does not use. On a whole dataset this is most of the input (an
 * ACLED event's notes, its sources, a URL per row), so a large run keeps it on disk.
 */
export interface CarriedText {
  url?: string;
  quote?: string;
  notes?: string;
  extra: Record<string, string>;
}

/** Which carried fields a record has: shared by every record with the same ones, so a report learns its columns without reading a record. */
export interface CarriedShape {
  url: boolean;
  quote: boolean;
  notes: boolean;
  /** The extra columns with a value, in the order a record of them lists its keys (as the claims' `extra` in memory do). */
  extra: readonly string[];
  /** The same columns in the input's order: the order of their values in the file. */
  stored: readonly string[];
}

/** Bytes written to the file at once, and read at once when the report reads records in order. */
const CHUNK = 1 << 20;

/** Closes the file of a store nobody holds any more (a library caller's result let go). */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * The carried text of a run's claims in a temporary file, one JSON array of strings per record
 * (what JSON writes is read back exactly, whatever the text holds), with each record's place and
 * shape in typed arrays: 13 bytes a record in memory, where the text itself held hundreds.
 *
 * Claims whose text is here are made by `claim()`: they have `carried` set to their record and
 * getters that read `url`, `quote`, `notes` and `extra` back, so every reader of a claim sees what it
 * would see in memory. The last record read is kept, and records read in the order they
 * were written (a report of groups in reading order) are read a megabyte at a time.
 *
 * The file is removed as soon as it is open (on POSIX systems it lives on until the store is
 * closed), so a run that stops leaves nothing behind.
 */
export class CarriedStore {
  readonly proto: object;
  private readonly directory: string;
  private readonly make: (c: Claim) => Claim;
  private readonly fd: number;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private shapeOf = new Uint32Array(1024);
  private count = 0;
  private readonly shapes: CarriedShape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private pending: string[] = [];
  private pendingBytes = 0;
  private size = 0;
  private block: Buffer = Buffer.alloc(0);
  private blockStart = 0;
  private lastIndex = -1;
  private lastEnd = -1;
  private last: CarriedText | undefined;
  private closed = false;

  constructor(directory = os.tmpdir()) {
    const file = path.join(directory, `reconcile-${process.pid}-${randomBytes(6).toString("hex")}.carried`);
    this.directory = directory;
    try {
      this.fd = openSync(file, "wx+", 0o600);
    } catch (error) {
      throw this.unwritable(error);
    }
    try {
      unlinkSync(file);
    } catch {
      // Where an open file cannot be removed (Windows), it is removed when the process ends.
      process.once("exit", () => {
        try {
          unlinkSync(file);
        } catch {
          // gone already
        }
      });
    }
    closer.register(this, this.fd, this);
    const read = (claim: Claim) => this.get(claim.carried!);
    // A class of this store's own, whose getters read the text back: every claim made by it has one
    // hidden class (V8's map), where an object literal given a prototype had a map of its own each,
    // 500 bytes a claim.
    class Spilled {
      [field: string]: unknown;
      constructor(c: Claim) {
        // The fields of build.ts's claim literal, in its order, but extra (a getter here) and with carried.
        this.id = c.id;
        this.source = c.source;
        this.figure = c.figure;
        this.outcome = c.outcome;
        this.victims = c.victims;
        this.location = c.location;
        this.within = c.within;
        this.record = c.record;
        this.date = c.date;
        this.country = c.country;
        this.admin1 = c.admin1;
        this.admin2 = c.admin2;
        this.carried = c.carried ?? -1;
        this.file = c.file;
        this.line = c.line;
      }
    }
    Object.defineProperties(Spilled.prototype, {
      url: { get(this: Claim) { return read(this).url; } },
      quote: { get(this: Claim) { return read(this).quote; } },
      notes: { get(this: Claim) { return read(this).notes; } },
      extra: { get(this: Claim) { return read(this).extra; } },
    });
    this.proto = Spilled.prototype;
    this.make = (c) => new Spilled(c) as unknown as Claim;
  }

  /**
   * A claim of this store made from a claim's fields: those every claim has and, of a claim of the
   * store (a row's second count), those it was given after. Its text is the record set in `carried`.
   */
  claim(c: Claim): Claim {
    const made = this.make(c);
    if (c.carried !== undefined) {
      for (const key of Object.keys(c)) if (!(key in made)) (made as unknown as Record<string, unknown>)[key] = (c as unknown as Record<string, unknown>)[key];
    }
    return made;
  }

  /** Keep one record: its index, for the claims it belongs to. */
  add(url: string | undefined, quote: string | undefined, notes: string | undefined, keys: readonly string[], values: readonly string[]): number {
    // As JSON: column names may hold any character, so no separator could keep two lists of them apart.
    const shapeKey = JSON.stringify([url !== undefined, quote !== undefined, notes !== undefined, keys]);
    let shape = this.shapeIds.get(shapeKey);
    if (shape === undefined) {
      shape = this.shapes.length;
      // A record lists integer-like keys ("2019") first, whatever the input's order: the report's columns follow the record.
      const record = bareRecord<true>();
      for (const k of keys) record[k] = true;
      this.shapes.push(Object.freeze({ url: url !== undefined, quote: quote !== undefined, notes: notes !== undefined, extra: Object.freeze(Object.keys(record)), stored: Object.freeze([...keys]) }));
      this.shapeIds.set(shapeKey, shape);
    }
    const fields: string[] = [];
    if (url !== undefined) fields.push(url);
    if (quote !== undefined) fields.push(quote);
    if (notes !== undefined) fields.push(notes);
    for (const v of values) fields.push(v);
    const text = `${JSON.stringify(fields)}\n`;
    const bytes = Buffer.byteLength(text);
    const i = this.count++;
    if (i === this.offsets.length) this.grow();
    this.offsets[i] = this.size + this.pendingBytes;
    this.lengths[i] = bytes;
    this.shapeOf[i] = shape;
    this.pending.push(text);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= CHUNK) this.flush();
    return i;
  }

  /** The fields a record has, without reading it. */
  shape(index: number): CarriedShape {
    return this.shapes[this.shapeOf[index]!]!;
  }

  /** A record's text, read back from the file. */
  get(index: number): CarriedText {
    if (index === this.lastIndex) return this.last!;
    if (this.closed) throw new Error("the claims' text is no longer kept: the run's result was closed (result.close())");
    if (this.pendingBytes > 0) this.flush();
    const offset = this.offsets[index]!;
    const length = this.lengths[index]!;
    let bytes: Buffer;
    const within = offset - this.blockStart;
    if (within >= 0 && within + length <= this.block.length) bytes = this.block.subarray(within, within + length);
    else if (offset === this.lastEnd || this.lastIndex === -1) {
      // The record after the last one read (records read in the order they were written): the next megabyte.
      this.block = this.readAt(offset, Math.max(CHUNK, length));
      this.blockStart = offset;
      bytes = this.block.subarray(0, length);
    } else bytes = this.readAt(offset, length);
    const fields = JSON.parse(bytes.toString("utf8")) as string[];
    const shape = this.shape(index);
    let k = 0;
    const text: CarriedText = { extra: bareRecord<string>() };
    if (shape.url) text.url = fields[k++]!;
    if (shape.quote) text.quote = fields[k++]!;
    if (shape.notes) text.notes = fields[k++]!;
    for (const key of shape.stored) text.extra[key] = fields[k++]!;
    this.lastIndex = index;
    this.lastEnd = offset + length;
    this.last = text;
    return text;
  }

  private readAt(offset: number, length: number): Buffer {
    const size = Math.min(length, this.size - offset);
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd, buffer, done, size - done, offset + done);
      if (n === 0) throw new Error(`the carried-text file ended at byte ${offset + done} of ${this.size}`);
      done += n;
    }
    return buffer;
  }

  private flush(): void {
    const text = this.pending.join("");
    const buffer = Buffer.from(text);
    let done = 0;
    try {
      while (done < buffer.length) done += writeSync(this.fd, buffer, done, buffer.length - done, this.size + done);
    } catch (error) {
      throw this.unwritable(error);
    }
    this.size += buffer.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Close the file: claims of this store can no longer read their text. Closing twice does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closer.unregister(this);
    closeSync(this.fd);
  }

  /** A temporary file that cannot be made or written, said as what to do. */
  private unwritable(error: unknown): UsageError {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such folder" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied" : code === "ENOSPC" ? "no space left on the device" : code === "ENOTDIR" ? "not a folder" : (error as Error).message;
    return new UsageError(`cannot keep the claims' text in the temporary folder ${JSON.stringify(this.directory)}: ${why}; give another with --temp-dir, or keep it in memory with --spill never [TEMP_UNWRITABLE]`);
  }

  private grow(): void {
    const n = this.offsets.length * 2;
    const offsets = new Float64Array(n);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(n);
    lengths.set(this.lengths);
    const shapes = new Uint32Array(n);
    shapes.set(this.shapeOf);
    [this.offsets, this.lengths, this.shapeOf] = [offsets, lengths, shapes];
  }
}

/** Stores by the prototype their claims have. */
const stores = new WeakMap<object, CarriedStore>();

/** Make a store and remember it by its prototype, for storedShape. */
export function carriedStore(directory?: string): CarriedStore {
  const store = new CarriedStore(directory);
  stores.set(store.proto, store);
  return store;
}

/**
 * Which carried fields a claim has, without reading its text from disk when it is there. Claims whose
 * text is in memory give undefined: read their fields.
 */
export function storedShape(claim: Claim): CarriedShape | undefined {
  if (claim.carried === undefined) return undefined;
  return stores.get(Object.getPrototypeOf(claim) as object)?.shape(claim.carried);
}

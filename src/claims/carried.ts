import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Claim } from "./claim.js";
import { UsageError } from "../errors.js";
import { bareRecord } from "../util/word-table.js";
import { hash } from "../util/hash.js";

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

/**
 * The fields of a claim that many claims share, held once for all of them by a store's claims, in two
 * parts that repeat each on their own: what the claim counts and who says it (a dataset has a few
 * hundred such sets), and where (as many as its places). One set of every field would be nearly as
 * many sets as claims where sources, measures and places vary together (a monitor's daily claims).
 */
const WHAT_FIELDS = ["source", "outcome", "victims", "within", "scope", "perpetrator", "actors", "grade", "file"] as const;
const WHERE_FIELDS = ["location", "country", "admin1", "admin2", "latitude", "longitude", "precisionKm", "coordinatesNote"] as const;
type What = Readonly<Pick<Claim, (typeof WHAT_FIELDS)[number]> & { idTail: string | undefined }>;
type Where = Readonly<Pick<Claim, (typeof WHERE_FIELDS)[number]>>;

/** Distinct sets of each part remembered per store; past this, a claim has its own (memory stays bounded, if less small). */
const SHARED_LIMIT = 200_000;

/**
 * What a claim's id adds to its record's ("#fatalities" of "8188RTA#fatalities", a preset's id): the
 * id is then made when read, not held (40 bytes a claim). Undefined when the id is not so made.
 */
function idTailOf(c: Claim): string | undefined {
  return c.record !== undefined && c.id.startsWith(c.record) && c.id.length - c.record.length <= 40 ? c.id.slice(c.record.length) : undefined;
}

const bits = new Float64Array(1);
const halves = new Int32Array(bits.buffer);

/** Texts' hashes, remembered up to a bound (a map finds a text by the hash the engine keeps in it, without reading it again). */
export function textHashes(): (text: string) => number {
  const known = new Map<string, number>();
  return (text) => {
    let h = known.get(text);
    if (h === undefined) {
      h = hash(text);
      if (known.size < SHARED_LIMIT) known.set(text, h);
    }
    return h;
  };
}

/** A 32-bit hash of a set of values (texts, numbers, undefined), made without a key text: a key text per claim was most of the run's garbage. */
export function hashValues(c: Claim, fields: ReadonlyArray<keyof Claim>, first: string | undefined, textHash: (text: string) => number): number {
  let h = first === undefined ? 1 : textHash(first);
  for (const f of fields) {
    const v = c[f];
    let x: number;
    if (typeof v === "string") x = textHash(v);
    else if (typeof v === "number") {
      bits[0] = v;
      x = Math.imul(halves[0]!, 0x9e3779b1) ^ halves[1]!;
    } else x = v === undefined ? 0x5bd1e995 : 0x27d4eb2d;
    h = Math.imul(h ^ x, 0x01000193) + 0x7f4a7c15;
  }
  return h | 0;
}

/**
 * Each distinct set of values made once, found again by its hash and compared field by field (so two
 * sets whose hashes meet stay two), while at most SHARED_LIMIT are kept.
 */
export function sharing<T extends object>(make: (c: Claim, first: string | undefined) => T, fields: ReadonlyArray<keyof Claim>, firstOf: (t: T) => string | undefined, textHash: (text: string) => number): (c: Claim, first?: string) => T {
  const known = new Map<number, T[]>();
  let count = 0;
  return (c, first) => {
    const h = hashValues(c, fields, first, textHash);
    const list = known.get(h);
    if (list !== undefined) {
      for (const t of list) {
        if (firstOf(t) !== first) continue;
        let same = true;
        for (const f of fields) {
          if ((t as Record<string, unknown>)[f] !== c[f]) {
            same = false;
            break;
          }
        }
        if (same) return t;
      }
    }
    const made = make(c, first);
    if (count < SHARED_LIMIT) {
      count++;
      if (list !== undefined) list.push(made);
      else known.set(h, [made]);
    }
    return made;
  };
}

// One literal of every field, in one order: every set of a part has one hidden class.
const whatOf = (c: Claim, idTail: string | undefined): What =>
  Object.freeze({ idTail, source: c.source, outcome: c.outcome, victims: c.victims, within: c.within, scope: c.scope, perpetrator: c.perpetrator, actors: c.actors, grade: c.grade, file: c.file });
const whereOf = (c: Claim): Where =>
  Object.freeze({ location: c.location, country: c.country, admin1: c.admin1, admin2: c.admin2, latitude: c.latitude, longitude: c.longitude, precisionKm: c.precisionKm, coordinatesNote: c.coordinatesNote });

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
    // hidden class (V8's map), where an object literal given a prototype had a map of its own each.
    // What many claims share is held once for all of them, in two parts (`what` and `where`): 104
    // bytes a claim, where the literal's fields took 216; an id made of the record's (a preset's) is
    // made when read.
    class Spilled {
      /** The id, where it is not the record's with the tail of `what`. */
      readonly ownId: string | undefined;
      readonly record: string | undefined;
      readonly figure: Claim["figure"];
      readonly date: Claim["date"];
      readonly event: string | undefined;
      readonly reported_at: string | undefined;
      readonly carried: number;
      readonly line: number;
      readonly what: What;
      readonly where: Where;
      constructor(c: Claim, what: What, where: Where) {
        this.ownId = what.idTail === undefined ? c.id : undefined;
        this.record = c.record;
        this.figure = c.figure;
        this.date = c.date;
        this.event = c.event;
        this.reported_at = c.reported_at;
        this.carried = c.carried ?? -1;
        this.line = c.line;
        this.what = what;
        this.where = where;
      }
      get id() { return this.ownId ?? this.record! + this.what.idTail!; }
      get source() { return this.what.source; }
      get outcome() { return this.what.outcome; }
      get victims() { return this.what.victims; }
      get within() { return this.what.within; }
      get scope() { return this.what.scope; }
      get perpetrator() { return this.what.perpetrator; }
      get actors() { return this.what.actors; }
      get grade() { return this.what.grade; }
      get file() { return this.what.file; }
      get location() { return this.where.location; }
      get country() { return this.where.country; }
      get admin1() { return this.where.admin1; }
      get admin2() { return this.where.admin2; }
      get latitude() { return this.where.latitude; }
      get longitude() { return this.where.longitude; }
      get precisionKm() { return this.where.precisionKm; }
      get coordinatesNote() { return this.where.coordinatesNote; }
      get url() { return read(this as unknown as Claim).url; }
      get quote() { return read(this as unknown as Claim).quote; }
      get notes() { return read(this as unknown as Claim).notes; }
      get extra() { return read(this as unknown as Claim).extra; }
    }
    this.proto = Spilled.prototype;
    const textHash = textHashes();
    const what = sharing(whatOf, WHAT_FIELDS, (w) => w.idTail, textHash);
    const where = sharing(whereOf, WHERE_FIELDS, () => undefined, textHash);
    this.make = (c) => new Spilled(c, what(c, idTailOf(c)), where(c)) as unknown as Claim;
  }

  /** This store's kind of claim, of a claim complete in every field: its text is the record set in `carried`. */
  claim(c: Claim): Claim {
    return this.make(c);
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

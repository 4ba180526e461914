import type { LinkKeys } from '../model/report.js';
import { SpillFile, WindowReader } from '../util/spill-file.js';
import type { ApplicantMeta } from './link-types.js';
import { BINS, signatureToBase64 } from './minhash.js';
import { Column } from '../util/column.js';

const HEADER = 16;
const SIG_BYTES = BINS * 4;
/** Signatures read back at most this many at once: band candidates come bucket by bucket. */
const SIG_CACHE = 1 << 14;

/**
 * What a spilled batch keeps per applicant, by ordinal, in an encrypted spill file: id and source
 * (read back for link members only), the résumé signature (for band candidates only) and, when the
 * keys are to be exported, the applicant's exported keys. In memory: the person key, the record's
 * offset and length (16 bytes an applicant).
 *
 * A record: idBytes, sourceBytes, signatureBytes, keysBytes (u32 each), then those, the keys as a
 * JSON array of strings.
 */
export class ApplicantSpill {
  private readonly file = new SpillFile('applicants');
  private readonly offsets = new Column(Float64Array);
  private readonly lengths = new Column(Uint32Array);
  private readonly persons = new Column(Uint32Array);
  private end = 0;
  private readonly sigCache = new Map<number, Uint32Array | undefined>();
  /** Band candidates come in ascending order of their first member: most reads fall in the window. */
  private sigReader: WindowReader | undefined;

  put(ordinal: number, meta: ApplicantMeta, signature: Uint32Array | undefined, keys: string[] | undefined): void {
    const k = keys ? JSON.stringify(keys) : '';
    const sig = signature ? signature.subarray(0, BINS) : undefined;
    const idLen = Buffer.byteLength(meta.id, 'utf8');
    const srcLen = Buffer.byteLength(meta.source, 'utf8');
    const keysLen = Buffer.byteLength(k, 'utf8');
    const length = HEADER + idLen + srcLen + (sig ? SIG_BYTES : 0) + keysLen;
    const { buf, offset, at: where } = this.file.reserve(length);
    buf.writeUInt32LE(idLen, offset);
    buf.writeUInt32LE(srcLen, offset + 4);
    buf.writeUInt32LE(sig ? SIG_BYTES : 0, offset + 8);
    buf.writeUInt32LE(keysLen, offset + 12);
    let at = offset + HEADER;
    at += buf.write(meta.id, at, idLen, 'utf8');
    at += buf.write(meta.source, at, srcLen, 'utf8');
    if (sig) {
      buf.set(new Uint8Array(sig.buffer, sig.byteOffset, SIG_BYTES), at);
      at += SIG_BYTES;
    }
    buf.write(k, at, keysLen, 'utf8');
    this.offsets.set(ordinal, where);
    this.lengths.set(ordinal, length);
    this.persons.set(ordinal, meta.person);
    this.end = Math.max(this.end, ordinal + 1);
    this.sigCache.delete(ordinal);
  }

  has(ordinal: number): boolean {
    return ordinal < this.end && this.lengths.get(ordinal) > 0;
  }

  person(ordinal: number): number {
    return this.persons.get(ordinal);
  }

  /** One applicant's meta, read back. */
  meta(ordinal: number, reader?: WindowReader): ApplicantMeta | undefined {
    const r = this.record(ordinal, reader, false);
    return r && { id: r.id, source: r.source, person: this.persons.get(ordinal) };
  }

  /**
   * The ids of the ordinals marked (non-zero) in `marked`, read in one ascending sweep: what linking
   * asks besides the person keys. Sources are not read (the results give them when links are applied).
   */
  idsOf(marked: Uint8Array): Map<number, string> {
    const out = new Map<number, string>();
    const reader = new WindowReader(this.file);
    for (let o = 0; o < marked.length; o++) {
      if (!marked[o] || !this.has(o)) continue;
      const bytes = reader.read(this.offsets.get(o), this.lengths.get(o));
      out.set(o, bytes.toString('utf8', HEADER, HEADER + bytes.readUInt32LE(0)));
    }
    return out;
  }

  /** A résumé signature (a copy, cached a bounded while). */
  signature(ordinal: number): Uint32Array | undefined {
    if (this.sigCache.has(ordinal)) return this.sigCache.get(ordinal);
    if (this.sigCache.size >= SIG_CACHE) this.sigCache.clear();
    this.sigReader ??= new WindowReader(this.file, 1 << 18);
    const sig = this.record(ordinal, this.sigReader)?.signature;
    this.sigCache.set(ordinal, sig);
    return sig;
  }

  /** Lets the signature cache and its reader go (the correlator outlives linking; a later read starts again). */
  forgetSignatures(): void {
    this.sigCache.clear();
    this.sigReader = undefined;
  }

  /** Exported keys of the ordinals below `upTo`, in ordinal order, read as they are iterated. */
  *exported(upTo: number): Generator<LinkKeys> {
    const reader = new WindowReader(this.file);
    for (let o = 0; o < Math.min(upTo, this.end); o++) {
      const r = this.record(o, reader);
      if (!r) continue;
      yield {
        id: r.id,
        source: r.source,
        person: this.persons.get(o).toString(16).padStart(8, '0'),
        keys: r.keys,
        ...(r.signature ? { resumeSignature: signatureToBase64(r.signature) } : {}),
      };
    }
  }

  close(): void {
    this.file.close();
  }

  /** One record; `all` false: the id and source only. */
  private record(ordinal: number, reader?: WindowReader, all = true): { id: string; source: string; signature?: Uint32Array; keys: string[] } | undefined {
    if (!this.has(ordinal)) return undefined;
    const bytes = (reader ?? new WindowReader(this.file, 0)).read(this.offsets.get(ordinal), this.lengths.get(ordinal));
    const idLen = bytes.readUInt32LE(0);
    const srcLen = bytes.readUInt32LE(4);
    const sigLen = bytes.readUInt32LE(8);
    const keysLen = bytes.readUInt32LE(12);
    let at = HEADER;
    const id = bytes.toString('utf8', at, at + idLen);
    at += idLen;
    const source = bytes.toString('utf8', at, at + srcLen);
    at += srcLen;
    if (!all) return { id, source, keys: [] };
    let signature: Uint32Array | undefined;
    if (sigLen) {
      // Copied: the bytes may start at any offset, and the cache outlives them.
      signature = new Uint32Array(BINS);
      new Uint8Array(signature.buffer).set(bytes.subarray(at, at + sigLen));
      at += sigLen;
    }
    const keys = keysLen ? (JSON.parse(bytes.toString('utf8', at, at + keysLen)) as string[]) : [];
    return { id, source, ...(signature ? { signature } : {}), keys };
  }
}

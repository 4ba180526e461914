import { readSharedFile } from '../util/shared-files.js';
import type { ParsedIp } from '../normalize/ip.js';
import { IpDataError } from './ip-data-error.js';

/**
 * The compact IP → AS table built by scripts/build-ip-data.mjs (layout documented there): sorted,
 * non-overlapping ranges searched in place, so opening a table costs one file read and no parsing.
 */
export interface AsnHit {
  asn: number;
  org?: string;
}

const HEADER = 32;
const MAGIC = 'DPAS';

export class AsnTable {
  private readonly width: number;
  private readonly n: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly refs: Uint32Array;
  private readonly asns: Uint32Array;
  private readonly orgOff: Uint32Array;
  private readonly blob: Uint8Array;
  private readonly decoder = new TextDecoder();

  constructor(
    bytes: Uint8Array,
    readonly file: string,
    readonly family: 4 | 6,
  ) {
    const fail = (why: string) => new IpDataError(`IP data file ${file} is corrupt (${why}); run npm run build to rebuild it`);
    if (bytes.length < HEADER || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) throw fail('not an AS table');
    // Typed arrays need 4-byte alignment; small Buffers can sit at any offset in Node's pool.
    const b = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    const head = new DataView(b.buffer, b.byteOffset, HEADER);
    const format = head.getUint32(4, true);
    const fam = head.getUint32(8, true);
    const n = head.getUint32(12, true);
    const m = head.getUint32(16, true);
    const blobLen = head.getUint32(20, true);
    if (format !== 1) throw fail(`format ${format}, expected 1`);
    if (fam !== family) throw fail(`holds IPv${fam} ranges, expected IPv${family}`);
    this.width = family === 4 ? 1 : 4;
    const words = 2 * n * this.width + n + m + m + 1;
    if (b.length !== HEADER + words * 4 + blobLen) throw fail('wrong length');
    const u32 = (offsetWords: number, count: number) => new Uint32Array(b.buffer, b.byteOffset + HEADER + offsetWords * 4, count);
    let at = 0;
    this.starts = u32(at, n * this.width);
    at += n * this.width;
    this.ends = u32(at, n * this.width);
    at += n * this.width;
    this.refs = u32(at, n);
    at += n;
    this.asns = u32(at, m);
    at += m;
    this.orgOff = u32(at, m + 1);
    at += m + 1;
    this.blob = b.subarray(HEADER + at * 4);
    this.n = n;
  }

  static open(file: string, family: 4 | 6): AsnTable {
    let bytes: Buffer;
    try {
      bytes = readSharedFile(file);
    } catch (e) {
      throw new IpDataError(
        `IP data file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run npm run build to create it`,
      );
    }
    return new AsnTable(bytes, file, family);
  }

  /** -1, 0 or 1 comparing the address words with range `i` of `arr`. */
  private cmp(arr: Uint32Array, i: number, ip: number[]): number {
    const base = i * this.width;
    for (let k = 0; k < this.width; k++) {
      const v = arr[base + k]!;
      if (ip[k]! !== v) return ip[k]! < v ? -1 : 1;
    }
    return 0;
  }

  lookup(ip: ParsedIp): AsnHit | undefined {
    if (ip.version !== this.family) return undefined;
    const words: number[] = [];
    for (let k = this.width - 1; k >= 0; k--) words.push(Number((ip.value >> BigInt(32 * k)) & 0xffffffffn));
    // Last range whose start is <= ip.
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.starts, mid, words) >= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || this.cmp(this.ends, found, words) > 0) return undefined;
    const ref = this.refs[found]!;
    const asn = this.asns[ref]!;
    const org = this.decoder.decode(this.blob.subarray(this.orgOff[ref]!, this.orgOff[ref + 1]!));
    return org ? { asn, org } : { asn };
  }
}

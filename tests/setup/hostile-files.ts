// Hostile upload files for tests and the benchmark (security review #11): a ZIP
// whose headers state any size, and deflate data that inflates to any size cheaply.
import { deflateRawSync, constants as zlib } from 'node:zlib';

/**
 * A ZIP of one deflated entry whose headers (local and central) state `declared` bytes
 * unpacked, whatever the data really inflates to.
 */
export function zipOf(name: string, deflated: Uint8Array, declared: number): Uint8Array {
  const file = new TextEncoder().encode(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + deflated.length, 16);
  return new Uint8Array(Buffer.concat([local, file, deflated, central, file, end]));
}

/**
 * Raw deflate data inflating to `megabytes` MB of "a": one flushed (byte-aligned, self-contained)
 * block of 1 MB repeated, then an empty final block. Cheap to build at any size.
 */
export function bomb(megabytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(2 ** 20, 'a'), { finishFlush: zlib.Z_SYNC_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: megabytes }, () => block), last]));
}

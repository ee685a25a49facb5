/**
 * Draws the add-in's icons (16/32/64/80 px PNG) into addin/hosts/excel/assets (and the 32 px one the WPS ribbon shows
 * into addin/hosts/wps/assets): a blue rounded square with a white ledger page and a check mark. A tiny PNG encoder on node:zlib, so no image tooling is needed.
 *   npx node scripts/make-icons.ts
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}

function icon(size: number): Buffer {
  const blue: [number, number, number, number] = [0x10, 0x6e, 0xbe, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const green: [number, number, number, number] = [0x10, 0x7c, 0x10, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const r = size * 0.18;
  return encodePng(size, (px, py) => {
    const x = (px + 0.5) / size;
    const y = (py + 0.5) / size;
    // Rounded square background.
    const cx = Math.min(Math.max(px + 0.5, r), size - r);
    const cy = Math.min(Math.max(py + 0.5, r), size - r);
    if ((px + 0.5 - cx) ** 2 + (py + 0.5 - cy) ** 2 > r * r) return clear;
    // Check mark: two strokes from (0.3,0.55) to (0.45,0.7) to (0.72,0.38).
    const near = (ax: number, ay: number, bx: number, by: number) => {
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) < Math.max(0.06, 1.2 / size);
    };
    const page = x > 0.22 && x < 0.78 && y > 0.16 && y < 0.84;
    if (page && (near(0.32, 0.55, 0.45, 0.68) || near(0.45, 0.68, 0.7, 0.38))) return green;
    if (page) {
      const line = size >= 32 && x > 0.3 && x < 0.7 && [0.26, 0.34].some((ly) => Math.abs(y - ly) < 0.6 / size + 0.01);
      return line ? blue : white;
    }
    return blue;
  });
}

if (import.meta.main) {
  const dir = new URL("../addin/hosts/excel/assets/", import.meta.url);
  for (const size of [16, 32, 64, 80]) writeFileSync(new URL(`icon-${size}.png`, dir), icon(size));
  writeFileSync(new URL("../addin/hosts/wps/assets/icon-32.png", import.meta.url), icon(32));
}

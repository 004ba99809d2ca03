/**
 * Embeddings of FAQ entries, kept small: each vector normalised and quantised to one signed byte
 * per dimension with its scale (a quarter of float32's size, and cosine similarity within about 1%
 * of it), stored as base64 text because D1 returns BLOBs as arrays of numbers.
 */

/** The vectors of one FAQ version's entries, by entry id; `null` where an entry has none. */
export type EntryVectors = readonly (QuantisedVector | null)[];

export interface QuantisedVector {
  scale: number;
  values: Int8Array;
}

export function normalise(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] ?? 0) ** 2;
  const length = Math.sqrt(norm) || 1;
  return Float32Array.from(vector, (x) => x / length);
}

export function quantise(vector: ArrayLike<number>): QuantisedVector {
  const unit = normalise(vector);
  let max = 0;
  for (const x of unit) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  return { scale, values: Int8Array.from(unit, (x) => Math.round(x / scale)) };
}

/** `[float32 scale][int8 values…]` as base64. */
export function encodeVector({ scale, values }: QuantisedVector): string {
  const bytes = new Uint8Array(4 + values.length);
  new DataView(bytes.buffer).setFloat32(0, scale, true);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.length), 4);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function decodeVector(text: string): QuantisedVector | null {
  try {
    const binary = atob(text);
    if (binary.length < 5) return null;
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const scale = new DataView(bytes.buffer).getFloat32(0, true);
    return { scale, values: new Int8Array(bytes.buffer, 4) };
  } catch {
    return null;
  }
}

/** Cosine similarity of a normalised query and a stored vector (of the same model). */
export function similarity(query: Float32Array, { scale, values }: QuantisedVector): number {
  if (values.length !== query.length) return 0;
  let dot = 0;
  for (let i = 0; i < values.length; i++) dot += (query[i] ?? 0) * (values[i] ?? 0);
  return dot * scale;
}

/** The ids of the `count` entries closest in meaning to `query`, closest first. */
export function nearest(vectors: EntryVectors, query: Float32Array, count: number): number[] {
  const unit = normalise(query);
  const scored: [id: number, score: number][] = [];
  vectors.forEach((vector, id) => {
    if (vector) scored.push([id, similarity(unit, vector)]);
  });
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([id]) => id);
}

import { describe, expect, it } from "vitest";
import { decodeVector, encodeVector, nearest, normalise, quantise, similarity } from "./vectors";

const random = (seed: number, length: number) =>
  Array.from(
    { length },
    (_, i) =>
      Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453 -
      Math.floor(Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) -
      0.5,
  );

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

describe("quantised vectors", () => {
  it("survive base64 and keep cosine similarity within 1%", () => {
    const a = random(1, 1536);
    const b = a.map((x, i) => x + (random(2, 1536)[i] ?? 0) * 0.8);
    const stored = decodeVector(encodeVector(quantise(b)));
    expect(stored?.values).toHaveLength(1536);
    expect(Math.abs(similarity(normalise(a), stored ?? quantise(b)) - cosine(a, b))).toBeLessThan(0.01);
  });

  it("refuse what is not a stored vector", () => {
    expect(decodeVector("not base64!")).toBeNull();
    expect(decodeVector("")).toBeNull();
  });

  it("rank entries by meaning, skipping entries without a vector or of another size", () => {
    const query = random(3, 64);
    const vectors = [quantise(random(4, 64)), null, quantise(query.map((x) => x + 0.01)), quantise(random(5, 32))];
    expect(nearest(vectors, Float32Array.from(query), 2)[0]).toBe(2);
    expect(nearest(vectors, Float32Array.from(query), 10)).not.toContain(1);
  });
});

/**
 * Questions of junk for tests and the benchmark that plant them where Insights reads: 4,000
 * characters of words no dictionary has (each ends in "q", so no suffix comes off it), the same
 * every run.
 */

/** A deterministic generator (mulberry32). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` junk questions of `length` characters, from `seed`. */
export function junkQuestions(count: number, seed: number, length = 4000): string[] {
  const random = generator(seed);
  const word = () =>
    `${Array.from({ length: 5 + Math.floor(random() * 4) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("")}q`;
  return Array.from({ length: count }, () => {
    let question = "";
    while (question.length < length) question += `${word()} `;
    return question.slice(0, length);
  });
}

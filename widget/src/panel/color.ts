/** Picks black or white text for a background color, for WCAG AA contrast on any brand color. */

/** Relative luminance of an `rgb()`/`rgba()` color string as browsers compute them. */
function luminance(rgb: string): number | undefined {
  const parts = rgb
    .match(/[\d.]+/g)
    ?.slice(0, 3)
    .map(Number);
  if (!parts || parts.length < 3) return undefined;
  const [r = 0, g = 0, b = 0] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Text color with the better contrast on `element`'s computed background. */
export function readableOn(element: Element): string {
  const l = luminance(getComputedStyle(element).backgroundColor) ?? 0;
  // Contrast with white is (1.05)/(l+0.05); with near-black #111 it is (l+0.05)/(0.0056+0.05).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0556 ? "#fff" : "#111";
}

/** Picks black or white text for a background color, for WCAG AA contrast on any brand color. */

/** Text color with the better contrast on `element`'s computed background (an `rgb()`/`rgba()` string). */
export function readableOn(element: Element): string {
  // Relative luminance, from the red, green and blue channels (alpha, if any, is ignored).
  const [r = 0, g = 0, b = 0] = (getComputedStyle(element).backgroundColor.match(/[\d.]+/g) ?? []).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(l+0.05); with near-black #111 it is (l+0.05)/(0.0056+0.05).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0556 ? "#fff" : "#111";
}

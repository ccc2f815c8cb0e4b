// Colours as the codebook writes them (#RRGGBB) and a perceptual distance between them.

const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** Whether `value` is a colour the codebook accepts: `#RRGGBB`. */
export function isColour(value: string): boolean {
  return HEX_COLOUR.test(value);
}

/** A colour as a person types it (#4e79a7, 4E79A7, #abc) in the codebook's form #RRGGBB, if it is one. */
export function typedColour(value: string): string | undefined {
  const trimmed = value.trim();
  const hex = (trimmed.startsWith('#') ? trimmed.slice(1) : trimmed).toUpperCase();
  const full = /^[0-9A-F]{3}$/.test(hex) ? [...hex].map((c) => c + c).join('') : hex;
  return HEX_COLOUR.test(`#${full}`) ? `#${full}` : undefined;
}

export type Rgb = readonly [number, number, number];

export function hexToRgb(colour: string): Rgb {
  const value = Number.parseInt(colour.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** CIE L*a*b* (D65) of an sRGB colour. */
function toLab(colour: string): readonly [number, number, number] {
  const [r, g, b] = hexToRgb(colour).map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/**
 * Perceptual distance (CIE76 ΔE*ab). About 2 is barely noticeable; colours closer than
 * DISTINCT_DISTANCE are hard to tell apart as highlight colours.
 */
export function colourDistance(a: string, b: string): number {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

export const DISTINCT_DISTANCE = 10;

export interface Hsl {
  readonly hue: number;
  readonly saturation: number;
  readonly lightness: number;
}

export function hexToHsl(colour: string): Hsl {
  const [r, g, b] = hexToRgb(colour).map((c) => c / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const chroma = max - min;
  if (chroma === 0) return { hue: 0, saturation: 0, lightness };
  const saturation = chroma / (1 - Math.abs(2 * lightness - 1));
  let hue: number;
  if (max === r) hue = ((g - b) / chroma) % 6;
  else if (max === g) hue = (b - r) / chroma + 2;
  else hue = (r - g) / chroma + 4;
  return { hue: (hue * 60 + 360) % 360, saturation, lightness };
}

export function hslToHex({ hue, saturation, lightness }: Hsl): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(hue / 60) % 6;
  const [r, g, b] = [
    [chroma, x, 0],
    [x, chroma, 0],
    [0, chroma, x],
    [0, x, chroma],
    [x, 0, chroma],
    [chroma, 0, x],
  ][sector];
  return rgbToHex([(r + m) * 255, (g + m) * 255, (b + m) * 255]);
}

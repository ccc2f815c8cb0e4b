// Colours for new codes.
//
// The palette is Tableau 10 (Maureen Stone's 2016 revision) followed by nine colours of the
// companion Tableau 20 set and an emerald from CARTO Bold (in place of Tableau's salmon, which is
// too close to its pink). Tableau 10 was designed so that its colours stay distinguishable from
// each other, for colour-vision deficiencies too, and none of them is so light or so dark that it
// disappears on a white or on a near-black editor background. The second ten are used once the
// first ten are taken; they are mid-tones too (no pastel lighter than #D7B5A6). Any two palette
// colours are at least ΔE 11.9 apart (CIE76).
//
//   #4E79A7 blue     #F28E2B orange   #E15759 red      #76B7B2 teal     #59A14F green
//   #EDC948 yellow   #B07AA1 purple   #FF9DA7 pink     #9C755F brown    #BAB0AC grey
//   #A0CBE8 sky      #FFBE7D apricot  #8CD17D leaf     #B6992D olive    #499894 sea
//   #11A579 emerald  #79706E slate    #D37295 rose     #D4A6C8 lilac    #D7B5A6 sand
//
// A sub-code gets a shade of its parent's hue, so a theme's codes read as one family.

import { colourDistance, DISTINCT_DISTANCE, hexToHsl, hslToHex, isColour } from './colour';

export const PALETTE: readonly string[] = [
  '#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F',
  '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#BAB0AC',
  '#A0CBE8', '#FFBE7D', '#8CD17D', '#B6992D', '#499894',
  '#11A579', '#79706E', '#D37295', '#D4A6C8', '#D7B5A6',
];

/** Lightness steps (HSL, fractions) tried for a sub-code, nearest to the parent first. */
const SHADE_STEPS: readonly number[] = [0.08, -0.08, 0.16, -0.16, 0.24, -0.24];
/** Hue turns (degrees) tried after the pure shades, so that a large family still finds colours. */
const HUE_TURNS: readonly number[] = [0, 15, -15, 30, -30];
/** Shades stay mid-tone so that they show on light and on dark backgrounds. */
const MIN_LIGHTNESS = 0.28;
const MAX_LIGHTNESS = 0.82;

/**
 * A colour for a new code. Without a parent colour: the first palette colour not close
 * (ΔE < DISTINCT_DISTANCE) to an existing colour. With a parent colour: the first shade of the
 * parent's hue (lighter or darker, then slightly turned hues) not close to an existing colour or
 * to the parent. When every candidate is taken: the least used one, farthest from the others, so
 * the colours cycle. Deterministic; invalid colours in `existingColours` are ignored.
 */
export function paletteColour(existingColours: readonly string[], parentColour?: string): string {
  const existing = existingColours.filter(isColour);
  if (parentColour !== undefined && isColour(parentColour)) {
    return pick(shadesOf(parentColour), [...existing, parentColour]);
  }
  return pick(PALETTE, existing);
}

function shadesOf(colour: string): string[] {
  const { hue, saturation, lightness } = hexToHsl(colour);
  const shades = HUE_TURNS.flatMap((turn) =>
    SHADE_STEPS.map((step) =>
      hslToHex({
        hue: (hue + turn + 360) % 360,
        saturation,
        lightness: Math.min(MAX_LIGHTNESS, Math.max(MIN_LIGHTNESS, lightness + step)),
      }),
    ),
  );
  return [...new Set(shades)].filter((shade) => shade !== colour.toUpperCase());
}

function pick(candidates: readonly string[], existing: readonly string[]): string {
  const uses = (candidate: string): number => existing.filter((colour) => colourDistance(candidate, colour) < DISTINCT_DISTANCE).length;
  const nearest = (candidate: string): number => Math.min(Infinity, ...existing.map((colour) => colourDistance(candidate, colour)));
  let best = candidates[0];
  for (const candidate of candidates) {
    if (uses(best) === 0) break;
    if (uses(candidate) < uses(best) || (uses(candidate) === uses(best) && nearest(candidate) > nearest(best))) best = candidate;
  }
  return best;
}

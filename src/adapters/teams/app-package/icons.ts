import { encodePng, type Rgba } from './png.js';

/** The app's accent colour, also used as the colour icon's background. */
export const ACCENT_COLOR = '#4F52B2';
const ACCENT: Rgba = [0x4f, 0x52, 0xb2, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** A check mark inside a ring, in unit coordinates (0–1): true where the mark is drawn. */
function mark(u: number, v: number): boolean {
  const r = Math.hypot(u - 0.5, v - 0.5);
  const ring = r > 0.36 && r < 0.44;
  const onStroke = (x0: number, y0: number, x1: number, y1: number) => {
    const t = Math.max(
      0,
      Math.min(1, ((u - x0) * (x1 - x0) + (v - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2)),
    );
    return Math.hypot(u - (x0 + t * (x1 - x0)), v - (y0 + t * (y1 - y0))) < 0.045;
  };
  return ring || onStroke(0.32, 0.52, 0.45, 0.65) || onStroke(0.45, 0.65, 0.7, 0.37);
}

/** Colour icon: 192×192, white mark on the accent colour. */
export function colorIcon(): Buffer {
  return encodePng(192, (x, y) => (mark((x + 0.5) / 192, (y + 0.5) / 192) ? WHITE : ACCENT));
}

/** Outline icon: 32×32, white mark on a transparent background, as Teams requires. */
export function outlineIcon(): Buffer {
  return encodePng(32, (x, y) => (mark((x + 0.5) / 32, (y + 0.5) / 32) ? WHITE : CLEAR));
}

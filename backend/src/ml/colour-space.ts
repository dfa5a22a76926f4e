/** sRGB → CIE Lab helpers shared by the handcrafted and texture features (plain typed-array code). */

/** sRGB byte → linear light, as a 256-entry lookup table. */
export const LIN = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LIN[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** The CIE Lab companding function f(t) (XYZ ratio → Lab's cube-root space). */
export function fLab(t: number): number {
  return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116;
}

// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients, kept digit for digit
/** The standard normal distribution: CDF via erfc (W. J. Cody's rational approximations) and its inverse (Acklam). */

/** erfc(x) with relative error below 1e-14 (Cody 1969 / 1990, as used by R and many libraries). */
function erfc(x: number): number {
  const z = Math.abs(x);
  if (z < 0.5) {
    const p = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
    const q = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
    const y = z * z;
    let num = (p[4] as number) * y;
    let den = y;
    for (let i = 0; i < 3; i++) {
      num = (num + (p[i] as number)) * y;
      den = (den + (q[i] as number)) * y;
    }
    const erf = (x * (num + (p[3] as number))) / (den + (q[3] as number));
    return 1 - erf;
  }
  let result: number;
  if (z < 4) {
    const p = [
      0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058,
      2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
    ];
    const q = [
      15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716,
      3439.36767414372164, 1230.33935480374942,
    ];
    let num = (p[8] as number) * z;
    let den = z;
    for (let i = 0; i < 7; i++) {
      num = (num + (p[i] as number)) * z;
      den = (den + (q[i] as number)) * z;
    }
    result = (num + (p[7] as number)) / (den + (q[7] as number));
  } else {
    const p = [
      0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
      0.0163153871373020978,
    ];
    const q = [2.56852019228982242, 1.87295284992346725, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
    const y = 1 / (z * z);
    let num = (p[5] as number) * y;
    let den = y;
    for (let i = 0; i < 4; i++) {
      num = (num + (p[i] as number)) * y;
      den = (den + (q[i] as number)) * y;
    }
    result = (y * (num + (p[4] as number))) / (den + (q[4] as number));
    result = (1 / Math.sqrt(Math.PI) - result) / z;
  }
  // exp(-z²) split to keep precision in the tail.
  const zz = Math.trunc(z * 16) / 16;
  result *= Math.exp(-zz * zz) * Math.exp(-(z - zz) * (z + zz));
  return x < 0 ? 2 - result : result;
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** x with P(Z <= x) = p, for 0 < p < 1 (Acklam's algorithm with one Newton step). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability ${p} is not in (0, 1)`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const at = (xs: number[], i: number) => xs[i] as number;
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x =
      (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) /
      ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
    if (p > 1 - low) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) * q) /
      (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

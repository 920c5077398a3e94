/**
 * Exact McNemar test on paired correctness: only the discordant examples carry evidence — b where
 * the candidate alone is right, c where the baseline alone is right. Under "no difference" each
 * discordant example is a fair coin, so the two-sided p-value is 2·P(X ≤ min(b, c)) for
 * X ~ Binomial(b + c, ½), capped at 1 (as statsmodels' mcnemar(exact=True)).
 */
export interface McNemarResult {
  /** Candidate right, baseline wrong. */
  b: number;
  /** Candidate wrong, baseline right. */
  c: number;
  p_value: number;
}

export function mcnemarCounts(candidate: Uint8Array, baseline: Uint8Array): { b: number; c: number } {
  let b = 0;
  let c = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] && !baseline[i]) b++;
    else if (!candidate[i] && baseline[i]) c++;
  }
  return { b, c };
}

export function exactMcNemar(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n === 0) return { b, c, p_value: 1 };
  const k = Math.min(b, c);
  // Sum the binomial terms in log space: n can be large enough for 0.5^n to underflow.
  let logTerm = -n * Math.LN2; // log P(X = 0)
  let logSum = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logSum = logAdd(logSum, logTerm);
  }
  return { b, c, p_value: Math.min(1, 2 * Math.exp(logSum)) };
}

function logAdd(a: number, b: number): number {
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

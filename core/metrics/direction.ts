export type Direction = "higher" | "lower";

// Names that are errors or losses improve downwards; everything else (accuracy, f1, auc…) upwards.
const LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;

export function defaultDirection(metric: string): Direction {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}

/**
 * Which way each metric improves, as the gate checked it: from a gate's checks (gate.json), for a
 * diff of the same runs to agree with the gate. Slice checks are left out (a slice gap improves
 * downwards whatever its metric does), and so are checks without a direction (an older gate.json).
 */
export function gateDirections(
  checks: readonly { metric: string; rule: string; direction?: Direction | undefined }[],
): Record<string, Direction> {
  const entries: [string, Direction][] = [];
  for (const c of checks)
    if (c.direction && !c.rule.startsWith("slice-")) entries.push([c.metric, c.direction]);
  return Object.fromEntries(entries);
}

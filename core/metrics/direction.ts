export type Direction = "higher" | "lower";

// Names that are errors or losses improve downwards; everything else (accuracy, f1, auc…) upwards.
const LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;

export function defaultDirection(metric: string): Direction {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}

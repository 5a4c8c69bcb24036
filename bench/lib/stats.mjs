/** Medians and the number formats of the result tables. */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Paired ratio of two series measured round by round (index k = round k): the median over
 * rounds of top[k] ÷ bottom[k], skipping rounds missing either; NaN when none has both.
 * Within a round the two were measured seconds apart; rounds are minutes apart, and the
 * load on the shared machine drifts between them.
 */
export function pairedRatio(top = [], bottom = []) {
  const ratios = [];
  for (let k = 0; k < Math.min(top.length, bottom.length); k++) {
    if (top[k] !== undefined && bottom[k] !== undefined) ratios.push(top[k] / bottom[k]);
  }
  return ratios.length ? median(ratios) : NaN;
}

/** 1234.5 -> "1,235"; 12.34 -> "12.3" */
export function formatNumber(n) {
  if (!Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(1);
}

/** A ratio as "2.31x". */
export const formatRatio = (r) =>
  Number.isFinite(r) ? `${r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x` : 'n/a';

/** Markdown table from a header row and rows of cells. */
export function table(header, rows, align) {
  const sep = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? '---' : '---:'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

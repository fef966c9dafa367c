/** Area under the ROC curve by the rank-sum (Mann–Whitney) formula, with ties counted as half. */

/** AUC of `scores` for binary `labels` (true = positive); NaN when one class is empty. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i]! - scores[j]!);
  let positives = 0;
  let rankSum = 0;
  for (let k = 0; k < n;) {
    let end = k;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[k]!]) end++;
    const midRank = (k + end) / 2 + 1;
    for (let j = k; j <= end; j++) {
      if (labels[order[j]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    k = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Candidates looked at per word, so a file with many problems and many names stays linear. */
const MAX_CANDIDATES = 1000;

/**
 * The candidate closest to `word` by edit distance (case-insensitive), when it is close enough to be
 * a typo: at most a quarter of the word's length, and at least one edit. `undefined` otherwise.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 64) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 4));
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  let seen = 0;
  for (const candidate of candidates) {
    if ((seen += 1) > MAX_CANDIDATES) break;
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean 'x'?)` for the closest candidate, or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` (did you mean '${match}'?)`;
}

/**
 * Levenshtein distance with adjacent transpositions counted as one edit; stops early (answers
 * `limit + 1`) once every path is over the limit, so long unrelated words cost little.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

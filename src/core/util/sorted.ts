// Binary searches over ascending arrays, shared by offsets, diffs and the webview's grid.

/** Number of elements below `value`. */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  return firstIndexWhere(sorted, (element) => element >= value);
}

/** Number of elements at or below `value`. */
export function countAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  return firstIndexWhere(sorted, (element) => element > value);
}

/** The first index whose element satisfies a predicate that is monotone over the array. */
function firstIndexWhere(sorted: ArrayLike<number>, satisfied: (element: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (satisfied(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

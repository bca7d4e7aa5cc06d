// A line diff of two texts (longest common subsequence), for comparing scenario versions. Scenario documents are a few
// hundred lines, so the quadratic table is small.

/** The lines of <before> and <after> in order, each { change: 'same' | 'removed' | 'added', text }. */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ change: 'same', text: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) {
      lines.push({ change: 'removed', text: a[i++] });
    } else {
      lines.push({ change: 'added', text: b[j++] });
    }
  }
  return lines;
}

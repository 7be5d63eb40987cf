// Small statistics helpers for the benchmarks: medians and percentiles of samples in ms.

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(samples: number[]): {
  median: number;
  p99: number;
  min: number;
  n: number;
} {
  return {
    median: percentile(samples, 50),
    p99: percentile(samples, 99),
    min: Math.min(...samples),
    n: samples.length,
  };
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms.toFixed(1);
}

export function row(label: string, samples: number[], target?: string): void {
  const s = summary(samples);
  console.log(
    `${label.padEnd(58)} median ${fmt(s.median).padStart(8)} ms  p99 ${fmt(s.p99).padStart(8)} ms  min ${fmt(s.min).padStart(8)} ms  n=${s.n}${target ? `  (${target})` : ''}`,
  );
}

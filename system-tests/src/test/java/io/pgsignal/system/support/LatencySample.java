package io.pgsignal.system.support;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** Sequential timings of one operation: p50, p99 and requests per second over the whole run. */
public record LatencySample(int requests, double p50Ms, double p99Ms, double perSecond) {

  /** Runs {@code warmup} untimed calls, then {@code requests} timed ones (argument: call index). */
  public static LatencySample measure(int warmup, int requests, IntConsumer call) {
    for (int i = 0; i < warmup; i++) {
      call.accept(i);
    }
    long[] nanos = new long[requests];
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - t0;
    }
    long total = System.nanoTime() - start;
    Arrays.sort(nanos);
    return new LatencySample(
        requests,
        nanos[requests / 2] / 1e6,
        nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6,
        requests / (total / 1e9));
  }
}

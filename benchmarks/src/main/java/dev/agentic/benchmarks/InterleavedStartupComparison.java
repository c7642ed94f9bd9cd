package dev.agentic.benchmarks;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.sandbox.LocalSandbox;
import java.io.File;
import java.util.Arrays;
import java.util.Locale;

/**
 * A companion to {@link SessionAndPoolBenchmark} for a shared machine: a pooled one-shot {@code pass} and a bare
 * {@code python3 -I -c pass} alternate, pair by pair, with the same pause before each, so that both meet the
 * same neighbours' load. JMH measures each benchmark in its own fork, minutes apart; on a machine whose load
 * changes by the minute, the bare baseline can then differ by a third between forks. Prints the medians, and
 * the median of the per-pair ratios (pooled / bare of the same pair), which a load change between pairs does
 * not skew.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.agentic.benchmarks.InterleavedStartupComparison
 * [pairs, default 200] [pause ms, default 250]}
 */
public final class InterleavedStartupComparison {
    private static final ExecutionRequest PASS = ExecutionRequest.of(Code.python("pass"));

    private InterleavedStartupComparison() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long pause = args.length > 1 ? Long.parseLong(args[1]) : SessionAndPoolBenchmark.PAUSE_MILLIS;
        String python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
        long[] pooled = new long[pairs];
        long[] bare = new long[pairs];
        double[] ratios = new double[pairs];
        try (LocalSandbox sandbox = LocalSandbox.builder().interpreterPool(4).build()) {
            for (int i = -10; i < pairs; i++) { // ten pairs of warm-up
                Thread.sleep(pause);
                long t0 = System.nanoTime();
                ExecutionResult r = sandbox.execute(PASS);
                long p = System.nanoTime() - t0;
                if (!r.succeeded()) {
                    throw new IllegalStateException("pooled run failed: " + r);
                }
                Thread.sleep(pause);
                t0 = System.nanoTime();
                SessionAndPoolBenchmark.barePass(python);
                long b = System.nanoTime() - t0;
                if (i >= 0) {
                    pooled[i] = p;
                    bare[i] = b;
                    ratios[i] = (double) p / b;
                }
            }
        }
        Arrays.sort(pooled);
        Arrays.sort(bare);
        Arrays.sort(ratios);
        System.out.printf(
                Locale.ROOT,
                "pairs %d, pause %d ms%npooled pass : p10 %.2f  p50 %.2f  p90 %.2f ms%n"
                        + "bare python : p10 %.2f  p50 %.2f  p90 %.2f ms%n"
                        + "ratio of medians %.2f; median of per-pair ratios %.2f%n",
                pairs,
                pause,
                ms(pooled, 10),
                ms(pooled, 50),
                ms(pooled, 90),
                ms(bare, 10),
                ms(bare, 50),
                ms(bare, 90),
                (double) pooled[pairs / 2] / bare[pairs / 2],
                ratios[pairs / 2]);
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}

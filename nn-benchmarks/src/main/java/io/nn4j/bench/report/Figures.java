package io.nn4j.bench.report;

import io.nn4j.bench.AvailableBackends;
import io.nn4j.bench.GemmPass;
import io.nn4j.bench.LayerSize;
import io.nn4j.bench.Sizes;
import io.nn4j.bench.TrainingConfig;
import io.nn4j.bench.report.JmhRun.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The published figures computed from a run's raw times: GFLOP/s and the ratio to the reference
 * GEMM, elements and examples per second and the ratio to the cpu backend. Tables and charts
 * both draw on these, so they always agree.
 */
final class Figures {
    /** The name the reference GEMM goes by in tables and charts. */
    static final String REFERENCE = "reference";

    private Figures() {
    }

    /**
     * One GEMM figure; the reference's own rows have backend {@link #REFERENCE}.
     *
     * @param vsReference how many times the reference's time this one's is faster (NaN if the
     *                    reference did not run)
     */
    record Gemm(String size, GemmPass pass, String backend, double seconds, double error,
                double gflops, double vsReference) {
    }

    /**
     * One activation figure.
     *
     * @param vsCpu how many times faster than the cpu backend (NaN if it did not run)
     */
    record Activation(String activation, String direction, String shape, String backend,
                      double seconds, double error, double elementsPerSecond, double vsCpu) {
    }

    /**
     * One training-step figure.
     *
     * @param vsCpu how many times faster than the cpu backend (NaN if it did not run)
     */
    record Step(String config, TrainingConfig network, String backend, double seconds,
                double error, double examplesPerSecond, double vsCpu) {
    }

    /** GEMM figures: for each size and pass in the run's order, the reference first. */
    static List<Gemm> gemm(JmhRun run) {
        List<Result> ordered = new ArrayList<>(run.of("ReferenceGemmBenchmark", "gemm"));
        ordered.addAll(run.of("GemmBenchmark", "gemm"));
        List<Gemm> figures = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        ordered.forEach(r -> keys.add(gemmKey(r)));
        for (String key : keys) {
            Result reference = find(ordered, r -> gemmKey(r).equals(key) && isReference(r));
            for (Result r : ordered) {
                if (!gemmKey(r).equals(key)) {
                    continue;
                }
                double flops = LayerSize.parse("size", r.param("size")).flops();
                figures.add(new Gemm(r.param("size"), GemmPass.valueOf(r.param("pass")),
                        isReference(r) ? REFERENCE : r.param("backend"), r.secondsPerOp(),
                        r.errorSeconds(), flops / r.secondsPerOp() / 1e9,
                        reference == null ? Double.NaN
                                : reference.secondsPerOp() / r.secondsPerOp()));
            }
        }
        return figures;
    }

    /** Activation figures, forward then backward, in the run's order. */
    static List<Activation> activations(JmhRun run) {
        List<Activation> figures = new ArrayList<>();
        for (String direction : List.of("forward", "backward")) {
            List<Result> results = run.of("ActivationBenchmark", direction);
            for (Result r : results) {
                String shape = r.param("shape");
                int[] dims = Sizes.parse("shape", shape, 2);
                double elements = (double) dims[0] * dims[1];
                figures.add(new Activation(r.param("activation"), direction, shape,
                        r.param("backend"), r.secondsPerOp(), r.errorSeconds(),
                        elements / r.secondsPerOp(), vsCpu(results, r)));
            }
        }
        return figures;
    }

    /** Training-step figures in the run's order. */
    static List<Step> steps(JmhRun run) {
        List<Result> results = run.of("TrainingStepBenchmark", "step");
        List<Step> figures = new ArrayList<>();
        for (Result r : results) {
            TrainingConfig network = TrainingConfig.parse(r.param("config"));
            figures.add(new Step(r.param("config"), network, r.param("backend"), r.secondsPerOp(),
                    r.errorSeconds(), network.batchSize() / r.secondsPerOp(),
                    vsCpu(results, r)));
        }
        return figures;
    }

    /** Examples per second of the median run of {@code runs} over the cpu backend's median. */
    static double vsCpu(List<EndToEndRuns> all, EndToEndRuns runs) {
        EndToEndRuns cpu = all.stream().filter(g -> g.config().equals(runs.config())
                && g.backend().equals(AvailableBackends.CPU)).findFirst().orElse(null);
        return cpu == null ? Double.NaN
                : runs.median().examplesPerSecond() / cpu.median().examplesPerSecond();
    }

    private static double vsCpu(List<Result> results, Result result) {
        Result cpu = find(results, r -> AvailableBackends.CPU.equals(r.param("backend"))
                && sameParamsBut("backend", r.params(), result.params()));
        return cpu == null ? Double.NaN : cpu.secondsPerOp() / result.secondsPerOp();
    }

    private static boolean sameParamsBut(String ignored, Map<String, String> a,
                                         Map<String, String> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream()
                .allMatch(k -> k.equals(ignored) || Objects.equals(a.get(k), b.get(k)));
    }

    private static boolean isReference(Result r) {
        return r.suite().equals("ReferenceGemmBenchmark");
    }

    private static String gemmKey(Result r) {
        return r.param("size") + "/" + r.param("pass");
    }

    private static Result find(List<Result> results, Predicate<Result> test) {
        return results.stream().filter(test).findFirst().orElse(null);
    }
}

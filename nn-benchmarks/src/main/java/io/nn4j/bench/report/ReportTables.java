package io.nn4j.bench.report;

import java.util.List;
import java.util.Locale;

/** The markdown tables of the generated part of {@code docs/benchmarks.md}. */
final class ReportTables {

    private ReportTables() {
    }

    /** GEMM: time, GFLOP/s and the ratio to the plain-Java reference on the same product. */
    static String gemm(List<Figures.Gemm> figures) {
        MarkdownTable table = new MarkdownTable("layer (batch×in×out)", "product", "op", "backend",
                "ms/op", "GFLOP/s", "vs reference");
        for (Figures.Gemm f : figures) {
            table.row(f.size(), f.pass().formula(), f.pass().transposes(), f.backend(),
                    MarkdownTable.time(f.seconds(), f.error(), 1e3), MarkdownTable.number(f.gflops()),
                    MarkdownTable.ratio(f.vsReference()));
        }
        return table.render();
    }

    /** Activations: time, elements per second and the ratio to the cpu backend. */
    static String activations(List<Figures.Activation> figures) {
        MarkdownTable table = new MarkdownTable("activation", "direction", "shape", "backend",
                "µs/op", "M elements/s", "vs cpu");
        for (Figures.Activation f : figures) {
            table.row(f.activation(), f.direction(), f.shape(), f.backend(),
                    MarkdownTable.time(f.seconds(), f.error(), 1e6),
                    MarkdownTable.number(f.elementsPerSecond() / 1e6), MarkdownTable.ratio(f.vsCpu()));
        }
        return table.render();
    }

    /** Training steps: time per step, examples per second and the ratio to the cpu backend. */
    static String steps(List<Figures.Step> figures) {
        MarkdownTable table = new MarkdownTable("config", "network/batch", "backend", "ms/step",
                "examples/s", "vs cpu");
        for (Figures.Step f : figures) {
            table.row(f.config(), f.network().toString(), f.backend(),
                    MarkdownTable.time(f.seconds(), f.error(), 1e3),
                    MarkdownTable.number(f.examplesPerSecond()), MarkdownTable.ratio(f.vsCpu()));
        }
        return table.render();
    }

    /**
     * MNIST end to end, one row per configuration and backend: the median run's seconds per
     * epoch (overall, first epoch, later epochs), examples per second and accuracy, the range
     * of the runs' means, and the ratio to the cpu backend.
     */
    static String endToEnd(List<EndToEndRuns> groups) {
        MarkdownTable table = new MarkdownTable("config", "backend", "epochs", "runs",
                "s/epoch (mean)", "range over runs", "first epoch s", "later epochs s (mean)",
                "examples/s", "test accuracy", "vs cpu");
        for (EndToEndRuns g : groups) {
            EndToEndResult r = g.median();
            table.row(r.config(), r.backend(), Integer.toString(r.epochs()),
                    Integer.toString(g.runs().size()),
                    MarkdownTable.number(r.secondsPerEpoch()),
                    g.runs().size() == 1 ? MarkdownTable.MISSING
                            : MarkdownTable.number(g.fastestSecondsPerEpoch()) + "–"
                                    + MarkdownTable.number(g.slowestSecondsPerEpoch()),
                    MarkdownTable.number(r.firstEpochSeconds()),
                    Double.isNaN(r.laterEpochSeconds()) ? MarkdownTable.MISSING
                            : MarkdownTable.number(r.laterEpochSeconds()),
                    MarkdownTable.number(r.examplesPerSecond()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * r.testAccuracy()),
                    MarkdownTable.ratio(Figures.vsCpu(groups, g)));
        }
        return table.render();
    }
}

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

    /** MNIST end to end: seconds per epoch, examples per second, accuracy, ratio to cpu. */
    static String endToEnd(List<EndToEndResult> results) {
        MarkdownTable table = new MarkdownTable("config", "backend", "epochs", "s/epoch (mean)",
                "first epoch s", "later epochs s (mean)", "examples/s", "test accuracy",
                "vs cpu");
        for (EndToEndResult r : results) {
            table.row(r.config(), r.backend(), Integer.toString(r.epochs()),
                    MarkdownTable.number(r.secondsPerEpoch()),
                    MarkdownTable.number(r.firstEpochSeconds()),
                    Double.isNaN(r.laterEpochSeconds()) ? "–"
                            : MarkdownTable.number(r.laterEpochSeconds()),
                    MarkdownTable.number(r.examplesPerSecond()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * r.testAccuracy()),
                    MarkdownTable.ratio(Figures.vsCpu(results, r)));
        }
        return table.render();
    }
}

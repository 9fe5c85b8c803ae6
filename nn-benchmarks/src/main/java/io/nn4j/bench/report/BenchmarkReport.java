package io.nn4j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report command: reads a JMH JSON file and the demo's end-to-end summaries, rewrites the
 * generated part of the benchmarks page and draws its bar charts.
 *
 * <pre>
 * BenchmarkReport --doc docs/benchmarks.md --images docs/images
 *                 [--jmh results.json --jmh-command "scripts/bench-quick.sh"]
 *                 [--end-to-end S=summary.json ... --end-to-end-command "..."]
 * </pre>
 *
 * Each command is the one that produced those results; the page quotes it. A part whose input
 * is missing says "not yet measured" and how to measure it.
 *
 * <p>Not safe to share between threads: one report is written by one thread.
 */
public final class BenchmarkReport {
    /** The file name of the GEMM chart. */
    static final String GEMM_CHART = "benchmarks-gemm.png";
    /** The file name of the training-step chart. */
    static final String STEP_CHART = "benchmarks-step.png";

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkReport.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String USAGE = "usage: BenchmarkReport --doc FILE --images DIR "
            + "[--jmh FILE --jmh-command TEXT] "
            + "[--end-to-end CONFIG=FILE ... --end-to-end-command TEXT]";
    private static final String UNRECORDED = "";

    private final Path doc;
    private final Path images;
    private final Path jmh;
    private final String jmhCommand;
    private final List<String[]> endToEnd;
    private final String endToEndCommand;

    private BenchmarkReport(Path doc, Path images, Path jmh, String jmhCommand,
                            List<String[]> endToEnd, String endToEndCommand) {
        this.doc = doc;
        this.images = images;
        this.jmh = jmh;
        this.jmhCommand = jmhCommand;
        this.endToEnd = endToEnd;
        this.endToEndCommand = endToEndCommand;
    }

    /** Runs the report; exits with status 2 on bad arguments, 1 when an input is unreadable. */
    public static void main(String[] args) {
        BenchmarkReport report;
        try {
            report = parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}\n{}", e.getMessage(), USAGE);
            System.exit(2);
            return;
        }
        try {
            report.write();
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("The benchmark report failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException naming the bad or missing option
     */
    static BenchmarkReport parse(String[] args) {
        Path doc = null;
        Path images = null;
        Path jmh = null;
        String jmhCommand = UNRECORDED;
        List<String[]> endToEnd = new ArrayList<>();
        String endToEndCommand = UNRECORDED;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--doc" -> doc = Path.of(value);
                case "--images" -> images = Path.of(value);
                case "--jmh" -> jmh = Path.of(value);
                case "--jmh-command" -> jmhCommand = value;
                case "--end-to-end-command" -> endToEndCommand = value;
                case "--end-to-end" -> {
                    String[] pair = value.split("=", 2);
                    if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                        throw new IllegalArgumentException("--end-to-end takes CONFIG=FILE, got '"
                                + value + "'");
                    }
                    endToEnd.add(pair);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (doc == null || images == null) {
            throw new IllegalArgumentException("--doc and --images are required");
        }
        return new BenchmarkReport(doc, images, jmh, jmhCommand, endToEnd, endToEndCommand);
    }

    /** Rewrites the generated part of the page and draws the charts. */
    void write() throws IOException {
        if (!Files.isRegularFile(doc)) {
            throw new IOException("the benchmarks page " + doc + " does not exist");
        }
        StringBuilder out = new StringBuilder();
        out.append("_Machine:_ ").append(MachineDescription.hardware()).append("  \n");
        out.append("_Backends:_ ").append(MachineDescription.backends()).append("\n\n");
        if (jmh != null && Files.isRegularFile(jmh)) {
            jmhSections(JmhRun.read(jmh), out);
        } else {
            out.append("### JMH suites\n\n_Not yet measured: run `scripts/bench-quick.sh`._\n\n");
        }
        endToEndSection(out);
        String page = Files.readString(doc, StandardCharsets.UTF_8);
        Files.writeString(doc, MarkedSection.replace(page, out.toString()), StandardCharsets.UTF_8);
        LOG.info("Wrote {}", doc);
    }

    private void jmhSections(JmhRun run, StringBuilder out) throws IOException {
        out.append("### JMH suites\n\n");
        out.append("_Measured:_ ").append(modified(jmh)).append(" with ").append(code(jmhCommand))
                .append("  \n");
        out.append("_JVM:_ ").append(run.jvm()).append("; JMH ").append(run.jmhVersion())
                .append(", ").append(run.settings()).append("\n\n");
        List<Figures.Gemm> gemm = Figures.gemm(run);
        section(out, "GEMM", gemm, ReportTables::gemm,
                "`vs reference` is the plain-Java i-k-j GEMM's time on the same product divided "
                        + "by this one's: above 1 is faster than the reference.");
        chart(out, gemm, ReportCharts::gemm, "GEMM GFLOP/s", GEMM_CHART);
        section(out, "Activations", Figures.activations(run), ReportTables::activations,
                "`vs cpu` is the cpu backend's time divided by this one's.");
        List<Figures.Step> steps = Figures.steps(run);
        section(out, "Training step", steps, ReportTables::steps,
                "One step: batch in, forward, loss gradient, backward, SGD update, finished. "
                        + "`vs cpu` is the cpu backend's time divided by this one's.");
        chart(out, steps, ReportCharts::steps, "Training step examples/s", STEP_CHART);
    }

    private static <T> void section(StringBuilder out, String title, List<T> figures,
                                    Function<List<T>, String> table, String note) {
        out.append("#### ").append(title).append("\n\n");
        if (figures.isEmpty()) {
            out.append("_Not measured in this run._\n\n");
        } else {
            out.append(note).append("\n\n").append(table.apply(figures)).append("\n");
        }
    }

    /** Draws {@code figures} into {@code file} among the images and links it, unless none. */
    private <T> void chart(StringBuilder out, List<T> figures, Chart<T> chart, String alt,
                           String file) throws IOException {
        if (!figures.isEmpty()) {
            chart.draw(figures, images.resolve(file));
            out.append(image(alt, file)).append("\n\n");
        }
    }

    /** Draws a chart of figures into a PNG file. */
    @FunctionalInterface
    private interface Chart<T> {
        void draw(List<T> figures, Path png) throws IOException;
    }

    private void endToEndSection(StringBuilder out) throws IOException {
        out.append("### MNIST end to end\n\n");
        List<EndToEndResult> results = new ArrayList<>();
        String latest = null;
        for (String[] pair : endToEnd) {
            Path file = Path.of(pair[1]);
            results.add(EndToEndResult.read(pair[0], file));
            String when = modified(file);
            latest = latest == null || when.compareTo(latest) > 0 ? when : latest;
        }
        if (results.isEmpty()) {
            out.append("_Not yet measured: run `scripts/bench-quick.sh --end-to-end`._\n");
            return;
        }
        out.append("_Measured:_ ").append(latest).append(" with ").append(code(endToEndCommand))
                .append(", from the demo's `--summary-json`. With several runs of a"
                        + " configuration, its row is the run whose mean epoch time is the"
                        + " median, and `range over runs` spans the runs' means. `vs cpu`"
                        + " divides examples/s by the cpu backend's.\n\n");
        out.append(ReportTables.endToEnd(EndToEndRuns.group(results)));
    }

    private String image(String alt, String file) {
        Path parent = doc.toAbsolutePath().getParent();
        String link = parent.relativize(images.toAbsolutePath().resolve(file)).toString()
                .replace('\\', '/');
        return "![" + alt + "](" + link + ")";
    }

    private static String code(String command) {
        return command.isBlank() ? "a command that was not recorded" : "`" + command + "`";
    }

    private static String modified(Path file) throws IOException {
        return WHEN.format(Files.getLastModifiedTime(file).toInstant());
    }
}

package io.nn4j.bench.report;

import static io.nn4j.api.testkit.TextAssertions.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report step on a small hand-made JMH run: figures, markers, charts and bad input. */
class BenchmarkReportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    /** A JMH entry with avgt score {@code micros} us/op. */
    private static String entry(String benchmark, String params, double micros) {
        return """
                {"jmhVersion": "1.37", "benchmark": "io.nn4j.bench.%s", "mode": "avgt",
                 "threads": 1, "forks": 1, "vmName": "TestVM", "vmVersion": "17",
                 "warmupIterations": 1, "warmupTime": "1 s", "measurementIterations": 3,
                 "measurementTime": "500 ms", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "us/op"}}
                """.formatted(benchmark, params, micros);
    }

    private Path jmhJson() throws IOException {
        String gemm = "\"size\": \"64x784x128\", \"pass\": \"FORWARD\"";
        String json = "[" + String.join(",",
                entry("GemmBenchmark.gemm", "\"backend\": \"cpu\", " + gemm, 1000),
                entry("ReferenceGemmBenchmark.gemm", gemm, 4000),
                entry("ActivationBenchmark.forward", "\"backend\": \"cpu\", \"shape\": "
                        + "\"256x1024\", \"activation\": \"relu\"", 100),
                entry("TrainingStepBenchmark.step", "\"backend\": \"cpu\", \"config\": \"S\"",
                        2000),
                entry("TrainingStepBenchmark.step", "\"backend\": \"other\", \"config\": \"S\"",
                        500)) + "]";
        return Files.writeString(dir.resolve("quick.json"), json);
    }

    private Path page() throws IOException {
        return Files.writeString(dir.resolve("docs").resolve("benchmarks.md"),
                "# Hand-written title\n\n" + MarkedSection.BEGIN + "\nold figures\n"
                        + MarkedSection.END + "\n\nHand-written footer.\n");
    }

    /** The demo's {@code --summary-json} of a run of two epochs, written to {@code file}. */
    private Path summary(String file, String backend, double accuracy, double firstEpoch,
                         double secondEpoch, double examplesPerSecond) throws IOException {
        return Files.writeString(dir.resolve(file), """
                {"backend": "%s", "epochs": 2, "test_accuracy": %s,
                 "epoch_seconds": [%s, %s], "examples_per_second": %s}
                """.formatted(backend, accuracy, firstEpoch, secondEpoch, examplesPerSecond));
    }

    @Test
    void writesFiguresBetweenTheMarkersAndDrawsCharts() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Path doc = page();
        Path summary = summary("e2e-S-cpu.json", "cpu", 0.9712, 10, 12, 5000);
        Path fasterRun = summary("e2e-S-cpu-2.json", "cpu", 0.9712, 9, 7, 7500);
        Path slowerRun = summary("e2e-S-cpu-3.json", "cpu", 0.9712, 20, 22, 2800);
        Path otherBackend = summary("e2e-S-other-1.json", "other", 0.97, 5, 6, 10000);
        String[] args = {"--doc", doc.toString(), "--images", dir.resolve("docs/images").toString(),
            "--jmh", jmhJson().toString(), "--jmh-command", "scripts/bench-quick.sh",
            "--end-to-end", "S=" + slowerRun, "--end-to-end", "S=" + otherBackend,
            "--end-to-end", "S=" + summary, "--end-to-end", "S=" + fasterRun};

        BenchmarkReport.parse(args).write();
        String text = Files.readString(doc, StandardCharsets.UTF_8);

        assertTrue(text.startsWith("# Hand-written title\n\n" + MarkedSection.BEGIN), text);
        assertTrue(text.endsWith(MarkedSection.END + "\n\nHand-written footer.\n"), text);
        assertTrue(!text.contains("old figures"), text);
        assertContains(text,
                // 2·64·784·128 flops in 1 ms; the reference took 4 ms.
                "| 64x784x128 | Z = X·Wᵀ | NT | cpu | 1.00 | 12.8 | 4.00× |",
                "| 64x784x128 | Z = X·Wᵀ | NT | reference | 4.00 | 3.21 | 1.00× |",
                // 256·1024 elements in 100 µs.
                "| relu | forward | 256x1024 | cpu | 100 | 2,621 | 1.00× |",
                // 64 examples in 2 ms, and a backend four times as fast.
                "| S | 784-128-10/64 | cpu | 2.00 | 32,000 | 1.00× |",
                "| S | 784-128-10/64 | other | 0.500 | 128,000 | 4.00× |",
                // Three cpu runs: the median one (mean 11 s) is shown, with the range of the means.
                "| S | cpu | 2 | 3 | 11.0 | 8.00–21.0 | 10.0 | 12.0 | 5,000 | 97.12% | 1.00× |",
                "| S | other | 2 | 1 | 5.50 | – | 5.00 | 6.00 | 10,000 | 97.00% | 2.00× |",
                "`scripts/bench-quick.sh`",
                "![GEMM GFLOP/s](images/" + BenchmarkReport.GEMM_CHART + ")");
        for (String chart : new String[] {BenchmarkReport.GEMM_CHART, BenchmarkReport.STEP_CHART}) {
            byte[] png = Files.readAllBytes(dir.resolve("docs/images").resolve(chart));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 4), chart);
        }

        BenchmarkReport.parse(args).write();
        assertEquals(text, Files.readString(doc, StandardCharsets.UTF_8), "a second run rewrites "
                + "the same page");
    }

    @Test
    void missingResultsAreMarkedNotYetMeasured() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Path doc = page();
        BenchmarkReport.parse(new String[] {"--doc", doc.toString(), "--images",
            dir.resolve("images").toString(), "--jmh", dir.resolve("absent.json").toString()})
                .write();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertContains(text, "_Not yet measured: run `scripts/bench-quick.sh`._",
                "_Not yet measured: run `scripts/bench-quick.sh --end-to-end`._");
        assertTrue(!Files.exists(dir.resolve("images")), "no chart without figures");
    }

    @Test
    void aPageWithoutMarkersIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkedSection.replace("# no markers\n", "figures"));
        assertTrue(e.getMessage().contains(MarkedSection.BEGIN), e.getMessage());
    }

    @Test
    void aFileThatIsNotJmhOutputIsRejectedByName() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\": 1}");
        IOException e = assertThrows(IOException.class, () -> JmhRun.read(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("-rf json"),
                e.getMessage());
        Path summary = Files.writeString(dir.resolve("summary.json"), "{\"backend\": \"cpu\"}");
        IOException missing = assertThrows(IOException.class,
                () -> EndToEndResult.read("S", summary));
        assertTrue(missing.getMessage().contains("epoch_seconds"), missing.getMessage());
    }

    @Test
    void badArgumentsNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.parse(new String[] {"--doc", "x.md", "--end-to-end", "S"}));
        assertTrue(e.getMessage().contains("CONFIG=FILE"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.parse(new String[] {"--images", "dir"}));
    }
}

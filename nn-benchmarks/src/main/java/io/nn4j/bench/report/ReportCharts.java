package io.nn4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The PNG bar charts of {@code docs/benchmarks.md}, drawn with XChart. */
final class ReportCharts {
    private static final int HEIGHT = 560;

    private ReportCharts() {
    }

    /** GFLOP/s of every GEMM product, one bar per backend and the reference. */
    static void gemm(List<Figures.Gemm> figures, Path png) throws IOException {
        bars("GEMM throughput per layer product (higher is better)", "GFLOP/s", figures,
                f -> f.size() + " " + f.pass().transposes(), Figures.Gemm::backend,
                Figures.Gemm::gflops, 1400, png);
    }

    /** Training examples per second of a whole step, one bar per backend. */
    static void steps(List<Figures.Step> figures, Path png) throws IOException {
        bars("Training step throughput (higher is better)", "examples/s", figures,
                f -> f.config() + " " + f.network(), Figures.Step::backend,
                Figures.Step::examplesPerSecond, 800, png);
    }

    private static <T> void bars(String title, String yTitle, List<T> figures,
                                 Function<T, String> category, Function<T, String> series,
                                 ToDoubleFunction<T> value, int width, Path png)
            throws IOException {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        for (T f : figures) {
            if (!categories.contains(category.apply(f))) {
                categories.add(category.apply(f));
            }
            bySeries.computeIfAbsent(series.apply(f), s -> new LinkedHashMap<>())
                    .put(category.apply(f), value.applyAsDouble(f));
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, Map<String, Double>> s : bySeries.entrySet()) {
            List<Double> values = categories.stream()
                    .map(c -> s.getValue().getOrDefault(c, 0.0)).toList();
            chart.addSeries(s.getKey(), categories, values);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}

package io.nn4j.mnist.report;

import io.nn4j.api.metrics.ConfusionMatrix;
import io.nn4j.api.metrics.EpochStats;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report's charts with XChart: curves per epoch and the confusion heat map. */
final class Charts {
    /** Width of each chart in pixels. */
    static final int WIDTH = 800;
    /** Height of the curve charts in pixels. */
    static final int CURVE_HEIGHT = 500;
    /** Height of the confusion heat map in pixels. */
    static final int HEAT_MAP_HEIGHT = 700;

    /** White to a mid blue, dark enough to see and light enough to read the counts on. */
    private static final Color[] HEAT = {new Color(0xf7fbff), new Color(0xc6dbef),
        new Color(0x6baed6), new Color(0x4292c6)};

    private Charts() {
    }

    /** Training loss and test loss against the epoch. */
    static BufferedImage loss(List<EpochStats> history) {
        XYChart chart = curves("Loss per epoch", "mean loss", Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        addCurve(chart, "training loss (during the epoch)", history, EpochStats::trainLoss);
        addCurve(chart, "test loss (after the epoch)", history, EpochStats::testLoss);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Test accuracy, in percent, against the epoch. */
    static BufferedImage accuracy(List<EpochStats> history) {
        XYChart chart = curves("Test accuracy per epoch", "accuracy (%)",
                Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        addCurve(chart, "test accuracy", history, stats -> 100 * stats.testAccuracy());
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The confusion matrix as a heat map: true classes down, predicted classes across, each cell
     * showing its count. The colour scale tops out at the largest off-diagonal count, so the
     * mistakes stand out (the diagonal is simply dark).
     */
    static BufferedImage confusion(ConfusionMatrix matrix, List<String> classNames) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEAT_MAP_HEIGHT)
                .title(String.format(Locale.ROOT, "Confusion matrix: %.2f%% of %d correct;"
                        + " colour scale capped at the largest mistake",
                        100 * matrix.accuracy(), matrix.total()))
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        int k = matrix.classes();
        List<String> rowsTopDown = new ArrayList<>();
        for (int row = k - 1; row >= 0; row--) {
            rowsTopDown.add(classNames.get(row));
        }
        List<Number[]> cells = new ArrayList<>();
        long largestMistake = 1;
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                long count = matrix.count(actual, predicted);
                cells.add(new Number[] {predicted, k - 1 - actual, count});
                if (actual != predicted) {
                    largestMistake = Math.max(largestMistake, count);
                }
            }
        }
        chart.addSeries("count", classNames, rowsTopDown, cells);
        HeatMapStyler styler = chart.getStyler();
        styler.setRangeColors(HEAT);
        styler.setMin(0);
        styler.setMax(largestMistake);
        styler.setShowValue(true);
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPlotGridLinesVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisLabelRotation(classNames.get(0).length() > 2 ? 30 : 0);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart curves(String title, String yAxis, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(CURVE_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yAxis).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(legend);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(8);
        styler.setXAxisDecimalPattern("0");
        styler.setXAxisTickMarkSpacingHint(80);
        return chart;
    }

    private static void addCurve(XYChart chart, String name, List<EpochStats> history,
                                 ToDoubleFunction<EpochStats> value) {
        double[] epochs = new double[history.size()];
        double[] values = new double[history.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = history.get(i).epoch();
            values[i] = value.applyAsDouble(history.get(i));
        }
        XYSeries series = chart.addSeries(name, epochs, values);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}

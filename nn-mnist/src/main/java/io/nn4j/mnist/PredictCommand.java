package io.nn4j.mnist;

import io.nn4j.api.Backend;
import io.nn4j.api.nn.Sequential;
import io.nn4j.data.CsvLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code predict} command: runs a saved model on one image (a test-set index or a 28 × 28
 * PNG) and prints the chosen class and every class's probability; or on every row of a CSV
 * file, printing one line per row.
 */
@Command(name = "predict", sortOptions = false,
        description = "Classify one image with a saved model: a test image by index, or a"
                + " 28x28 PNG. Prints the class and the probability of each class. Or predict"
                + " every row of a CSV file (--csv), one line per row.")
final class PredictCommand extends DemoCommand {
    private static final int BAR_WIDTH = 40;

    @Mixin
    private ModelOption model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "With --csv: a column of the file to leave out, such as the label the"
                    + " model was trained to predict; every other column is a feature, in file"
                    + " order (default: every column is a feature).")
    private String label;

    @Mixin
    private FeatureColumns features;

    @Mixin
    private DataOptions data;

    @Mixin
    private BackendOption backend;

    /** Where the image comes from: exactly one of the two. */
    static final class Source {
        @Option(names = "--index", paramLabel = "N",
                description = "Classify test image N (0 to 9999) of --dataset.")
        Integer index;

        @Option(names = "--image", paramLabel = "PNG",
                description = "Classify a 28x28 PNG (light digit on dark, or dark on light:"
                        + " a light border is inverted to match the data set).")
        Path image;

        @Option(names = "--csv", paramLabel = "FILE",
                description = "Predict every row of a CSV file with a header row, for a model"
                        + " that csv --save-model wrote: prints one line per row, the class name"
                        + " for a classifier, else the output value(s), comma-separated.")
        Path csv;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (source.csv != null) {
            return predictRows(out);
        }
        if (label != null || features.given()) {
            throw new ParameterException(spec.commandLine(), "--label and --features go with"
                    + " --csv");
        }
        List<String> names = data.kind().classNames();
        try (Backend opened = backend.open(spec.commandLine())) {
            float[] pixels;
            String what;
            if (source.index != null) {
                LabeledImages test = data.load().test();
                int i = source.index;
                if (i < 0 || i >= test.size()) {
                    throw new ParameterException(spec.commandLine(), "--index must be in [0, "
                            + (test.size() - 1) + "], got " + i);
                }
                pixels = test.image(i);
                what = "test image " + i + " of " + data.kind().id() + ", true class "
                        + names.get(test.label(i));
            } else {
                PngDigit digit = PngDigit.read(source.image);
                pixels = digit.pixels();
                what = source.image + (digit.inverted() ? " (inverted: dark ink on a light"
                        + " background)" : "");
            }
            try (Sequential net = SavedModel.fitting(model.load(opened), model.file(),
                    pixels.length, names.size())) {
                print(out, opened, net, pixels, what, names);
            }
        }
        return 0;
    }

    private void print(PrintWriter out, Backend opened, Sequential net, float[] pixels,
                       String what, List<String> names) {
        float[] probabilities = net.predict(pixels, 1);
        int best = Predictions.argmax(probabilities, names.size())[0];
        out.println("model: " + model.file() + " (" + SavedModel.describe(net.architecture())
                + ") on " + opened.name());
        out.println("image: " + what);
        out.println(String.format(Locale.ROOT, "predicted: %s (probability %.4f)",
                names.get(best), probabilities[best]));
        int width = Math.max("class".length(),
                names.stream().mapToInt(String::length).max().orElse(1));
        out.println(String.format(Locale.ROOT, "%" + width + "s  probability", "class"));
        for (int c = 0; c < names.size(); c++) {
            out.println(String.format(Locale.ROOT, "%" + width + "s  %.4f  %s%s",
                    names.get(c), probabilities[c],
                    "#".repeat(Math.round(BAR_WIDTH * probabilities[c])),
                    c == best ? " <" : "").stripTrailing());
        }
        out.flush();
    }

    /**
     * Predicts every row of {@code --csv}: prints the class name of each (a model with class
     * names), else its outputs.
     */
    private int predictRows(PrintWriter out) throws IOException {
        float[][] rows = features.applyTo(label == null ? CsvLoader.unlabeled()
                : CsvLoader.regression(label)).loadFeatures(source.csv);
        try (Backend opened = backend.open(spec.commandLine());
             Sequential net = model.load(opened)) {
            if (rows[0].length != net.inputSize()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has %d feature"
                        + " columns%s but %s takes %d inputs%s", source.csv, rows[0].length,
                        label == null ? "" : " besides '" + label + "'", model.file(),
                        net.inputSize(),
                        label == null ? "; name a column to leave out, such as the label, with"
                                + " --label" : ""));
            }
            List<String> names = net.classNames();
            if (names.isEmpty()) {
                for (float[] outputs : net.predict(rows)) {
                    StringBuilder line = new StringBuilder();
                    for (float value : outputs) {
                        line.append(line.length() == 0 ? "" : ",").append(value);
                    }
                    out.println(line);
                }
            } else {
                for (int c : net.predictClasses(rows)) {
                    out.println(names.get(c));
                }
            }
        }
        out.flush();
        return 0;
    }
}

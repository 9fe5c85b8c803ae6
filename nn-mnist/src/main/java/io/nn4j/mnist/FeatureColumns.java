package io.nn4j.mnist;

import io.nn4j.data.CsvLoader;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --features} option of the commands that read a CSV file ({@code csv},
 * {@code predict --csv}): which columns are the features, in which order.
 */
final class FeatureColumns {

    @Option(names = "--features", paramLabel = "COLUMNS", split = ",",
            description = "The feature columns, comma-separated, in this order; for predict --csv,"
                    + " in the order the model was trained on (default: every column but the"
                    + " label, in file order).")
    private List<String> names;

    /** Whether {@code --features} was given. */
    boolean given() {
        return names != null;
    }

    /** {@code loader} reading the named columns, or {@code loader} itself without the option. */
    CsvLoader applyTo(CsvLoader loader) {
        return names == null ? loader : loader.features(names.toArray(new String[0]));
    }
}

package io.nn4j.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --dataset} and {@code --data-dir} options shared by the commands that read data. */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            converter = KindConverter.class,
            description = "Data set: mnist (digits) or fashion (Fashion-MNIST clothing, from"
                    + " Debian's dataset-fashion-mnist package) (default: ${DEFAULT-VALUE}).")
    private DatasetKind dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the data set's four IDX files (default: data/mnist,"
                    + " filled by scripts/fetch-mnist.sh, or /usr/share/datasets/fashion-mnist,"
                    + " installed by scripts/fetch-fashion-mnist.sh).")
    private Path dataDir;

    /** The chosen data set. */
    DatasetKind kind() {
        return dataset;
    }

    /** The directory the files are read from. */
    Path dir() {
        return dataDir != null ? dataDir : dataset.defaultDir();
    }

    /** Reads and verifies the chosen data set. */
    MnistData load() throws IOException {
        return MnistData.load(dataset, dir());
    }

    /** Reads a {@link DatasetKind} by its id. */
    static final class KindConverter implements ITypeConverter<DatasetKind> {
        @Override
        public DatasetKind convert(String value) {
            for (DatasetKind kind : DatasetKind.values()) {
                if (kind.id().equals(value.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new TypeConversionException("unknown data set '" + value + "'; expected one of "
                    + Arrays.stream(DatasetKind.values()).map(DatasetKind::id)
                            .collect(Collectors.joining(", ")));
        }
    }
}

package io.nn4j.mnist;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The data sets the demo reads: MNIST digits and Fashion-MNIST clothing, both 28 × 28 grey
 * images in ten classes, stored as IDX files (Fashion-MNIST gzip-compressed, as Debian's
 * {@code dataset-fashion-mnist} package installs it). Each file is checked by SHA-256.
 *
 * <p>Immutable: safe to share between threads.
 */
public enum DatasetKind {
    /** Handwritten digits 0 to 9, fetched by {@code scripts/fetch-mnist.sh}. */
    MNIST("data/mnist", "run scripts/fetch-mnist.sh to download and verify the MNIST files",
            new String[] {"train-images-idx3-ubyte",
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "train-labels-idx1-ubyte",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "t10k-images-idx3-ubyte",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "t10k-labels-idx1-ubyte",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Zalando's clothing images, from Debian's {@code dataset-fashion-mnist} package. */
    FASHION("/usr/share/datasets/fashion-mnist", "run scripts/fetch-fashion-mnist.sh to install"
            + " Debian's dataset-fashion-mnist package",
            new String[] {"train-images-idx3-ubyte.gz",
                "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                "train-labels-idx1-ubyte.gz",
                "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                "t10k-images-idx3-ubyte.gz",
                "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                "t10k-labels-idx1-ubyte.gz",
                "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"},
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                    "Sneaker", "Bag", "Ankle boot"));

    /** Pixels per image side. */
    public static final int SIDE = 28;

    private final Path defaultDir;
    private final List<DataFile> files;
    private final List<String> classNames;

    DatasetKind(String defaultDir, String fetchHint, String[] namesAndHashes,
                List<String> classNames) {
        this.defaultDir = Path.of(defaultDir);
        this.files = List.of(new DataFile(namesAndHashes[0], namesAndHashes[1], fetchHint),
                new DataFile(namesAndHashes[2], namesAndHashes[3], fetchHint),
                new DataFile(namesAndHashes[4], namesAndHashes[5], fetchHint),
                new DataFile(namesAndHashes[6], namesAndHashes[7], fetchHint));
        this.classNames = classNames;
    }

    /** The name used on the command line: {@code mnist} or {@code fashion}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where the files are unless {@code --data-dir} says otherwise. */
    public Path defaultDir() {
        return defaultDir;
    }

    /** The four files: training images, training labels, test images, test labels. */
    public List<DataFile> files() {
        return files;
    }

    /** The training images. */
    public DataFile trainImages() {
        return files.get(0);
    }

    /** The training labels. */
    public DataFile trainLabels() {
        return files.get(1);
    }

    /** The test images. */
    public DataFile testImages() {
        return files.get(2);
    }

    /** The test labels. */
    public DataFile testLabels() {
        return files.get(3);
    }

    /** The name of each class, by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }
}

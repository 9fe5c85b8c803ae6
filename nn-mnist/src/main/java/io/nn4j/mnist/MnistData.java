package io.nn4j.mnist;

import io.nn4j.api.train.Dataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST as training and test {@link Dataset}s: each image flattened to one row of pixel
 * intensities scaled to {@code [0, 1]} ({@code pixel / 255}), each label one-hot over 10 classes.
 *
 * @param train the 60,000 training examples
 * @param test  the 10,000 test examples
 */
public record MnistData(Dataset train, Dataset test) {
    /** Number of digit classes. */
    public static final int CLASSES = 10;

    /**
     * Loads the four MNIST files from {@code dir}, verifying each one's SHA-256 first.
     *
     * @throws IOException when a file is missing, has the wrong hash or is malformed; the
     *                     message names the file and says how to fetch it
     */
    public static MnistData load(Path dir) throws IOException {
        Dataset train = dataset(MnistFiles.TRAIN_IMAGES.verifiedIn(dir),
                MnistFiles.TRAIN_LABELS.verifiedIn(dir));
        Dataset test = dataset(MnistFiles.TEST_IMAGES.verifiedIn(dir),
                MnistFiles.TEST_LABELS.verifiedIn(dir));
        return new MnistData(train, test);
    }

    /**
     * Reads an IDX image file ({@code [n, rows, cols]}) and its IDX label file ({@code [n]})
     * into a classification data set of {@code n} examples with {@code rows × cols} features.
     *
     * @throws IOException when either file is malformed, the counts differ, or a label is not
     *                     a digit
     */
    static Dataset dataset(Path imageFile, Path labelFile) throws IOException {
        IdxArray images = IdxReader.read(imageFile, 3);
        IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labelFile, labels.count() + " labels for the "
                    + images.count() + " images of " + imageFile + "; expected one per image");
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.unsigned(i);
            if (classes[i] >= CLASSES) {
                throw new IdxFormatException(labelFile, "label " + i + " is " + classes[i]
                        + "; expected a digit in [0, " + (CLASSES - 1) + "]");
            }
        }
        float[] pixels = new float[images.count() * images.itemSize()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = images.unsigned(i) / 255f;
        }
        return Dataset.ofClasses(pixels, images.itemSize(), classes, CLASSES);
    }
}

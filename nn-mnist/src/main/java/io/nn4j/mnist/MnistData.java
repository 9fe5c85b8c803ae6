package io.nn4j.mnist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data set's training and test images, read from its four verified IDX files: each image a row
 * of pixel intensities (values in {@code [0, 1]}: {@code pixel / 255}), each with its class.
 *
 * <p>Immutable: safe to share between threads.
 *
 * @param kind  which data set (MNIST or Fashion-MNIST)
 * @param train the 60,000 training images
 * @param test  the 10,000 test images
 */
public record MnistData(DatasetKind kind, LabeledImages train, LabeledImages test) {

    /**
     * Loads the four files of {@code kind} from {@code dir}, verifying each one's SHA-256 first.
     *
     * @throws IOException when a file is missing, has the wrong hash or is malformed; the
     *                     message names the file and says how to fetch it
     */
    public static MnistData load(DatasetKind kind, Path dir) throws IOException {
        LabeledImages train = images(kind.trainImages().verifiedIn(dir),
                kind.trainLabels().verifiedIn(dir), kind.classes());
        LabeledImages test = images(kind.testImages().verifiedIn(dir),
                kind.testLabels().verifiedIn(dir), kind.classes());
        return new MnistData(kind, train, test);
    }

    /**
     * Reads an IDX image file ({@code [n, rows, cols]}) and its IDX label file ({@code [n]})
     * into {@code n} labelled images of {@code rows × cols} pixels.
     *
     * @throws IOException when either file is malformed, the counts differ, or a label is not
     *                     below {@code classes}
     */
    static LabeledImages images(Path imageFile, Path labelFile, int classes) throws IOException {
        IdxArray images = IdxReader.read(imageFile, 3);
        IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labelFile, labels.count() + " labels for the "
                    + images.count() + " images of " + imageFile + "; expected one per image");
        }
        int[] classOf = new int[labels.count()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = labels.unsigned(i);
            if (classOf[i] >= classes) {
                throw new IdxFormatException(labelFile, "label " + i + " is " + classOf[i]
                        + "; expected a class in [0, " + (classes - 1) + "]");
            }
        }
        return new LabeledImages(images.bytes(), images.itemSize(), classOf, classes);
    }
}

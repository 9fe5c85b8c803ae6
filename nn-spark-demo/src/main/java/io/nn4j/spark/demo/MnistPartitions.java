package io.nn4j.spark.demo;

import io.nn4j.api.train.Dataset;
import io.nn4j.mnist.DatasetKind;
import io.nn4j.mnist.LabeledImages;
import io.nn4j.mnist.MnistData;
import io.nn4j.spark.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * MNIST's training images as an RDD read where the tasks run: partition {@code p} of
 * {@code n} reads the IDX files (checked against their SHA-256) from a folder every executor
 * sees and keeps images {@code p, p + n, p + 2n, …}, so no image passes through the driver.
 * The test images are read on the driver. Stateless: safe from any thread.
 */
public final class MnistPartitions {
    private MnistPartitions() {
    }

    /**
     * The first {@code trainSize} training images (all when it is 0 or more than there are) in
     * {@code partitions} partitions, each an {@link Example} of 784 pixels in {@code [0, 1]} and
     * its class index.
     *
     * @param spark the Spark context
     * @param dir the folder of the four MNIST files
     * @param partitions the number of partitions, at least 1
     * @param trainSize how many training images to keep; 0 for all
     * @return the training examples, read lazily in the tasks
     */
    public static JavaRDD<Example> train(JavaSparkContext spark, Path dir, int partitions,
                                         int trainSize) {
        String folder = dir.toAbsolutePath().toString();
        return spark.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .mapPartitionsWithIndex((partition, ignored) -> {
                    LabeledImages images = load(Path.of(folder)).train();
                    int size = trainSize > 0 ? Math.min(trainSize, images.size()) : images.size();
                    List<Example> examples = new ArrayList<>(size / partitions + 1);
                    for (int i = partition; i < size; i += partitions) {
                        examples.add(Example.of(images.image(i), images.label(i)));
                    }
                    return examples.iterator();
                }, true);
    }

    /**
     * MNIST's 10,000 test images as a host data set of class indices.
     *
     * @param dir the folder of the four MNIST files
     * @return the test set, for sparse categorical cross-entropy
     */
    public static Dataset test(Path dir) {
        LabeledImages images = load(dir).test();
        int width = images.pixelsPerImage();
        float[] pixels = new float[images.size() * width];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.image(i), 0, pixels, i * width, width);
            labels[i] = images.label(i);
        }
        return Dataset.ofLabels(pixels, width, labels, images.classes());
    }

    private static MnistData load(Path dir) {
        try {
            return MnistData.load(DatasetKind.MNIST, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}

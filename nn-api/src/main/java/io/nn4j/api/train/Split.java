package io.nn4j.api.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set split into training, validation (optional) and test sets, row by row, drawn from
 * a seed: the same data, seed and fractions give the same split, bit for bit, on every run.
 *
 * <p>{@link #random} shuffles all rows and cuts them; {@link #stratified} does so for each class
 * on its own, so every part holds each class in about its share of the whole (within one row
 * per class). How many rows a part gets: {@code round(rows × fraction)}, at least 1 when there
 * are rows enough for every part, and the training set always keeps at least one. In a
 * stratified split a class with fewer rows than there are parts goes to the training set first
 * (so the model can learn it) and may be missing from the test or validation set; a warning is
 * logged naming it. Each part keeps its rows in their original order.
 *
 * <p>Immutable and safe to share between threads, like its data sets.
 *
 * @param train      the training rows
 * @param validation the validation rows, when a validation fraction was asked for
 * @param test       the test rows
 */
public record Split(Dataset train, Optional<Dataset> validation, Dataset test) {
    private static final Logger LOG = LoggerFactory.getLogger(Split.class);

    /**
     * A split whose parts are all given; {@code validation} may be empty.
     *
     * @param train      the training rows
     * @param validation the validation rows, or empty for a split without a validation set
     * @param test       the test rows
     * @throws NullPointerException when a part is null
     */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Training and test sets of randomly drawn rows.
     *
     * @param data         the rows to split
     * @param seed         the seed of the shuffle; the same seed gives the same split
     * @param testFraction the share of the rows that goes to the test set
     * @return the training and test sets, with no validation set
     * @throws IllegalArgumentException for a fraction outside {@code (0, 1)}, or fewer than 2
     *                                  rows
     */
    public static Split random(Dataset data, long seed, double testFraction) {
        return random(data, seed, testFraction, 0);
    }

    /**
     * Training, validation and test sets of randomly drawn rows; a validation fraction of 0
     * makes no validation set.
     *
     * @param data               the rows to split
     * @param seed               the seed of the shuffle; the same seed gives the same split
     * @param testFraction       the share of the rows that goes to the test set
     * @param validationFraction the share of the rows that goes to the validation set, or 0
     * @return the training, validation (when its fraction is above 0) and test sets
     * @throws IllegalArgumentException for a test fraction outside {@code (0, 1)}, a
     *                                  validation fraction outside {@code [0, 1)}, fractions
     *                                  adding up to 1 or more, or too few rows for every part
     */
    public static Split random(Dataset data, long seed, double testFraction,
                               double validationFraction) {
        checkFractions(testFraction, validationFraction);
        int[][] all = {IntStream.range(0, data.size()).toArray()};
        return split(data, all, seed, testFraction, validationFraction);
    }

    /**
     * Training and test sets holding each class in its share of the whole.
     *
     * @param data         the rows to split; its targets must name classes
     * @param seed         the seed of the shuffles; the same seed gives the same split
     * @param testFraction the share of each class's rows that goes to the test set
     * @return the training and test sets, with no validation set
     * @throws IllegalArgumentException for a fraction outside {@code (0, 1)}, targets that name
     *                                  no class (see {@link Dataset#classIndices()}), or too
     *                                  few rows for a test set
     */
    public static Split stratified(Dataset data, long seed, double testFraction) {
        return stratified(data, seed, testFraction, 0);
    }

    /**
     * Training, validation and test sets holding each class in its share of the whole; a
     * validation fraction of 0 makes no validation set.
     *
     * @param data               the rows to split; its targets must name classes
     * @param seed               the seed of the shuffles; the same seed gives the same split
     * @param testFraction       the share of each class's rows that goes to the test set
     * @param validationFraction the share of each class's rows that goes to the validation set,
     *                           or 0
     * @return the training, validation (when its fraction is above 0) and test sets
     * @throws IllegalArgumentException for a test fraction outside {@code (0, 1)}, a
     *                                  validation fraction outside {@code [0, 1)}, fractions
     *                                  adding up to 1 or more, targets that name no class (see
     *                                  {@link Dataset#classIndices()}), or too few rows for
     *                                  every part
     */
    public static Split stratified(Dataset data, long seed, double testFraction,
                                   double validationFraction) {
        checkFractions(testFraction, validationFraction);
        int[] classes;
        try {
            classes = data.classIndices();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a stratified split needs class targets: "
                    + e.getMessage(), e);
        }
        int classCount = Arrays.stream(classes).max().orElse(0) + 1;
        int[][] byClass = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            int wanted = c;
            byClass[c] = IntStream.range(0, classes.length).filter(r -> classes[r] == wanted)
                    .toArray();
        }
        return split(data, byClass, seed, testFraction, validationFraction);
    }

    private static void checkFractions(double test, double validation) {
        if (!(test > 0 && test < 1) || !(validation >= 0 && validation < 1)
                || !(test + validation < 1)) {
            throw new IllegalArgumentException("test fraction " + test + " and validation fraction "
                    + validation + "; expected a test fraction in (0, 1), a validation fraction "
                    + "in [0, 1) and a sum below 1, leaving rows to train on");
        }
    }

    /** Shuffles each group of rows and deals it out to the parts, groups in order. */
    private static Split split(Dataset data, int[][] groups, long seed, double testFraction,
                               double validationFraction) {
        Random random = new Random(seed);
        int parts = validationFraction > 0 ? 3 : 2;
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            int[] rows = groups[g].clone();
            EpochOrder.shuffle(rows, random);
            int testRows = partSize(rows.length, testFraction, parts);
            int validationRows = partSize(rows.length, validationFraction, parts);
            while (rows.length - testRows - validationRows < 1 && testRows + validationRows > 0) {
                if (validationRows > testRows) {
                    validationRows--;
                } else {
                    testRows--;
                }
            }
            if (groups.length > 1 && rows.length > 0 && rows.length < parts) {
                LOG.warn("class {} has {} rows, fewer than the {} parts of the split: they go to "
                        + "the training set first and the class may be missing from the others",
                        g, rows.length, parts);
            }
            for (int i = 0; i < rows.length; i++) {
                List<Integer> part = i < testRows ? test
                        : i < testRows + validationRows ? validation : train;
                part.add(rows[i]);
            }
        }
        String sizes = data.size() + " rows with test fraction " + testFraction
                + " and validation fraction " + validationFraction;
        Optional<Dataset> validationSet = parts == 3
                ? Optional.of(part(data, validation, "validation", sizes)) : Optional.empty();
        return new Split(part(data, train, "training", sizes), validationSet,
                part(data, test, "test", sizes));
    }

    /** {@code round(rows × fraction)}, at least 1 for a part asked for if every part can have 1. */
    private static int partSize(int rows, double fraction, int parts) {
        int size = (int) Math.round(rows * fraction);
        return fraction > 0 && rows >= parts ? Math.max(size, 1) : size;
    }

    private static Dataset part(Dataset data, List<Integer> rows, String name, String sizes) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("splitting " + sizes + " leaves the " + name
                    + " set empty; expected at least one row in every part");
        }
        return data.select(rows.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}

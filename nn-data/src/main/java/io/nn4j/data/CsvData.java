package io.nn4j.data;

import io.nn4j.api.train.ClassLabels;
import io.nn4j.api.train.Dataset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CsvLoader} read from a CSV file: the rows as a data set and what its columns
 * mean. Immutable and safe to share between threads.
 *
 * @param dataset      one example per data row: the feature columns, and as its single target
 *                     the class index (classification) or the label's value (regression)
 * @param featureNames the feature columns' names, in the order of the data set's features
 * @param labelName    the label column's name
 * @param classLabels  for classification, the class names by index; empty for regression
 * @param skippedLines the lines of the rows skipped for a missing value (only when the loader
 *                     was told to skip them), 1-based, in file order
 */
public record CsvData(Dataset dataset, List<String> featureNames, String labelName,
                      Optional<ClassLabels> classLabels, List<Long> skippedLines) {
    /**
     * The loaded data; the lists are copied.
     *
     * @param dataset      one example per data row
     * @param featureNames the feature columns' names, in the order of the data set's features
     * @param labelName    the label column's name
     * @param classLabels  for classification, the class names by index; empty for regression
     * @param skippedLines the lines of the rows skipped for a missing value, 1-based
     */
    public CsvData {
        Objects.requireNonNull(dataset, "dataset");
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(labelName, "labelName");
        Objects.requireNonNull(classLabels, "classLabels");
        skippedLines = List.copyOf(skippedLines);
    }
}

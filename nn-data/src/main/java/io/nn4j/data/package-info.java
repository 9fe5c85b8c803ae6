/**
 * Getting a table of numbers into a {@link io.nn4j.api.train.Dataset}: {@link
 * io.nn4j.data.CsvLoader} reads a CSV file with a header row (through Apache Commons CSV),
 * names a bad value by file, line and column, and keeps the mapping between class names and
 * class indices ({@link io.nn4j.api.train.ClassLabels}, nn-api's, as models carry it) for
 * reading predictions back. Splits into training, validation and test sets are
 * {@link io.nn4j.api.train.Split}'s, in nn-api.
 */
package io.nn4j.data;

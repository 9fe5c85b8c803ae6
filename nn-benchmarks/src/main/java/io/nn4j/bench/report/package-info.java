/**
 * Turns the JMH JSON of a run of the suites, and the MNIST demo's {@code --summary-json} files,
 * into the tables of {@code docs/benchmarks.md} and its PNG bar charts:
 * {@link io.nn4j.bench.report.BenchmarkReport} is the command.
 */
package io.nn4j.bench.report;

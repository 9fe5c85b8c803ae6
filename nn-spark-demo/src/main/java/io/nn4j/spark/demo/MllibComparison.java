package io.nn4j.spark.demo;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.Trainer;
import io.nn4j.spark.Example;
import io.nn4j.spark.SparkFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scripts/spark-compare.sh}: nn-spark beside Spark MLlib's
 * {@code MultilayerPerceptronClassifier} (L-BFGS) on the same MNIST DataFrame, in the same
 * Spark session, alternately (MLlib, nn4j, then nn4j, MLlib, …), each fit timed from the cached
 * DataFrame to the trained model and its accuracy measured on the 10,000 test images. A command
 * object runs once, on one thread.
 */
@Command(name = "spark-compare", mixinStandardHelpOptions = true,
        description = "nn-spark against Spark MLlib's MultilayerPerceptronClassifier on MNIST.")
public final class MllibComparison implements Callable<Integer> {
    @Mixin
    SparkRunOptions cluster;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "1",
            description = "Pairs of fits, alternating which goes first (default: "
                    + "${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--mllib-iterations", paramLabel = "N", defaultValue = "100",
            description = "L-BFGS iterations of MLlib (default: ${DEFAULT-VALUE}).")
    int mllibIterations;

    @Mixin
    TrainerOptions options;

    /**
     * Runs the comparison.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MllibComparison()).setOverwrittenOptionsAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() {
        SparkSession spark = cluster.startSession("nn4j vs MLlib", "cpu");
        try (Backend backend = Backends.load("cpu")) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = context.defaultParallelism();
            StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                    .add("label", DataTypes.DoubleType);
            org.apache.spark.sql.Dataset<Row> train = spark.createDataFrame(
                    MnistPartitions.train(context, cluster.dataDir, partitions, 0)
                            .map(MllibComparison::row), schema)
                    .persist(StorageLevel.MEMORY_ONLY());
            Dataset test = MnistPartitions.test(cluster.dataDir);
            org.apache.spark.sql.Dataset<Row> testFrame = spark.createDataFrame(rows(test), schema);
            System.out.printf(Locale.ROOT, "Spark %s, master %s, %d training rows in %d "
                    + "partitions; driver backend %s%nnn4j: %s%nMLlib: "
                    + "MultilayerPerceptronClassifier [784, %s, 10], l-bfgs, %d iterations%n",
                    spark.version(), context.master(), train.count(), partitions,
                    backend.description(), options.describe(), hidden(), mllibIterations);
            List<double[]> mllib = new ArrayList<>();
            List<double[]> nn4j = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                for (int turn = 0; turn < 2; turn++) {
                    if ((pair + turn) % 2 == 0) {
                        mllib.add(print("mllib", mllib(train, testFrame)));
                    } else {
                        nn4j.add(print("nn4j", nn4j(train, test, backend)));
                    }
                }
            }
            for (int i = 0; i < pairs; i++) {
                System.out.printf(Locale.ROOT, "pair %d: nn4j %.2f%% in %.1f s, MLlib %.2f%% in "
                        + "%.1f s: nn4j's fit takes %.3f of MLlib's time%n", i + 1,
                        100 * nn4j.get(i)[0], nn4j.get(i)[1], 100 * mllib.get(i)[0],
                        mllib.get(i)[1], nn4j.get(i)[1] / mllib.get(i)[1]);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    private String hidden() {
        return options.hidden.stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** MLlib's fit: accuracy and seconds. */
    private double[] mllib(org.apache.spark.sql.Dataset<Row> train,
                           org.apache.spark.sql.Dataset<Row> test) {
        int[] layers = new int[options.hidden.size() + 2];
        layers[0] = 784;
        for (int i = 0; i < options.hidden.size(); i++) {
            layers[i + 1] = options.hidden.get(i);
        }
        layers[layers.length - 1] = 10;
        MultilayerPerceptronClassifier classifier = new MultilayerPerceptronClassifier()
                .setLayers(layers).setMaxIter(mllibIterations).setSeed(options.seed);
        long start = System.nanoTime();
        MultilayerPerceptronClassificationModel model = classifier.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
        return new double[] {accuracy, seconds};
    }

    /** nn-spark's fit on the same DataFrame: accuracy and seconds. */
    private double[] nn4j(org.apache.spark.sql.Dataset<Row> train, Dataset test,
                          Backend backend) {
        long start = System.nanoTime();
        try (SparkFit fit = options.trainer().build().fit(train, backend)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = Trainer.evaluate(fit.model(), test,
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 1024).accuracy();
            return new double[] {accuracy, seconds};
        }
    }

    private static double[] print(String who, double[] result) {
        System.out.printf(Locale.ROOT, "%-5s test accuracy %.2f%%, fit %.1f s%n", who,
                100 * result[0], result[1]);
        return result;
    }

    private static Row row(Example example) {
        float[] x = example.features();
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        return RowFactory.create(Vectors.dense(values), (double) example.targets()[0]);
    }

    private static List<Row> rows(Dataset data) {
        int width = data.featureCount();
        float[] x = new float[data.size() * width];
        float[] y = new float[data.size()];
        int[] order = new int[data.size()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        data.gather(order, 0, order.length, x, y);
        List<Row> rows = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            rows.add(row(Example.of(java.util.Arrays.copyOfRange(x, r * width, (r + 1) * width),
                    y[r])));
        }
        return rows;
    }
}

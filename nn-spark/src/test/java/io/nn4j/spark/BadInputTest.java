package io.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Loss;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DataFrames in, both column kinds, and bad input named before any training job. */
class BadInputTest {
    private static final Architecture NET = Sequential.builder(Blobs.FEATURES)
            .dense(8, Activation.RELU).dense(Blobs.CLASSES, Activation.SOFTMAX).architecture();
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = Backends.load("cpu");
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static SparkTrainer trainer(Loss loss) {
        return SparkTrainer.builder(NET).loss(loss).optimizer(Sgd::new, 0.1f).batchSize(10)
                .epochs(2).seed(3).build();
    }

    /** Blobs as a DataFrame: features a Spark ML vector or array<float>, label a double. */
    private static Dataset<Row> frame(boolean vectors, int widthOfRow7, double labelOfRow9) {
        List<Row> rows = new ArrayList<>();
        List<Example> examples = Blobs.examples(60, 8);
        for (int i = 0; i < examples.size(); i++) {
            float[] x = examples.get(i).features();
            int width = i == 7 ? widthOfRow7 : x.length;
            double label = i == 9 ? labelOfRow9 : examples.get(i).targets()[0];
            if (vectors) {
                double[] values = new double[width];
                for (int f = 0; f < width; f++) {
                    values[f] = x[f % x.length];
                }
                rows.add(RowFactory.create(Vectors.dense(values), label));
            } else {
                List<Float> values = new ArrayList<>();
                for (int f = 0; f < width; f++) {
                    values.add(x[f % x.length]);
                }
                rows.add(RowFactory.create(values, label));
            }
        }
        StructType schema = new StructType()
                .add("features", vectors ? SQLDataTypes.VectorType()
                        : DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.DoubleType);
        return LocalSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void vectorAndFloatArrayColumnsTrainTheSameModel() {
        float[] fromVectors;
        float[] fromArrays;
        try (SparkFit fit = trainer(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                .fit(frame(true, Blobs.FEATURES, 1), backend)) {
            fromVectors = SparkTrainerTest.weights(fit.model());
            assertEquals(2, fit.history().size());
        }
        try (SparkFit fit = trainer(Loss.CATEGORICAL_CROSSENTROPY)
                .fit(frame(false, Blobs.FEATURES, 1), backend)) {
            fromArrays = SparkTrainerTest.weights(fit.model());
        }
        assertEquals(fromVectors.length, fromArrays.length);
        assertTrue(SparkTrainerTest.maxDifference(fromVectors, fromArrays) < 1e-5,
                "a class index one-hot under categorical cross-entropy trains as sparse: "
                        + SparkTrainerTest.maxDifference(fromVectors, fromArrays));
    }

    @Test
    void missingColumnsAndWrongTypesAreNamedBeforeAnyJob() {
        Dataset<Row> good = frame(true, Blobs.FEATURES, 1);
        int jobs = LocalSpark.context().statusTracker().getJobIdsForGroup(null).length;
        SparkTrainer trainer = trainer(Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(good.withColumnRenamed("label", "digit"), backend));
        assertEquals("label column 'label' is not in the data; its columns are [features, digit]",
                missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(good.withColumn("features",
                        good.col("label").cast(DataTypes.StringType)), backend));
        assertTrue(text.getMessage().startsWith("features column 'features' is string; expected a"
                + " Spark ML vector"), text.getMessage());
        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder(NET).loss(Loss.BINARY_CROSSENTROPY)
                        .optimizer(Sgd::new, 0.1f).build().fit(good, backend));
        assertTrue(loss.getMessage().contains("label column 'label' holds one number per row"),
                loss.getMessage());
        assertEquals(jobs, LocalSpark.context().statusTracker().getJobIdsForGroup(null).length,
                "no Spark job ran");
    }

    @Test
    void aRowOfTheWrongWidthIsNamedByPartitionAndRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(Loss.SPARSE_CATEGORICAL_CROSSENTROPY)
                        .fit(frame(true, 5, 1), backend));
        assertTrue(e.getMessage().matches("partition [01], row \\d+: 5 features; expected 6 "
                + "\\(the model's input width\\)"), e.getMessage());
    }

    @Test
    void aLabelOutOfRangeIsNamedBeforeTraining() {
        IllegalArgumentException oneHot = assertThrows(IllegalArgumentException.class,
                () -> trainer(Loss.CATEGORICAL_CROSSENTROPY).fit(frame(false, 6, 3), backend));
        assertTrue(oneHot.getMessage().matches("label column 'label', partition [01], row \\d+: "
                + "3\\.0; expected a class index, an integer in \\[0, 3\\) for a model with 3 "
                + "outputs"), oneHot.getMessage());
        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> trainer(Loss.SPARSE_CATEGORICAL_CROSSENTROPY).fit(frame(true, 6, 2.5),
                        backend));
        assertTrue(sparse.getMessage().startsWith("partition "), sparse.getMessage());
        assertTrue(sparse.getMessage().contains("2.5"), sparse.getMessage());
        assertTrue(sparse.getMessage().contains("[0, 3)"), sparse.getMessage());
    }
}

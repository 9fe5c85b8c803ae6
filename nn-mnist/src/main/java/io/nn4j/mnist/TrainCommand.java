package io.nn4j.mnist;

import io.nn4j.api.Activation;
import io.nn4j.api.Loss;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.train.Dataset;
import io.nn4j.api.train.TrainingListener;
import io.nn4j.mnist.report.TrainingReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code train} command: trains a dense classifier (hidden layers, then a softmax output with
 * categorical cross-entropy) with SGD or Adam, printing progress and each epoch, then writes the
 * report folder and, when asked, the model, checkpoints and a summary JSON.
 */
@Command(name = "train", sortOptions = false,
        description = "Train a dense network on MNIST or Fashion-MNIST, report test accuracy per"
                + " epoch, and write a report folder of charts and pictures.")
final class TrainCommand extends DemoCommand {
    /** Where the report goes unless {@code --report-dir} says otherwise. */
    static final String DEFAULT_REPORT_DIR = "target/mnist-report";

    @Mixin
    private DataOptions data;

    @Mixin
    private FitOptions fit;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write a checkpoint to DIR after every epoch (the latest is kept).")
    private Path checkpointDir;

    @Option(names = "--resume",
            description = "Continue from the latest checkpoint in --checkpoint-dir (same network"
                    + " and optimizer options); --epochs is the total to reach.")
    private boolean resume;

    @Option(names = "--save-model", paramLabel = "FILE",
            description = "Save the trained model to FILE, for eval --model and predict --model.")
    private Path saveModel;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = DEFAULT_REPORT_DIR,
            description = "Write the report (loss.png, accuracy.png, confusion.png,"
                    + " misclassified.png, weights.png, summary.json) to DIR"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path reportDir;

    @Option(names = "--no-report", description = "Do not write the report folder.")
    private boolean noReport;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write the run's summary JSON to FILE.")
    private Path summaryJson;

    @Option(names = "--timeline",
            description = "At the end, print how long each phase of the run took.")
    private boolean timeline;

    @Override
    public Integer call() throws IOException {
        RunTimeline phases = RunTimeline.sinceJvmStart();
        phases.mark("JVM start, class loading, options");
        fit.check(spec.commandLine());
        NetworkOptions network = fit.network();
        TrainingOptions training = fit.training();
        Path checkpoints = checkpointsToUse();
        PrintWriter out = spec.commandLine().getOut();
        int inputs = DatasetKind.SIDE * DatasetKind.SIDE;
        int classes = data.kind().classes();
        Architecture architecture = network.architecture(inputs, classes, Activation.SOFTMAX);
        BackgroundTask<MnistData> reading = BackgroundTask.start("nn4j-data", data::load);
        try (TrainingRun run = openWhileReading(reading, architecture, out)) {
            phases.mark("backend ready, model built (the data read meanwhile)");
            MnistData used = firstImages(reading.join());
            Dataset trainSet = used.train().oneHot();
            phases.mark("data read and checked");
            printHeader(out, run, used, inputs, classes, checkpoints);
            List<EpochStats> history = run.fit(trainSet, used.test().oneHot(),
                    Loss.CATEGORICAL_CROSSENTROPY, checkpoints, out,
                    trainer -> trainer.listener(new EpochMarks(phases, !noReport)));
            RunSummary summary = new RunSummary(run.backend().name(), used.kind().id(),
                    network.hidden(), network.activation().id(), network.dropout(),
                    run.optimizer().toString(), training.batchSize(),
                    fit.optimizer().learningRate(), training.seed(), history);
            out.println(String.format(Locale.ROOT, "final test accuracy %.4f (%.2f%%)",
                    summary.testAccuracy(), 100 * summary.testAccuracy()));
            if (saveModel != null) {
                ModelFile.save(run.model(), saveModel);
                out.println("model saved to " + saveModel);
                phases.mark("model saved");
            }
            if (summaryJson != null) {
                summary.writeJson(summaryJson);
                out.println("summary written to " + summaryJson);
                phases.mark("summary written");
            }
            if (!noReport) {
                ReportMaker.write(reportDir, run.model(), used, summary);
                out.println("report written to " + reportDir + " (loss.png, accuracy.png,"
                        + " confusion.png, misclassified.png, weights.png, summary.json)");
                phases.mark("report written");
            }
            out.flush();
        }
        if (timeline) {
            phases.print(out);
        }
        return 0;
    }

    /**
     * Marks each epoch's end on the timeline and, after the first, warms the report's drawing
     * up on a spare core when there will be a report.
     */
    private static final class EpochMarks implements TrainingListener {
        private final RunTimeline phases;
        private boolean reportToWarm;

        EpochMarks(RunTimeline phases, boolean report) {
            this.phases = phases;
            this.reportToWarm = report;
        }

        @Override
        public void onEpochEnd(EpochStats stats) {
            phases.mark("epoch " + stats.epoch() + ", then its test evaluation");
            if (reportToWarm) {
                reportToWarm = false;
                TrainingReport.warmUpInBackground();
            }
        }
    }

    /**
     * Opens the named (or default) backend and builds the model while {@code reading} reads the
     * data; when that fails, the data's own failure (a missing file, say) is the one reported,
     * since it names what to fix first. {@code --backend auto} times training steps on the data,
     * so it waits for it.
     */
    private TrainingRun openWhileReading(BackgroundTask<MnistData> reading,
                                         Architecture architecture, PrintWriter out)
            throws IOException {
        if (fit.backend().isAuto()) {
            return TrainingRun.open(spec.commandLine(), fit, architecture,
                    Loss.CATEGORICAL_CROSSENTROPY, firstImages(reading.join()).train().oneHot(),
                    out);
        }
        try {
            return TrainingRun.on(fit.backend().open(spec.commandLine()), fit, architecture);
        } catch (RuntimeException e) {
            reading.join();
            throw e;
        }
    }

    /** The data with only the first {@code --train-size} training images. */
    private MnistData firstImages(MnistData loaded) {
        LabeledImages train = loaded.train();
        return new MnistData(loaded.kind(), train.first(fit.training().trainSize(train.size())),
                loaded.test());
    }

    /**
     * The checkpoint directory, after checking that {@code --resume} has one and that an
     * existing checkpoint is only continued when asked.
     */
    private Path checkpointsToUse() throws IOException {
        if (resume && checkpointDir == null) {
            throw new ParameterException(spec.commandLine(), "--resume needs --checkpoint-dir");
        }
        if (checkpointDir != null && !resume) {
            Optional<Path> existing = Checkpoint.latest(checkpointDir);
            if (existing.isPresent()) {
                throw new ParameterException(spec.commandLine(), checkpointDir + " already holds "
                        + existing.get().getFileName() + "; pass --resume to continue from it, or"
                        + " choose an empty --checkpoint-dir");
            }
        }
        return checkpointDir;
    }

    private void printHeader(PrintWriter out, TrainingRun run, MnistData used, int inputs,
                             int classes, Path checkpoints) throws IOException {
        out.println("backend: " + run.backend().description());
        out.println(String.format(Locale.ROOT, "data: %s, %d training and %d test images",
                used.kind().id(), used.train().size(), used.test().size()));
        out.println(fit.describe(inputs, classes, Activation.SOFTMAX,
                Loss.CATEGORICAL_CROSSENTROPY, run.optimizer()));
        if (checkpoints != null) {
            Optional<Path> latest = Checkpoint.latest(checkpoints);
            out.println(latest.map(file -> "resuming from " + file)
                    .orElse("checkpoints: " + checkpoints + " (one per epoch)"));
        }
        out.flush();
    }
}

package io.nn4j.api.io;

import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.EpochStats;
import io.nn4j.api.train.Optimizer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What training needs to go on after a stop: the epochs done with their statistics, the model
 * (as in a {@link ModelFile}), and the optimizer's step count and state tensors. One file per
 * epoch, {@code checkpoint-epoch-NNNN.nn4j}, framed like a model file (magic {@code NN4C},
 * version, CRC-32) and written atomically.
 */
public final class Checkpoint {
    /** The first four bytes of a checkpoint: {@code NN4C}. */
    public static final int MAGIC = 0x4E4E3443;
    /** The format version this library writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String KIND = "nn4j checkpoint";
    private static final Pattern NAME = Pattern.compile("checkpoint-epoch-(\\d{4,})\\.nn4j");

    /**
     * What a checkpoint restored.
     *
     * @param epoch   the number of epochs done
     * @param history their statistics, in order
     */
    public record Restored(int epoch, List<EpochStats> history) {
    }

    private Checkpoint() {
    }

    /** The file of the checkpoint after {@code epoch} in {@code directory}. */
    public static Path fileFor(Path directory, int epoch) {
        return directory.resolve(String.format("checkpoint-epoch-%04d.nn4j", epoch));
    }

    /** The checkpoint of the highest epoch in {@code directory}, if any. */
    public static Optional<Path> latest(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .max((a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        }
    }

    /** Writes the state after {@code history.size()} epochs to {@code file}. */
    public static void write(Path file, List<EpochStats> history, Sequential model,
                             Optimizer optimizer) throws IOException {
        Envelope.write(file, MAGIC, VERSION, out -> {
            out.writeInt(history.size());
            for (EpochStats stats : history) {
                out.writeInt(stats.epoch());
                out.writeDouble(stats.trainLoss());
                out.writeDouble(stats.testLoss());
                out.writeDouble(stats.testAccuracy());
                out.writeDouble(stats.trainSeconds());
                out.writeDouble(stats.examplesPerSecond());
            }
            ModelFile.writeModel(out, model);
            out.writeInt(optimizer.steps());
            ModelFile.writeTensors(out, model.backend(), optimizer.stateTensors(model.parameters()));
        });
    }

    /**
     * Restores {@code model}'s weights and {@code optimizer}'s state from {@code file}.
     *
     * @throws ModelFormatException when the file is bad or was written for another architecture
     *                              or optimizer
     */
    public static Restored restore(Path file, Sequential model, Optimizer optimizer)
            throws IOException {
        Envelope.Opened opened = Envelope.open(file, MAGIC, VERSION, KIND);
        DataInputStream in = opened.body();
        try {
            int epochs = in.readInt();
            if (epochs < 0 || epochs > opened.bytes()) {
                throw new ModelFormatException(file, "says " + epochs + " epochs were done");
            }
            List<EpochStats> history = new ArrayList<>();
            for (int i = 0; i < epochs; i++) {
                history.add(new EpochStats(in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble()));
            }
            Architecture saved = ModelFile.readArchitecture(file, in, opened.bytes());
            if (!ModelFile.sameLayout(saved, model.architecture())) {
                throw new ModelFormatException(file, "was written for " + saved
                        + "; the model to restore is " + model.architecture());
            }
            ModelFile.readTensors(file, in, model.backend(), ModelFile.parametersByName(model));
            int steps = in.readInt();
            ModelFile.readTensors(file, in, model.backend(),
                    optimizer.stateTensors(model.parameters()));
            optimizer.restoreSteps(steps);
            return new Restored(epochs, history);
        } catch (EOFException e) {
            throw new ModelFormatException(file, "ends early");
        }
    }

    private static int epochOf(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}

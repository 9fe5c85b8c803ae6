package io.nn4j.api.io;

import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Architecture;
import io.nn4j.api.nn.Dropout;
import io.nn4j.api.nn.Layer;
import io.nn4j.api.nn.Sequential;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What training needs to go on after a stop: the epochs done with their statistics, the model
 * (as in a {@link ModelFile}), the optimizer's step count and state tensors (given as such,
 * so this package knows no optimizer), and where each
 * dropout layer is in its masks, so a resumed run is bit for bit the run that never stopped. One file per
 * epoch, {@code checkpoint-epoch-NNNN.nn4j}, framed like a model file (magic {@code NN4C},
 * version, CRC-32) and written whole or not at all, like a model file. {@link #restore} is all
 * or nothing.
 *
 * <p>Thread safety: the methods are static and keep no state; any thread may call them, but
 * writing or restoring must not overlap a training step of the same model and optimizer.
 * {@code Trainer}'s checkpoint folder is the usual caller.
 */
public final class Checkpoint {
    /** The first four bytes of a checkpoint: {@code NN4C}. */
    public static final int MAGIC = 0x4E4E3443;
    /**
     * The format version this library writes and the newest it reads: 2 adds each dropout
     * layer's mask stream (seed and masks drawn); 3 adds each epoch's validation loss,
     * validation accuracy and learning rate, and embeds the model section of model file
     * version 2, with the model's preprocessing. Version 1 files still restore, leaving the masks
     * as they are; versions 1 and 2 restore those three figures as NaN and without checking the
     * preprocessing.
     */
    public static final int VERSION = 3;
    /** The first version whose model section holds the preprocessing ({@link ModelFile}). */
    private static final int FIRST_WITH_PREPROCESSING = 3;

    private static final String KIND = "nn4j checkpoint";
    /** One epoch's statistics before version 3: an int32 and five float64s. */
    private static final int EPOCH_BYTES_V2 = 4 + 5 * 8;
    /** One epoch's statistics from version 3: an int32 and eight float64s. */
    private static final int EPOCH_BYTES = 4 + 8 * 8;
    private static final Pattern NAME = Pattern.compile("checkpoint-epoch-(\\d{4,})\\.nn4j");

    /**
     * What a checkpoint restored; immutable, safe to share between threads.
     *
     * @param epoch          the number of epochs done
     * @param history        their statistics, in order
     * @param optimizerSteps the optimizer's step count, to give back to it
     */
    public record Restored(int epoch, List<EpochStats> history, int optimizerSteps) {
        /**
         * Copies the history.
         *
         * @param epoch          the number of epochs done
         * @param history        their statistics, in order
         * @param optimizerSteps the optimizer's step count
         */
        public Restored {
            history = List.copyOf(history);
        }
    }

    private Checkpoint() {
    }

    /**
     * The file of the checkpoint after {@code epoch} in {@code directory}.
     *
     * @param directory the checkpoint folder
     * @param epoch the number of epochs done
     * @return {@code directory/checkpoint-epoch-NNNN.nn4j}, the epoch zero-padded to four digits
     */
    public static Path fileFor(Path directory, int epoch) {
        return directory.resolve(String.format("checkpoint-epoch-%04d.nn4j", epoch));
    }

    /**
     * The checkpoint of the highest epoch in {@code directory}, if any. Only regular files named
     * {@code checkpoint-epoch-<digits>.nn4j} count; a name whose number does not fit an
     * {@code int} (e.g. {@code checkpoint-epoch-99999999999.nn4j}) was not written by nn4j,
     * whose epochs are ints, and is ignored like any other foreign file.
     *
     * @param directory the checkpoint folder; a missing one holds no checkpoint
     * @return the latest checkpoint file, or empty when there is none
     * @throws IOException when the folder cannot be listed
     */
    public static Optional<Path> latest(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path latest = null;
        int latestEpoch = -1;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                int epoch = epochOf(file);
                if (epoch > latestEpoch && Files.isRegularFile(file)) {
                    latest = file;
                    latestEpoch = epoch;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * Writes the state after {@code history.size()} epochs to {@code file}, atomically: the
     * history, {@code model}, and the optimizer's {@code optimizerSteps} and
     * {@code optimizerState} (its state tensors by name, as {@code Optimizer.stateTensors} gives
     * them).
     *
     * @param file the checkpoint file, replaced when it exists
     * @param history the statistics of every epoch done
     * @param model the model whose weights and dropout mask streams are written
     * @param optimizerSteps the optimizer's step count
     * @param optimizerState the optimizer's state tensors by name
     * @throws IllegalStateException when a weight or an optimizer state value is NaN or infinite
     *                               (named with its element and value); nothing is written
     * @throws IOException           naming the file when it cannot be written; the previous file
     *                               is then untouched and no temporary file is left
     */
    public static void write(Path file, List<EpochStats> history, Sequential model,
                             int optimizerSteps, Map<String, Tensor> optimizerState)
            throws IOException {
        Map<String, Tensor> parameters = ModelFile.parametersByName(model);
        Map<String, Shape> shapes = HostTensors.shapes(parameters);
        Map<String, float[]> values = HostTensors.copyOut(model.backend(), parameters);
        HostTensors.requireFinite(file, values, shapes);
        Map<String, Shape> stateShapes = HostTensors.shapes(optimizerState);
        Map<String, float[]> stateValues = HostTensors.copyOut(model.backend(), optimizerState);
        HostTensors.requireFinite(file, stateValues, stateShapes);
        List<Dropout> dropouts = dropouts(model);
        Envelope.write(file, MAGIC, VERSION, out -> {
            out.writeInt(history.size());
            for (EpochStats stats : history) {
                out.writeInt(stats.epoch());
                out.writeDouble(stats.trainLoss());
                out.writeDouble(stats.testLoss());
                out.writeDouble(stats.testAccuracy());
                out.writeDouble(stats.trainSeconds());
                out.writeDouble(stats.examplesPerSecond());
                out.writeDouble(stats.validationLoss());
                out.writeDouble(stats.validationAccuracy());
                out.writeDouble(stats.learningRate());
            }
            ModelFile.writeModel(out, model.architecture(), values, shapes);
            out.writeInt(optimizerSteps);
            HostTensors.write(out, stateValues, stateShapes);
            out.writeInt(dropouts.size());
            for (Dropout dropout : dropouts) {
                out.writeLong(dropout.maskStream().seed());
                out.writeLong(dropout.maskStream().drawn());
            }
        });
    }

    /**
     * Restores {@code model}'s weights and the optimizer's {@code optimizerState} tensors from
     * {@code file}, all or nothing: the whole file is read and checked into host memory first
     * (history, architecture, every tensor, the step count, every optimizer state tensor, the
     * dropout layers' mask streams), and only then copied into the model and the state tensors.
     * On any failure both are as they were. The caller gives the returned
     * {@link Restored#optimizerSteps()} back to the optimizer.
     *
     * @param file the checkpoint file
     * @param model the model receiving the weights; its architecture must match the file's
     * @param optimizerState the optimizer's state tensors by name, which receive the saved values
     * @return the epochs done, their statistics and the optimizer's step count
     * @throws ModelFormatException naming the file, when it is bad or was written for another
     *                              architecture or optimizer
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    public static Restored restore(Path file, Sequential model,
                                   Map<String, Tensor> optimizerState) throws IOException {
        Map<String, Tensor> parameters = ModelFile.parametersByName(model);
        List<Dropout> dropouts = dropouts(model);
        Read read = Envelope.read(file, MAGIC, VERSION, KIND, (in, bodyBytes, version) -> {
            List<EpochStats> history = readHistory(file, in, bodyBytes, version);
            int epochs = history.size();
            boolean withPreprocessing = version >= FIRST_WITH_PREPROCESSING;
            Architecture saved = ModelFile.readArchitecture(file, in, bodyBytes,
                    withPreprocessing);
            if (!ModelFile.sameLayout(saved, model.architecture())) {
                throw new ModelFormatException(file, "was written for " + saved
                        + "; the model to restore is " + model.architecture());
            }
            if (withPreprocessing && !saved.preprocessing().equals(model.preprocessing())) {
                throw new ModelFormatException(file, "was written for a model with the "
                        + "preprocessing " + saved.preprocessing() + " (other scalers or class "
                        + "names); the model to restore has " + model.preprocessing());
            }
            Map<String, float[]> values = HostTensors.read(file, in, "parameters",
                    HostTensors.shapes(parameters));
            int steps = in.readInt();
            if (steps < 0) {
                throw new ModelFormatException(file, "says " + steps + " optimizer steps were "
                        + "taken; expected at least 0");
            }
            Map<String, float[]> stateValues = HostTensors.read(file, in,
                    "optimizer state (written by another optimizer?)",
                    HostTensors.shapes(optimizerState));
            List<Dropout.MaskStream> masks = version < 2 ? null
                    : readMaskStreams(file, in, dropouts.size());
            return new Read(new Restored(epochs, history, steps), values, stateValues, masks);
        });
        HostTensors.copyIn(model.backend(), read.values(), parameters);
        HostTensors.copyIn(model.backend(), read.stateValues(), optimizerState);
        if (read.masks() != null) {
            for (int i = 0; i < dropouts.size(); i++) {
                dropouts.get(i).continueMasks(read.masks().get(i));
            }
        }
        return read.restored();
    }

    /** The epochs' statistics; before version 3 without the validation figures and rate. */
    private static List<EpochStats> readHistory(Path file, DataInputStream in, long bodyBytes,
                                                int version) throws IOException {
        int epochs = in.readInt();
        long epochBytes = version < 3 ? EPOCH_BYTES_V2 : EPOCH_BYTES;
        if (epochs < 0 || epochs > bodyBytes / epochBytes) {
            throw new ModelFormatException(file, "says " + epochs + " epochs were done; "
                    + "expected 0 to " + bodyBytes / epochBytes + " in a body of "
                    + bodyBytes + " bytes");
        }
        List<EpochStats> history = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            EpochStats stats = new EpochStats(in.readInt(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble());
            if (version >= 3) {
                stats = new EpochStats(stats.epoch(), stats.trainLoss(), stats.testLoss(),
                        stats.testAccuracy(), stats.trainSeconds(), stats.examplesPerSecond(),
                        in.readDouble(), in.readDouble(), in.readDouble());
            }
            history.add(stats);
        }
        return history;
    }

    private static List<Dropout.MaskStream> readMaskStreams(Path file, DataInputStream in,
                                                            int expected) throws IOException {
        int count = in.readInt();
        if (count != expected) {
            throw new ModelFormatException(file, count + " dropout mask streams; expected "
                    + expected + ", one per dropout layer");
        }
        List<Dropout.MaskStream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = in.readLong();
            long drawn = in.readLong();
            if (drawn < 0) {
                throw new ModelFormatException(file, "dropout layer " + i + " has drawn "
                        + drawn + " masks; expected at least 0");
            }
            streams.add(new Dropout.MaskStream(seed, drawn));
        }
        return streams;
    }

    /** The model's dropout layers, input side first. */
    private static List<Dropout> dropouts(Sequential model) {
        List<Dropout> found = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dropout dropout) {
                found.add(dropout);
            }
        }
        return found;
    }

    private static int epochOf(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(matcher.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A checkpoint read and checked in full, not yet applied. */
    private record Read(Restored restored, Map<String, float[]> values,
                        Map<String, float[]> stateValues, List<Dropout.MaskStream> masks) {
    }
}

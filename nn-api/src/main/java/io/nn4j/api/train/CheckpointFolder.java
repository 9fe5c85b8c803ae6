package io.nn4j.api.train;

import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.metrics.EpochStats;
import io.nn4j.api.nn.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trainer's checkpoint folder: training resumes from the latest {@link Checkpoint} there, and
 * after every epoch a new one replaces the previous. Without a folder both do nothing. Used by
 * the one thread that trains.
 */
final class CheckpointFolder {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFolder.class);

    private final Path directory;

    /** The folder {@code directory}, or none when it is null. */
    CheckpointFolder(Path directory) {
        this.directory = directory;
    }

    /**
     * Restores {@code model} and {@code optimizer} from the latest checkpoint, if any.
     *
     * @return the statistics of the epochs it holds (empty when there is none)
     */
    List<EpochStats> resume(Sequential model, Optimizer optimizer) {
        if (directory == null) {
            return List.of();
        }
        try {
            Optional<Path> latest = Checkpoint.latest(directory);
            if (latest.isEmpty()) {
                return List.of();
            }
            Checkpoint.Restored restored = Checkpoint.restore(latest.get(), model,
                    optimizer.stateTensors(model.parameters()));
            optimizer.restoreSteps(restored.optimizerSteps());
            LOG.info("Resuming after epoch {} from {}", restored.epoch(), latest.get());
            return restored.history();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes the checkpoint after {@code history.size()} epochs and drops the previous one. */
    void save(List<EpochStats> history, Sequential model, Optimizer optimizer) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Checkpoint.write(Checkpoint.fileFor(directory, history.size()), history, model,
                    optimizer.steps(), optimizer.stateTensors(model.parameters()));
            Files.deleteIfExists(Checkpoint.fileFor(directory, history.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}

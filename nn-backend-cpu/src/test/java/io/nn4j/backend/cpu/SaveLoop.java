package io.nn4j.backend.cpu;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link KillDuringSaveTest}: saves a model and a checkpoint into the folder
 * given as its argument, over and over, until it is killed. Not a test; runs alone.
 */
final class SaveLoop {
    private SaveLoop() {
    }

    /** Saves into {@code args[0]} forever. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        try (Backend backend = Backends.load("cpu");
             Sequential model = KillDuringSaveTest.network(backend);
             Adam adam = new Adam(0.01f)) {
            adam.stateTensors(model.parameters());
            while (true) {
                ModelFile.save(model, dir.resolve(KillDuringSaveTest.MODEL));
                Checkpoint.write(Checkpoint.fileFor(dir, 1), List.of(), model,
                        adam.steps(), adam.stateTensors(model.parameters()));
            }
        }
    }
}

package io.nn4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nn4j.api.Activation;
import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.io.Checkpoint;
import io.nn4j.api.io.ModelFile;
import io.nn4j.api.nn.Sequential;
import io.nn4j.api.train.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while saving: a child JVM ({@link SaveLoop}) saves a model and a checkpoint in a loop
 * and is killed at a random moment after its first complete save; the next save from this JVM
 * removes every temporary file it left, and both files load.
 */
class KillDuringSaveTest {
    static final String MODEL = "model.nn4j";
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;
    @TempDir
    Path logs;

    /** The network both JVMs save: big enough (about 0.8 MB) that a kill often lands mid-write. */
    static Sequential network(Backend backend) {
        return Sequential.builder(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
                .build(backend, 8);
    }

    private Process startSaveLoop() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SaveLoop.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("save-loop.log").toFile())
                .start();
    }

    private String log() {
        try {
            return Files.readString(logs.resolve("save-loop.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void theNextSaveRemovesWhatAKilledSaveLeft() throws Exception {
        Random random = new Random(21);
        Path model = dir.resolve(MODEL);
        Path checkpoint = Checkpoint.fileFor(dir, 1);
        try (Backend backend = Backends.load("cpu");
             Sequential network = network(backend);
             Adam adam = new Adam(0.01f)) {
            for (int round = 0; round < ROUNDS; round++) {
                Files.deleteIfExists(model);
                Files.deleteIfExists(checkpoint);
                Process child = startSaveLoop();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!(Files.exists(model) && Files.exists(checkpoint))) {
                    assertTrue(child.isAlive(), () -> "the saving JVM exited: " + log());
                    assertTrue(System.nanoTime() < deadline, "no save completed within 60 s");
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(40));
                child.destroyForcibly();
                child.waitFor();
                assertFalse(child.isAlive());
                // A temporary file the killed JVM may have left, made certain.
                Files.write(dir.resolve("." + MODEL + "." + child.pid() + ".1.tmp"), new byte[9]);

                ModelFile.save(network, model);
                Checkpoint.write(checkpoint, List.of(), network,
                        adam.steps(), adam.stateTensors(network.parameters()));
                assertEquals(List.of(), temporaries(), "round " + round);
                try (Sequential loaded = ModelFile.load(model, backend)) {
                    assertEquals(network.architecture(), loaded.architecture());
                }
                Checkpoint.restore(checkpoint, network,
                        adam.stateTensors(network.parameters()));
            }
        }
    }
}

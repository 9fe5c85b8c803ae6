package io.nn4j.bench;

import io.nn4j.api.Backend;
import io.nn4j.api.Backends;
import io.nn4j.api.Shape;
import io.nn4j.api.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The part every backend suite shares: the {@code backend} parameter, opening it once per trial,
 * and freeing what the suite made (newest first) and then the backend afterwards. A backend that
 * is unavailable fails its trial's setup with the reason; launchers avoid that by asking
 * {@link AvailableBackends} first. The run settings come from {@link TimedSuite}.
 */
public abstract class BackendBenchmark extends TimedSuite implements AutoCloseable {
    /** The backend under test, by provider name. */
    @Param({AvailableBackends.CPU, AvailableBackends.OPENCL})
    public String backend;

    /** The opened backend, valid between {@link #open()} and {@link #close()}. */
    protected Backend engine;

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** Opens the backend and prepares the inputs. */
    @Setup(Level.Trial)
    public final void open() {
        engine = Backends.load(backend);
        prepare();
    }

    /** Makes the suite's tensors and fills its inputs; called once per trial. */
    protected abstract void prepare();

    /** Takes {@code resource} to be closed at tear-down, and returns it. */
    protected final <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** A tensor holding {@code data}, closed at tear-down. */
    protected final Tensor tensor(float[] data, Shape shape) {
        return own(engine.fromArray(data, shape));
    }

    /** A zero tensor, closed at tear-down. */
    protected final Tensor zeros(Shape shape) {
        return own(engine.zeros(shape));
    }

    /**
     * Waits for the work queued on the backend to finish, so that a body's time includes it.
     *
     * @param result what the body returns
     * @return {@code result}
     */
    protected final Tensor finished(Tensor result) {
        engine.synchronize();
        return result;
    }

    /** Frees what {@link #prepare()} made, newest first, then closes the backend. */
    @TearDown(Level.Trial)
    @Override
    public final void close() throws Exception {
        while (!owned.isEmpty()) {
            owned.pop().close();
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}

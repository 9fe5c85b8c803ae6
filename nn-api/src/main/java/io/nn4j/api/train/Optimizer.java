package io.nn4j.api.train;

import io.nn4j.api.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their gradients after each backward pass, as one fused backend op
 * per parameter. An optimizer with state (momentum, Adam) keeps it on the parameters' backend
 * and frees it on {@link #close()}.
 */
public interface Optimizer extends AutoCloseable {

    /** Applies one update to every parameter from its current gradient. */
    void step(List<Parameter> parameters);

    /** Frees any optimizer state. */
    @Override
    void close();
}

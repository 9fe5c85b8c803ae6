package io.nn4j.onnx;

import java.nio.file.Path;

/**
 * A valid ONNX model that nn4j cannot express as a {@code Sequential}: another operator, a
 * second input, a non-float type, a branch, a shape it cannot resolve. The message names the
 * file, the node and its operator, and what nn4j expected there, e.g. {@code m.onnx: node
 * '/0/Conv' (Conv): operator Conv is not supported; expected Gemm, or MatMul then Add}.
 *
 * <p>Immutable once thrown: safe to share between threads, like any exception.
 */
public class UnsupportedOnnxModelException extends OnnxFormatException {
    private static final long serialVersionUID = 1L;

    /** The node's name, or its index ({@code #3}) when it has none; empty for the graph. */
    private final String node;
    /** The node's operator; empty when the problem is the graph's. */
    private final String operator;

    /**
     * A refusal naming the node and its operator.
     *
     * @param file the model file
     * @param node the node's name, or {@code #index} for a node without one; empty when the
     *     problem is the graph's (its inputs or outputs)
     * @param operator the node's operator; empty when the problem is the graph's
     * @param problem what nn4j cannot express and what it expected
     */
    public UnsupportedOnnxModelException(Path file, String node, String operator,
                                         String problem) {
        super(file, (node.isEmpty() ? "graph" : "node '" + node + "' (" + operator + ")") + ": "
                + problem);
        this.node = node;
        this.operator = operator;
    }

    /**
     * The node refused.
     *
     * @return its name, or {@code #index} when it has none; empty when the graph was refused
     */
    public String node() {
        return node;
    }

    /**
     * The refused node's operator.
     *
     * @return the operator, e.g. {@code Conv}; empty when the graph was refused
     */
    public String operator() {
        return operator;
    }
}

package io.nn4j.api.preprocess;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model carries besides its layers to map raw data to the network and back: a feature
 * scaler, a target scaler (regression) and the class names (classification), each optional.
 * A {@code Sequential} holds one in its {@code Architecture}, and its model file stores it.
 *
 * <p>Where each part is applied, so that nothing is silently inconsistent:
 * <ul>
 *   <li>{@code Sequential.predict} (all three forms) takes raw features and returns outputs in
 *       the targets' original units: the feature scaler before the first layer and the target
 *       scaler's inverse after the last, both on the backend;</li>
 *   <li>{@code Trainer.fit}, a {@code TrainingStep} and {@code Trainer.evaluate} take raw data
 *       sets and work on a scaled copy made once on the host, so the
 *       network trains on scaled features and scaled targets; their losses (training, test,
 *       evaluation) are in the scaled units, the loss that is minimized;</li>
 *   <li>the class names only label outputs: output {@code i} is class {@code classNames().get(i)}
 *       (for one sigmoid output, two names: below and above 0.5).</li>
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Preprocessing {
    /** No scaling and no class names: raw values in, the network's outputs out. */
    public static final Preprocessing NONE = new Preprocessing(null, null, List.of());

    private final Scaler features;
    private final Scaler targets;
    private final List<String> classNames;

    private Preprocessing(Scaler features, Scaler targets, List<String> classNames) {
        this.features = features;
        this.targets = targets;
        this.classNames = List.copyOf(classNames);
        if (new HashSet<>(this.classNames).size() != this.classNames.size()) {
            throw new IllegalArgumentException("the class names " + this.classNames + " name a "
                    + "class twice; expected distinct names");
        }
    }

    /**
     * Preprocessing of the given parts; {@code null} leaves a part out.
     *
     * @param features the feature scaler, or null
     * @param targets the target scaler, or null
     * @param classNames the class names by output index (as {@code ClassLabels.names()} gives
     *     them), or null or empty for none
     * @return the preprocessing
     * @throws IllegalArgumentException for a class named twice
     * @throws NullPointerException for a null name
     */
    public static Preprocessing of(Scaler features, Scaler targets, List<String> classNames) {
        List<String> names = classNames == null ? List.of() : classNames;
        return features == null && targets == null && names.isEmpty() ? NONE
                : new Preprocessing(features, targets, names);
    }

    /**
     * The scaler applied to the features, if any.
     *
     * @return the feature scaler, or empty
     */
    public Optional<Scaler> featureScaler() {
        return Optional.ofNullable(features);
    }

    /**
     * The scaler applied to the targets for training, its inverse to predictions, if any.
     *
     * @return the target scaler, or empty
     */
    public Optional<Scaler> targetScaler() {
        return Optional.ofNullable(targets);
    }

    /**
     * The names of the output classes: output {@code i} is class {@code classNames().get(i)}
     * ({@code ClassLabels.of(classNames())} maps them both ways).
     *
     * @return the class names by index, unmodifiable; empty when the model has none
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Checks the parts against a network's widths: the feature scaler as wide as the input,
     * the target scaler as the output, one class name per output (two for one output).
     *
     * @param inputSize features per input row
     * @param outputSize values per output row
     * @throws IllegalArgumentException naming the part and both widths
     */
    public void checkWidths(int inputSize, int outputSize) {
        if (features != null && features.width() != inputSize) {
            throw new IllegalArgumentException("the feature scaler has " + features.width()
                    + " columns; the network takes " + inputSize + " features");
        }
        if (targets != null && targets.width() != outputSize) {
            throw new IllegalArgumentException("the target scaler has " + targets.width()
                    + " columns; the network has " + outputSize + " outputs");
        }
        if (!classNames.isEmpty() && classNames.size() != outputSize
                && !(outputSize == 1 && classNames.size() == 2)) {
            throw new IllegalArgumentException(classNames.size() + " class names "
                    + classNames + "; the network has " + outputSize + " outputs (expected as "
                    + "many names, or 2 for one output)");
        }
    }

    /**
     * Equal when every part is equal.
     *
     * @param other any object
     * @return whether {@code other} preprocesses exactly as this
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Preprocessing p && Objects.equals(p.features, features)
                && Objects.equals(p.targets, targets) && Objects.equals(p.classNames,
                classNames);
    }

    /**
     * A hash of the parts.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(features, targets, classNames);
    }

    /**
     * The parts present, e.g. {@code features: standard scaler of 4 columns, classes: [a, b]},
     * or {@code none}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (features != null) {
            s.append("features: ").append(features);
        }
        if (targets != null) {
            s.append(s.isEmpty() ? "" : ", ").append("targets: ").append(targets);
        }
        if (!classNames.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append("classes: ").append(classNames);
        }
        return s.isEmpty() ? "none" : s.toString();
    }
}

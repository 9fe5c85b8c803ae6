package io.nn4j.api.train;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class names of a classification task and their indices: index {@code i} of a model's
 * output (or of a sparse target) is the class {@link #name(int) name(i)}. Kept with the data
 * it was made from (nn-data's CSV loader returns it), and with the model trained on it, so
 * that predictions can be read back as names and a second file (test rows, new rows to
 * predict) is mapped the same way.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ClassLabels {
    private final List<String> names;
    private final Map<String, Integer> indices = new HashMap<>();

    private ClassLabels(List<String> names) {
        this.names = List.copyOf(names);
        if (this.names.isEmpty()) {
            throw new IllegalArgumentException("no class names; expected at least 1");
        }
        for (int i = 0; i < this.names.size(); i++) {
            Integer before = indices.put(this.names.get(i), i);
            if (before != null) {
                throw new IllegalArgumentException("class '" + this.names.get(i)
                        + "' is named twice, at indices " + before + " and " + i
                        + "; expected distinct names");
            }
        }
    }

    /**
     * The classes in this order: {@code names.get(i)} is class {@code i}.
     *
     * @param names the class names, by index; copied
     * @return the classes
     * @throws IllegalArgumentException for no names or a name given twice
     */
    public static ClassLabels of(List<String> names) {
        return new ClassLabels(names);
    }

    /**
     * The distinct names among {@code names} in sorted order ({@link String#compareTo}), as
     * the CSV loader maps them: the same classes give the same indices whatever order the rows
     * come in.
     *
     * @param names the class name of each row, in any order, repeats allowed
     * @return the distinct classes, sorted
     * @throws IllegalArgumentException for no names
     */
    public static ClassLabels sorted(Collection<String> names) {
        return new ClassLabels(List.copyOf(new TreeSet<>(names)));
    }

    /**
     * The number of classes.
     *
     * @return the number of classes, at least 1
     */
    public int size() {
        return names.size();
    }

    /**
     * The class names, by index.
     *
     * @return the names, an unmodifiable list
     */
    public List<String> names() {
        return names;
    }

    /**
     * The name of class {@code index}, e.g. of a model's most probable output.
     *
     * @param index a class index
     * @return its name
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
     */
    public String name(int index) {
        return names.get(index);
    }

    /**
     * The index of the class called {@code name}.
     *
     * @param name a class name
     * @return its index
     * @throws IllegalArgumentException for a name that is not one of these classes, listing them
     */
    public int index(String name) {
        Integer index = indices.get(name);
        if (index == null) {
            throw new IllegalArgumentException("'" + name + "' is not one of the classes "
                    + names);
        }
        return index;
    }

    /**
     * Whether {@code name} is one of these classes.
     *
     * @param name a class name
     * @return whether it is one of these classes
     */
    public boolean contains(String name) {
        return indices.containsKey(name);
    }

    /**
     * Equal when the same names have the same indices.
     *
     * @param other any object
     * @return whether {@code other} is a {@code ClassLabels} of the same names in the same order
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClassLabels labels && labels.names.equals(names);
    }

    /**
     * A hash of the names in order.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /**
     * The names in index order, e.g. {@code [setosa, versicolor, virginica]}.
     *
     * @return the names, as a list prints them
     */
    @Override
    public String toString() {
        return names.toString();
    }
}

package io.nn4j.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Class names to indices and back: sorted or in a given order, names given twice refused. */
class ClassLabelsTest {
    @Test
    void classLabelsMapBothWays() {
        ClassLabels labels = ClassLabels.sorted(List.of("b", "a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), labels.names());
        assertEquals(3, labels.size());
        assertEquals(1, labels.index("b"));
        assertEquals("c", labels.name(2));
        assertTrue(labels.contains("a"));
        assertFalse(labels.contains("d"));
        assertEquals("'d' is not one of the classes [a, b, c]",
                assertThrows(IllegalArgumentException.class, () -> labels.index("d"))
                        .getMessage());
        assertEquals("class 'a' is named twice, at indices 0 and 2; expected distinct names",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassLabels.of(List.of("a", "b", "a"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.sorted(List.of()));
    }

    @Test
    void equalWhenTheSameNamesHaveTheSameIndices() {
        ClassLabels sorted = ClassLabels.sorted(List.of("y", "x"));
        assertEquals(ClassLabels.of(List.of("x", "y")), sorted);
        assertEquals(ClassLabels.of(List.of("x", "y")).hashCode(), sorted.hashCode());
        assertNotEquals(ClassLabels.of(List.of("y", "x")), sorted);
    }
}

package io.nn4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's log line: what logback's pattern {@code %d{HH:mm:ss.SSS} %-5level ...} wrote. */
class DemoLogLayoutTest {
    private final LoggerContext context = new LoggerContext();

    @ParameterizedTest
    @ValueSource(longs = {0L, 1_796_563_229_042L, 1_796_600_000_999L, -86_400_001L})
    void theTimeOfDayIsTheDefaultZonesToTheMillisecond(long epochMillis) {
        String line = layout(event(Level.INFO, "io.nn4j.api.Backends", "ready", null,
                epochMillis));
        String expected = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault()).format(Instant.ofEpochMilli(epochMillis));
        assertEquals(expected + " INFO  Backends - ready" + System.lineSeparator(), line);
    }

    @Test
    void theLevelIsPaddedToFiveAndTheLoggerShortenedToItsSimpleName() {
        String line = layout(event(Level.WARN, "Plain", "disk {} full", new Object[] {"/a"}, 0));
        assertEquals(" WARN  Plain - disk /a full" + System.lineSeparator(), line.substring(12));
        String error = layout(event(Level.ERROR, "a.b.C", "x", null, 0));
        assertTrue(error.substring(12).startsWith(" ERROR C - x"), error);
    }

    @Test
    void aThrowableFollowsWithItsStackTrace() {
        LoggingEvent event = event(Level.ERROR, "a.B", "failed", null, 0);
        event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("broken")));
        String[] lines = layout(event).split(System.lineSeparator());
        assertEquals(" ERROR B - failed", lines[0].substring(12));
        assertEquals("java.lang.IllegalStateException: broken", lines[1]);
        assertTrue(lines[2].strip().startsWith("at io.nn4j.mnist.DemoLogLayoutTest"), lines[2]);
    }

    private LoggingEvent event(Level level, String logger, String message, Object[] arguments,
                               long epochMillis) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName(logger);
        event.setLevel(level);
        event.setMessage(message);
        event.setArgumentArray(arguments);
        event.setTimeStamp(epochMillis);
        event.setLoggerContext(context);
        return event;
    }

    private String layout(LoggingEvent event) {
        DemoLogLayout layout = new DemoLogLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }
}

package io.nn4j.mnist;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.TimeZone;

/**
 * One line per log event, as logback's pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{0} -
 * %msg%n} writes it, and the stack trace of its throwable below. Written out rather than parsed
 * from that pattern: the pattern's parser, converters and date formatter cost about 50 ms of
 * every start of the demo, more than all the events it ever logs.
 *
 * <p>Safe to share between threads, as logback needs (its appender encodes events outside its
 * lock): each call builds its line alone, and the only field, the default time zone read once,
 * is only read.
 */
final class DemoLogLayout extends LayoutBase<ILoggingEvent> {
    private static final int MILLIS_PER_DAY = 86_400_000;
    private static final int LEVEL_WIDTH = 5;

    private final TimeZone zone = TimeZone.getDefault();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        appendTimeOfDay(line, event.getTimeStamp());
        String level = event.getLevel().toString();
        line.append(' ').append(level);
        line.append(" ".repeat(Math.max(0, LEVEL_WIDTH - level.length())));
        String logger = event.getLoggerName();
        line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length());
        line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown));
        }
        return line.toString();
    }

    /** Appends {@code HH:mm:ss.SSS} of {@code epochMillis} in the default time zone. */
    private void appendTimeOfDay(StringBuilder line, long epochMillis) {
        long local = epochMillis + zone.getOffset(epochMillis);
        int millis = (int) Math.floorMod(local, (long) MILLIS_PER_DAY);
        appendTwoDigits(line, millis / 3_600_000).append(':');
        appendTwoDigits(line, millis / 60_000 % 60).append(':');
        appendTwoDigits(line, millis / 1000 % 60).append('.');
        int fraction = millis % 1000;
        line.append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10))
                .append((char) ('0' + fraction % 10));
    }

    private static StringBuilder appendTwoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}

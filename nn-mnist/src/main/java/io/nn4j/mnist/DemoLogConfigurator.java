package io.nn4j.mnist;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The demo's log, set up in code rather than from an XML file (parsing one costs about a fifth
 * of a second of every start): INFO and above to standard error, one compact line per event
 * ({@link DemoLogLayout}),
 * netlib's announcement of its BLAS at WARN (the {@code backends} command says it already), and
 * java.util.logging's levels kept in step so that bridged calls stay cheap. Logback finds it
 * through {@code META-INF/services}. A {@code logback.configurationFile} property or a
 * {@code logback-test.xml} on the class path (the tests') is left to logback's own
 * configuration.
 *
 * <p>Logback calls it once, when logging starts; not meant for other use.
 */
public final class DemoLogConfigurator extends ContextAwareBase implements Configurator {
    /** Made by logback's service lookup. */
    public DemoLogConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || DemoLogConfigurator.class.getClassLoader().getResource("logback-test.xml")
                != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.start();
        context.addListener(propagator);

        DemoLogLayout layout = new DemoLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger("dev.ludovic.netlib").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

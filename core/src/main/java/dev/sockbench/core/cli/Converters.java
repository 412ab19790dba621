package dev.sockbench.core.cli;

import dev.sockbench.core.handler.HandlerKind;
import dev.sockbench.core.handler.Work;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for sockbench's option types, so every command parses the same way. Use
 * with {@code @Option(converter = Converters.DurationConverter.class)}; a malformed value becomes
 * picocli's one-line parameter error and exit code 2.
 */
public final class Converters {
    private Converters() {}

    /**
     * Applies {@code parse}, turning its {@link IllegalArgumentException} into picocli's
     * conversion error, so the user sees the parser's own one-line message and no exception name.
     * For the converters of other modules' types too.
     */
    public static <T> T parsed(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large");
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code 30s}, {@code 500ms}, ... to a {@link Duration}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parsed(value, v -> Duration.ofNanos(Units.parseDurationNs(v)));
        }
    }

    /** {@code 10k} to 10000; must fit an int. */
    public static final class IntCountConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parsed(value, v -> Math.toIntExact(Units.parseCount(v)));
        }
    }

    /** {@code 10k} to 10000.0 (per second). */
    public static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parsed(value, Units::parseRate);
        }
    }

    /** A share of a whole: {@code 2%} or {@code 0.02} to 0.02; between 0 and 1. */
    public static final class ShareConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parsed(value, v -> {
                String text = v.strip();
                boolean percent = text.endsWith("%");
                double share;
                try {
                    share = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text)
                            / (percent ? 100 : 1);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a share; expected e.g. 2% or 0.02");
                }
                if (!(share >= 0 && share <= 1)) {
                    throw new IllegalArgumentException("'" + v + "' is not between 0 and 100%");
                }
                return share;
            });
        }
    }

    /** {@code 4KiB} to 4096; must fit an int. */
    public static final class BytesConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parsed(value, v -> Math.toIntExact(Units.parseBytes(v)));
        }
    }

    public static final class TransportConverter implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            return parsed(value, Transport::fromId);
        }
    }

    public static final class FramingConverter implements ITypeConverter<Framing> {
        @Override
        public Framing convert(String value) {
            return parsed(value, Framing::fromId);
        }
    }

    public static final class EndpointConverter implements ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            return parsed(value, Endpoint::parse);
        }
    }

    public static final class HandlerConverter implements ITypeConverter<HandlerKind> {
        @Override
        public HandlerKind convert(String value) {
            return parsed(value, HandlerKind::fromId);
        }
    }

    public static final class WorkConverter implements ITypeConverter<Work> {
        @Override
        public Work convert(String value) {
            return parsed(value, Work::parse);
        }
    }
}

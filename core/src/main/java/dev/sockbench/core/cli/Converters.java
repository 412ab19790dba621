package dev.sockbench.core.cli;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * picocli converters for sockbench's option types, so every command parses the same way. Use
 * with {@code @Option(converter = Converters.DurationConverter.class)}; a malformed value becomes
 * picocli's one-line parameter error and exit code 2.
 */
public final class Converters {
    private Converters() {}

    /** {@code 30s}, {@code 500ms}, ... to a {@link Duration}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofNanos(Units.parseDurationNs(value));
        }
    }

    /** {@code 10k} to 10000; must fit an int. */
    public static final class IntCountConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Math.toIntExact(Units.parseCount(value));
        }
    }

    /** {@code 10k} to 10000.0 (per second). */
    public static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return Units.parseRate(value);
        }
    }

    /** {@code 4KiB} to 4096; must fit an int. */
    public static final class BytesConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Math.toIntExact(Units.parseBytes(value));
        }
    }

    public static final class TransportConverter implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            return Transport.fromId(value);
        }
    }

    public static final class FramingConverter implements ITypeConverter<Framing> {
        @Override
        public Framing convert(String value) {
            return Framing.fromId(value);
        }
    }

    public static final class EndpointConverter implements ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            return Endpoint.parse(value);
        }
    }
}

package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * Failed requests and connections of a case, by kind.
 *
 * @param connect connections that could not be opened
 * @param read reads that failed or found the connection closed by the server
 * @param write writes that failed
 * @param timeout requests with no echo within the timeout
 * @param verify echoes that came back wrong: bad length, body CRC or sequence
 */
public record ErrorCounts(long connect, long read, long write, long timeout, long verify) {
    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0, 0, 0);

    @JsonIgnore
    public long total() {
        return connect + read + write + timeout + verify;
    }

    public ErrorCounts plus(ErrorCounts other) {
        return new ErrorCounts(
                connect + other.connect,
                read + other.read,
                write + other.write,
                timeout + other.timeout,
                verify + other.verify);
    }

    /** One line for people: {@code "connect 0, read 2, write 0, timeout 1, verify 0"}. */
    public String breakdown() {
        return String.format(
                Locale.ROOT,
                "connect %d, read %d, write %d, timeout %d, verify %d",
                connect,
                read,
                write,
                timeout,
                verify);
    }
}

package dev.sockbench.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The process line protocol: the exact wire text, round trips, and what each reader rejects. */
class ProcessLinesTest {
    private static final Endpoint TCP = Endpoint.inet(Transport.TCP, "127.0.0.1", 40123);
    private static final ResourceUsage USAGE = new ResourceUsage(812_000, 1_604_000, 150_000, 2_000, 3, 5);

    @Test
    void theWireTextIsVersionOne() {
        assertThat(ProcessLines.listening(TCP)).isEqualTo("LISTENING tcp://127.0.0.1:40123");
        assertThat(ProcessLines.usageRequest()).isEqualTo("USAGE");
        assertThat(ProcessLines.usageReply(USAGE))
                .isEqualTo("USAGE userCpuUs=812000 sysCpuUs=1604000 voluntaryCtxSwitches=150000"
                        + " involuntaryCtxSwitches=2000 acceptFailures=3 malformedRequests=5");
        assertThat(ProcessLines.phase(Phase.WARMUP)).isEqualTo("PHASE warmup");
        assertThat(ProcessLines.phase(Phase.MEASURE)).isEqualTo("PHASE measure");
        assertThat(ProcessLines.phase(Phase.DONE)).isEqualTo("PHASE done");
    }

    @Test
    void listeningRoundTripsTcpAndUnixEndpoints() {
        Endpoint unix = Endpoint.unix(Transport.UNIX_STREAM, Path.of("/tmp/sock bench/echo.sock"));
        assertThat(ProcessLines.parseListening(ProcessLines.listening(TCP))).contains(TCP);
        assertThat(ProcessLines.parseListening(ProcessLines.listening(unix))).contains(unix);
    }

    @Test
    void usageRoundTripsAndTheRequestIsRecognisedWithBlanksAround() {
        assertThat(ProcessLines.parseUsageReply(ProcessLines.usageReply(USAGE))).contains(USAGE);
        assertThat(ProcessLines.isUsageRequest(ProcessLines.usageRequest())).isTrue();
        assertThat(ProcessLines.isUsageRequest("  USAGE \r")).isTrue();
        assertThat(ProcessLines.isUsageRequest("HELP")).isFalse();
        assertThat(ProcessLines.isUsageRequest("usage")).isFalse();
        assertThat(ProcessLines.isUsageRequest(ProcessLines.usageReply(USAGE))).isFalse();
    }

    @Test
    void aUsageReplyMayCarryFieldsThisReaderDoesNotKnow() {
        String later = ProcessLines.usageReply(USAGE) + " majorFaults=7";
        assertThat(ProcessLines.parseUsageReply(later)).contains(USAGE);
    }

    @Test
    void aUsageReplyFromBeforeTheServerCountsReadsThemAsZero() {
        String earlier =
                "USAGE userCpuUs=812000 sysCpuUs=1604000 voluntaryCtxSwitches=150000 involuntaryCtxSwitches=2000";
        assertThat(ProcessLines.parseUsageReply(earlier))
                .contains(new ResourceUsage(812_000, 1_604_000, 150_000, 2_000));
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void phaseRoundTrips(Phase phase) {
        assertThat(ProcessLines.parsePhase(ProcessLines.phase(phase))).contains(phase);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fake server: starting", "LISTENINGtcp://127.0.0.1:1", "PHASES done", "usage 1"})
    void linesOfNoKindAreNoneOfTheKinds(String line) {
        assertThat(ProcessLines.parseListening(line)).isEmpty();
        assertThat(ProcessLines.parseUsageReply(line)).isEmpty();
        assertThat(ProcessLines.parsePhase(line)).isEmpty();
    }

    @Test
    void eachReaderLeavesTheOtherKindsAlone() {
        String listening = ProcessLines.listening(TCP);
        String reply = ProcessLines.usageReply(USAGE);
        String phase = ProcessLines.phase(Phase.DONE);
        assertThat(ProcessLines.parseListening(reply)).isEmpty();
        assertThat(ProcessLines.parseListening(phase)).isEmpty();
        assertThat(ProcessLines.parseUsageReply(listening)).isEmpty();
        assertThat(ProcessLines.parseUsageReply(phase)).isEmpty();
        assertThat(ProcessLines.parsePhase(listening)).isEmpty();
        assertThat(ProcessLines.parsePhase(reply)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "LISTENING                                                  | 'LISTENING' has no endpoint",
                "LISTENING carrier-pigeon://roof                            | unknown scheme 'carrier-pigeon'",
                "USAGE                                                      | no userCpuUs in 'USAGE'",
                "USAGE userCpuUs=1 sysCpuUs=2 voluntaryCtxSwitches=3        | no involuntaryCtxSwitches in",
                "USAGE userCpuUs=1 sysCpuUs=lots voluntaryCtxSwitches=3 involuntaryCtxSwitches=4"
                        + " | sysCpuUs 'lots' is not a number",
                "PHASE sideways | unknown phase 'sideways'; accepted: warmup, measure, done",
                "PHASE          | unknown phase ''"
            })
    void aMalformedLineOfAKindIsRejectedWithTheReason(String line, String reason) {
        // Every reader is asked: the one of the line's kind rejects it, the others pass it by.
        assertThatThrownBy(() -> {
                    ProcessLines.parseListening(line);
                    ProcessLines.parseUsageReply(line);
                    ProcessLines.parsePhase(line);
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}

package dev.sockbench.loadgen.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.LoadSpec;
import dev.sockbench.loadgen.engine.LoadPlan;
import dev.sockbench.loadgen.engine.Mode;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.Slo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resolving options into the spec the generator runs: the defaults, and the rules of each shape. */
class LoadOptionsTest {
    private static final long S = 1_000_000_000L;

    private static LoadSpec resolve(Transport transport, String... args) {
        return LoadOptions.parse(List.of(args)).resolve(transport);
    }

    @Test
    void nothingSetIsAClosedLoopOfTenConnectionsWithTheDocumentedDefaults() {
        LoadSpec spec = resolve(Transport.TCP, "-t", "2");

        assertThat(spec)
                .isEqualTo(new LoadSpec(
                        new LoadShape.Closed(10, 1), Transport.TCP, Framing.LENGTH, 64, 2, 3 * S, 10 * S, S, 1, 0));
    }

    @Test
    void defaultsThatDependOnTheShapeAndTheTransport() {
        // The stream shape fills 1 MiB per stream connection, 64 KiB per datagram socket.
        LoadSpec tcpStream = resolve(Transport.TCP, "-s", "stream");
        assertThat(tcpStream.payloadBytes()).isEqualTo(64 << 10);
        assertThat(tcpStream.shape().depth()).isEqualTo(16);
        LoadSpec udpStream = resolve(Transport.UDP, "-s", "stream");
        assertThat(udpStream.payloadBytes()).isEqualTo(8 << 10);
        assertThat(udpStream.shape().depth()).isEqualTo(8);
        // Paced shapes keep many datagrams in flight, one stream request.
        assertThat(resolve(Transport.UNIX_DGRAM, "-s", "open", "-R", "1k").shape())
                .isEqualTo(new LoadShape.Open(10, 1024, 1000, Arrival.CONSTANT));
        assertThat(resolve(Transport.UNIX_STREAM, "-s", "open", "-R", "1k")
                        .shape()
                        .depth())
                .isEqualTo(1);
        assertThat(resolve(Transport.TCP, "-s", "sweep").shape())
                .isEqualTo(new LoadShape.Sweep(10, 1, 1000, Arrival.CONSTANT, Slo.parse("p99=1ms"), 2, 1e7, 3));
        assertThat(resolve(Transport.TCP, "-s", "ping-pong", "-t", "4").threads())
                .isEqualTo(1); // at most one thread per connection
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -s closed -R 1k                    | tcp        | --rate does not apply to closed, a closed loop; use --shape open, sweep, idle for a rate
            -s stream -R 1k                    | tcp        | --rate does not apply to stream
            -s open                            | tcp        | open needs --rate (-R)
            -s idle -R 1k                      | tcp        | idle needs --idle N
            -s idle -R 1k --idle 5             | udp        | idle needs a stream transport
            -s open -R 1k --idle 5             | tcp        | --idle applies only to --shape idle
            -s churn --catch-up 2              | tcp        | --catch-up does not apply to churn, a closed loop; only to open, sweep, capacity, idle
            -s open -R 1k --catch-up 1         | tcp        | --catch-up must be > 1, got 1
            -s capacity -R 1k                  | tcp        | --rate does not apply to capacity
            -s capacity --refine 0             | tcp        | capacity needs --refine >= 1
            -s ping-pong -c 2                  | tcp        | ping-pong uses one connection
            -s churn --depth 2                 | tcp        | churn sends one request per connection
            -s sweep -R 2k --max-rate 1k       | tcp        | --max-rate 1000.0 is below the start rate 2000.0
            -s closed --step-factor 0.5        | tcp        | --step-factor must be > 1, got 0.5
            -R 0 -s open                       | tcp        | --rate must be > 0, got 0
            -c 0                               | tcp        | --connections must be >= 1, got 0
            -d 0s                              | tcp        | --duration must be > 0
            --payload 8                        | tcp        | --payload 8 is smaller than the 16-byte header
            --payload 70000                    | udp        | --payload 70000 is larger than udp allows here
            --depth 65537                      | tcp        | --depth must be in 1..65536, got 65537
            --depth 2048 --payload 64KiB       | unix-stream | --depth x --payload is 134217728 bytes in flight per connection
            """)
    void eachRuleIsOneLineNamingTheOption(String args, String transport, String message) {
        LoadOptions options = LoadOptions.parse(List.of(args.trim().split("\\s+")));

        assertThatThrownBy(() -> options.resolve(Transport.fromId(transport)))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(message).doesNotContain("\n"));
    }

    @Test
    void catchUpIsCarriedIntoThePlanOfEveryPacedRunAndIsOffWhenNotSet() {
        Endpoint target = Endpoint.parse("tcp://127.0.0.1:7007");

        LoadPlan open = resolve(Transport.TCP, "-s", "open", "-R", "1k", "--catch-up", "2")
                .plan(target, null);
        assertThat(open.mode()).isEqualTo(Mode.PACED);
        assertThat(open.catchUpFactor()).isEqualTo(2.0);
        LoadPlan sweep =
                resolve(Transport.TCP, "-s", "sweep", "--catch-up", "1.5").plan(target, null);
        assertThat(sweep.paced(4_000, sweep.arrival(), 0, sweep.durationNs()).catchUpFactor())
                .isEqualTo(1.5); // every step
        assertThat(resolve(Transport.TCP, "-s", "open", "-R", "1k")
                        .plan(target, null)
                        .catchUpFactor())
                .isZero();
    }

    @Test
    void aPlanIsForATargetOfTheTransportTheSpecWasResolvedFor() {
        LoadSpec udp = resolve(Transport.UDP);

        assertThatThrownBy(() -> udp.plan(Endpoint.parse("tcp://127.0.0.1:7007"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterOccurrenceOverridesAnEarlierOneAsACaseOverridesItsSuitesDefaults() {
        LoadOptions options = LoadOptions.parse(List.of("--rate=1k", "-c", "4", "--rate=5k"));

        assertThat(options.rate()).isEqualTo(5000.0);
        assertThat(options.connections()).isEqualTo(4);
        assertThat(options.shape()).isNull(); // not set: resolve() decides
    }

    @Test
    void aMalformedValueIsOneLineNamingTheOption() {
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--slo=p99")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Invalid value for option '--slo': malformed objective 'p99'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--shape", "zigzag")))
                .hasMessageContaining("unknown shape 'zigzag'; accepted: ping-pong, closed, open");
    }

    @Test
    void aCopyIsIndependent() {
        LoadOptions original = new LoadOptions().connections(4);
        LoadOptions copy = original.copy();

        copy.connections(8);

        assertThat(original.connections()).isEqualTo(4);
        assertThat(copy).isNotEqualTo(original).isEqualTo(new LoadOptions().connections(8));
    }
}

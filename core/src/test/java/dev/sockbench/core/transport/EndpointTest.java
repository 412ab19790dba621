package dev.sockbench.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:7007", "udp://[::1]:0", "unix:///tmp/e.sock", "unix-dgram:///tmp/d.sock"})
    void printsWhatItParses(String text) {
        assertThat(Endpoint.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void unixStreamSchemeIsASynonym() {
        Endpoint e = Endpoint.parse("unix-stream:///tmp/x.sock");
        assertThat(e.transport()).isEqualTo(Transport.UNIX_STREAM);
        assertThat(e.path()).isEqualTo(Path.of("/tmp/x.sock"));
        assertThat(e.socketAddress()).isEqualTo(UnixDomainSocketAddress.of("/tmp/x.sock"));
    }

    @Test
    void ipv6HostIsUnbracketedAndResolves() {
        Endpoint e = Endpoint.parse("tcp://[::1]:9");
        assertThat(e.host()).isEqualTo("::1");
        assertThat(((InetSocketAddress) e.socketAddress()).getAddress().isLoopbackAddress())
                .isTrue();
        assertThat(e.isLocal()).isTrue();
    }

    @Test
    void withPortKeepsTheRest() {
        assertThat(Endpoint.parse("tcp://127.0.0.1:0").withPort(40123).toString())
                .isEqualTo("tcp://127.0.0.1:40123");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "127.0.0.1:80      | malformed endpoint '127.0.0.1:80'; expected tcp://HOST:PORT, udp://HOST:PORT, unix:///PATH or unix-dgram:///PATH",
                "http://x:1        | unknown scheme 'http' in 'http://x:1'; expected tcp://HOST:PORT",
                "tcp://127.0.0.1   | endpoint 'tcp://127.0.0.1' needs HOST:PORT; expected tcp://HOST:PORT",
                "tcp://127.0.0.1:x | port 'x' in 'tcp://127.0.0.1:x' is not a number",
                "tcp://::1:80      | IPv6 address in 'tcp://::1:80' must be bracketed, e.g. tcp://[::1]:7007",
                "tcp://h:70000     | port 70000 in 'tcp://h:70000' is out of range 0..65535",
                "unix://           | endpoint 'unix://' has no socket path; expected tcp://HOST:PORT"
            })
    void malformedInputGetsOneLineQuotingItAndSayingWhatIsWrong(String text, String expected) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownTransportNamesTheAcceptedIds() {
        assertThatThrownBy(() -> Transport.fromId("sctp"))
                .hasMessage("unknown transport 'sctp'; accepted: tcp, udp, unix-stream, unix-dgram");
    }
}

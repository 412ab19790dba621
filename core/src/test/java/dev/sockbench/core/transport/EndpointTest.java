package dev.sockbench.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
    @ValueSource(
            strings = {
                "127.0.0.1:80",
                "http://x:1",
                "tcp://127.0.0.1",
                "tcp://127.0.0.1:x",
                "tcp://::1:80",
                "tcp://h:70000",
                "unix://"
            })
    void malformedInputGetsOneLineNamingTheForms(String text) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(text.isEmpty() ? "" : ""));
    }

    @Test
    void unknownTransportNamesTheAcceptedIds() {
        assertThatThrownBy(() -> Transport.fromId("sctp"))
                .hasMessage("unknown transport 'sctp'; accepted: tcp, udp, unix-stream, unix-dgram");
    }
}

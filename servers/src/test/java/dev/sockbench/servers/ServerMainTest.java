package dev.sockbench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Bad input never starts a server: one line on stderr naming the problem, exit 2, nothing on stdout. */
class ServerMainTest {
    @TempDir
    static Path folder;

    static List<Arguments> badInput() {
        String longPath = folder.resolve("x".repeat(120)).toString();
        return List.of(
                Arguments.of(List.of("-m", "nope"), "unknown model 'nope'; accepted: blocking-platform"),
                Arguments.of(List.of("-m", "nio-epoll", "-T", "sctp"), "unknown transport 'sctp'; accepted: tcp"),
                Arguments.of(List.of("-m", "nio2-async", "-T", "udp"), "nio2-async cannot serve udp here: n/a: "),
                Arguments.of(List.of("-m", "nio-epoll", "--path", "/tmp/x.sock"), "--path applies to unix"),
                Arguments.of(List.of("-m", "nio-epoll", "-T", "unix-stream", "-p", "7"), "--port applies to tcp"),
                Arguments.of(List.of("-m", "nio-epoll", "-T", "unix-stream", "--path", longPath), "at most 107"),
                Arguments.of(
                        List.of("-m", "nio-epoll", "-T", "unix-stream", "--path", folder + "/no/echo.sock"),
                        "does not exist"),
                Arguments.of(List.of("-m", "nio-epoll", "--max-frame", "lots"), "malformed size 'lots'"),
                Arguments.of(List.of("-m", "nio-epoll", "--max-frame", "8"), "below the payload header"),
                Arguments.of(List.of("-m", "nio-epoll", "--threads", "-1"), "--threads must be 0"),
                Arguments.of(List.of("-m", "nio-epoll", "-p", "70000"), "out of range"),
                Arguments.of(List.of("-m", "nio-epoll", "--handler", "xml"), "unknown handler 'xml'; accepted: echo"),
                Arguments.of(List.of("-m", "nio-epoll", "--work", "cpu=lots"), "malformed work 'cpu=lots'"),
                Arguments.of(List.of("-m", "nio-epoll", "--offload", "-1"), "--offload must be in 0..1024"),
                Arguments.of(List.of("-m", "nio-epoll", "-T", "udp", "--handler", "json"), "need length framing"),
                Arguments.of(List.of("-m", "ffm-epoll-et", "-T", "udp", "--offload", "2"), "need length framing"),
                Arguments.of(List.of("-m", "nio-epoll", "--framing", "raw", "--work", "cpu=20us"), "need length"),
                Arguments.of(
                        List.of("-m", "blocking-pool", "--work", "block=2ms", "--offload", "2"),
                        "--offload applies to the event-loop models"),
                Arguments.of(
                        List.of("-m", "native-epoll", "--handler", "json"),
                        "the native reference serves the plain echo only"),
                Arguments.of(List.of("--transport", "tcp"), "Missing required option: '--model=ID'"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineAndExitTwo(List<String> args, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new ServerMain());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        assertThat(cl.execute(args.toArray(String[]::new))).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .startsWith("sockbench: ")
                .contains(expected);
        assertThat(out.toString()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nonLoopbackBindIsWarnedAbout() {
        // 192.0.2.1 (TEST-NET-1) is never this machine's: the bind fails, so nothing is exposed.
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new ServerMain());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("-m", "nio-epoll", "--bind", "192.0.2.1")).isEqualTo(Cli.EXIT_BAD_INPUT);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("warning", "192.0.2.1", "not a loopback address");
        assertThat(lines.get(1)).startsWith("sockbench: cannot serve on tcp://192.0.2.1:0");
    }
}

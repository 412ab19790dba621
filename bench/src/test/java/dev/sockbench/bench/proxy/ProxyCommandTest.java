package dev.sockbench.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.bench.cli.SockbenchMain;
import dev.sockbench.core.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code sockbench proxy}'s bad input: one line, exit 2, nothing started. */
class ProxyCommandTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--target udp://127.0.0.1:7 --drop 150%         | not between 0 and 100%",
                "--target udp://127.0.0.1:7 --drop often        | not a share",
                "--target udp://127.0.0.1:7 --drop 60% --delay 0.5 | add up to more than 100%",
                "--target tcp://127.0.0.1:7                     | passes datagrams",
                "--target udp://127.0.0.1:7 --listen unix-dgram:///tmp/x.sock | both must be the same",
                "--drop 1%                                      | --target"
            })
    void badInputIsOneLineAndExitTwo(String args, String expected) {
        StringWriter err = new StringWriter();
        CommandLine cli = SockbenchMain.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] argv = ("proxy " + args.strip()).split("\\s+");

        assertThat(cli.execute(argv)).isEqualTo(Cli.EXIT_BAD_INPUT);
        assertThat(err.toString().lines())
                .singleElement()
                .asString()
                .startsWith("sockbench: ")
                .contains(expected);
    }
}

package course.tests;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every script's bad inputs, from the one table in {@code bad-inputs.tsv}: each must answer with one line
 * that names the problem, a non-zero exit, no stack trace, and nothing left half-written on disk.
 */
class BadInputTest {

    static Stream<Arguments> badInputs() throws Exception {
        try (InputStream in = BadInputTest.class.getResourceAsStream("/bad-inputs.tsv")) {
            String table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return table.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).map(cells -> {
                if (cells.length != 3 && cells.length != 4) throw new IllegalArgumentException("bad-inputs.tsv: not 3 or 4 cells: " + Arrays.toString(cells));
                return Arguments.of(cells[0], List.of(cells[1].trim().split(" +")), cells[2], cells.length == 4 ? Integer.parseInt(cells[3].trim()) : 0);
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInputs")
    @Timeout(120)
    void answersWithOneLineAndANonZeroExit(String alias, List<String> args, String expected, int exit) throws Exception {
        Path dir = Files.createTempDirectory("course-bad-input");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path aFile = Files.writeString(dir.resolve("a-file"), "a file where a folder should be");
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var command = new ArrayList<String>();
            command.add(alias);
            for (String arg : args) {
                command.add(arg.replace("IN_USE", String.valueOf(taken.getLocalPort())).replace("A_FILE", aFile.toString()));
            }
            if (!args.contains("--out") && Course.usage(alias).contains("--out")) command.addAll(List.of("--out", out.toString()));
            var run = Course.jbang(Duration.ofSeconds(90), command.toArray(String[]::new));
            assertNotEquals(0, run.exit(), run.all());
            if (exit != 0) assertEquals(exit, run.exit(), "exit code\n" + run.all());
            List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line expected\n" + run.all());
            assertTrue(lines.get(0).startsWith(alias + ": "), run.all());
            assertTrue(lines.get(0).contains(expected), "expected '" + expected + "'\n" + run.all());
            assertFalse(run.all().contains("Exception"), "a stack trace or exception name leaked\n" + run.all());
            try (var left = Files.walk(out)) {
                assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "files left behind");
            }
        }
    }
}

package course.cats;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 19, item 10: what the cat server says about a HEAD request and a port it may not bind. */
@Timeout(30)
class CatServerSmallTest {

    @Test
    void aHeadRequestIsAnsweredWithoutAWarningFromTheJdk() throws Exception {
        Logger jdk = Logger.getLogger("com.sun.net.httpserver");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler catcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jdk.addHandler(catcher);
        try (var server = CatServer.start(CatServerTest.FAST); var http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(URI.create(server.catUrl()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(405, response.statusCode());
            assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList(), "the JDK warned on the server's terminal");
        } finally {
            jdk.removeHandler(catcher);
        }
    }

    @Test
    void aTextIsDrawnOnceAndServedFromTheCacheAfter() throws Exception {
        try (var server = CatServer.start(CatServerTest.FAST); var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create(server.catUrl() + "/says/cached")).timeout(Duration.ofSeconds(5)).build();
            byte[] first = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
            byte[] second = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
            assertArrayEquals(first, second, "the second answer is the cached drawing");
            String tooLong = "a".repeat(CatServer.MAX_SAYS + 50);
            var longer = http.send(HttpRequest.newBuilder(URI.create(server.catUrl() + "/says/" + tooLong)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            var cut = http.send(HttpRequest.newBuilder(URI.create(server.catUrl() + "/says/" + "a".repeat(CatServer.MAX_SAYS))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(cut.body(), longer.body(), "a text is cut to " + CatServer.MAX_SAYS + " characters");
        }
    }

    @Test
    void aPortWeMayNotBindSaysPermissionDenied(@TempDir Path dir) throws Exception {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80));
        } catch (java.io.IOException refused) {
            Assumptions.assumeTrue(String.valueOf(refused.getMessage()).contains("Permission denied"), "port 80 is " + refused.getMessage());
            var e = assertThrows(IllegalArgumentException.class, () -> CatServer.start(CatServerTest.FAST.withPort(80)));
            assertEquals("port 80: permission denied (ports below 1024 need root)", e.getMessage());
            return;
        }
        // This account may bind port 80 (root, as CI runs): start the server in a child JVM as the unprivileged user
        // nobody (uid and gid 65534, no supplementary groups), which may not, on a copy of the lib's classes it can read.
        Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(setpriv != null, "root, and no setpriv (util-linux) to start the server as an unprivileged user");
        Path classes = Path.of(CatServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = dir.resolve("classes");
        try (var files = Files.walk(classes)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(classes.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        Files.writeString(dir.resolve("Port80.java"), """
                public class Port80 {
                    public static void main(String[] args) {
                        var settings = course.cats.CatServer.Settings.DEFAULT.withPort(80);
                        try (var server = course.cats.CatServer.start(settings)) {
                            System.out.println("bound port 80");
                        } catch (IllegalArgumentException e) {
                            System.out.println(e.getMessage());
                        }
                    }
                }
                """);
        try (var all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (Path needed : List.of(dir, java)) {
            Assumptions.assumeTrue(othersMayReach(needed), "root, and " + needed + " is out of an unprivileged user's reach");
        }
        var child = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-cp", copy.toString(), dir.resolve("Port80.java").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child JVM did not end in 20 s");
            String said = new String(child.getInputStream().readAllBytes()).strip();
            assertEquals("port 80: permission denied (ports below 1024 need root)", said);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Whether a user with no rights of its own (the "others" bits) may reach {@code path}: every folder above it searchable. */
    static boolean othersMayReach(Path path) throws java.io.IOException {
        for (Path up = path.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (!Files.getPosixFilePermissions(up).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) return false;
        }
        return true;
    }
}

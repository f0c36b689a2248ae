package course.cats;

import com.sun.net.httpserver.HttpServer;
import course.procs.JavaLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A hostile server on 127.0.0.1 (issue 19, items 4 and 7): no partial file survives a signal or an earlier
 * run, a picture has a size cap that holds while it streams, and the bytes must be the format they claim.
 */
@Timeout(60)
class CatClientHardeningTest {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

    @TempDir
    Path folder;

    HttpServer server;
    ExecutorService handlers;

    @BeforeEach
    void startHostileServer() throws IOException {
        handlers = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        serve("/html", "image/png", "<!DOCTYPE html><html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8));
        serve("/svg", "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"9\"/></svg>".getBytes(StandardCharsets.UTF_8));
        serve("/tiny", "image/png", new byte[]{(byte) 0x89, 'P'});
        serve("/jpeg", "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1});
        serve("/svg-type", "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));
        // Declares 3 GB: refused from its Content-Length, before a byte of the body is read.
        server.createContext("/huge", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 3L * 1024 * 1024 * 1024);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PNG_MAGIC);
                body.flush();  // the headers go out with it
                for (int i = 0; i < 100; i++) {  // at most 10 s; ends as soon as the client is gone
                    Thread.sleep(100);
                    body.write(new byte[1024]);
                    body.flush();
                }
            } catch (IOException | InterruptedException clientLeftOrStopping) {
                // the client refused it: what we want
            }
        });
        // No length (chunked), a PNG's magic, then more than the cap: refused as it streams in.
        server.createContext("/endless", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PNG_MAGIC);
                byte[] megabyte = new byte[1024 * 1024];
                for (long sent = 0; sent <= CatClient.MAX_PICTURE_BYTES + megabyte.length; sent += megabyte.length) {
                    body.write(megabyte);
                }
            } catch (IOException clientLeft) {
                // the client refused it
            }
        });
        // 10 MB announced, 1 MB sent, then a trickle: a download that is mid-body for as long as we like.
        server.createContext("/slow", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PNG_MAGIC);
                body.write(new byte[1024 * 1024]);
                body.flush();
                for (int i = 0; i < 300; i++) {  // at most 30 s; ends as soon as the client is gone
                    Thread.sleep(100);
                    body.write(new byte[1024]);
                    body.flush();
                }
            } catch (IOException | InterruptedException clientLeftOrStopping) {
                // the client was stopped: what the test does
            }
        });
        server.start();
    }

    void serve(String path, String type, byte[] bytes) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/html", "/svg", "/tiny"})
    void aBodyThatIsNotTheFormatItClaimsIsRefusedAndNothingIsSaved(String path) throws Exception {
        try (var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download(url(path), folder));
            assertTrue(e.getMessage().startsWith("not a PNG picture although labelled image/png"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void aFormatWeDoNotSaveIsRefused() throws Exception {
        try (var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download(url("/svg-type"), folder));
            assertTrue(e.getMessage().startsWith("not a picture format saved here"), e.getMessage());
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void aJpegWhoseBytesAreAJpegIsSavedAsOne() throws Exception {
        try (var client = new CatClient()) {
            var download = client.download(url("/jpeg"), folder);
            assertTrue(download.path().getFileName().toString().endsWith(".jpg"));
            assertEquals(List.of(download.path()), filesIn(folder));
        }
    }

    @Test
    void aPictureOverTheCapIsRefusedInOneLineWithoutBufferingIt() throws Exception {
        try (var client = new CatClient()) {
            var huge = assertThrows(CatDownloadException.class, () -> client.download(url("/huge"), folder));
            assertTrue(huge.getMessage().startsWith("picture too large: 3221225472 bytes"), huge.getMessage());
            var endless = assertThrows(CatDownloadException.class, () -> client.download(url("/endless"), folder));
            assertTrue(endless.getMessage().startsWith("picture too large: over " + CatClient.MAX_PICTURE_BYTES), endless.getMessage());
            assertEquals(1, endless.getMessage().lines().count());
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void partialFilesOfDeadProcessesAreSweptAndLiveOnesKept() throws Exception {
        Path deadPid = Files.writeString(folder.resolve(".partial-999999999-abc"), "half");  // above Linux's pid_max
        Path oldStyle = Files.writeString(folder.resolve(".partial-0f1e2d3c"), "half");
        Files.setLastModifiedTime(oldStyle, FileTime.from(Instant.now().minusSeconds(120)));
        Path running = Files.writeString(folder.resolve(".partial-" + ProcessHandle.current().parent().orElseThrow().pid() + "-abc"), "half");
        try (var client = new CatClient()) {
            new CatBatch(client, url("/jpeg"), folder, course.timeline.Timeline.start());
        }
        assertFalse(Files.exists(deadPid), "a partial of a dead process is swept");
        assertFalse(Files.exists(oldStyle), "an old partial without a pid is swept");
        assertTrue(Files.exists(running), "a partial of a live process is left to it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalMidDownloadLeavesNoPartialFile(String signal) throws Exception {
        Process child = new ProcessBuilder(JavaLauncher.command(PartialTarget.class, url("/slow"), folder.toString()))
                .redirectInput(JavaLauncher.NO_STDIN).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partials().isEmpty()) {
                assertTrue(child.isAlive(), "the download ended before it was stopped");
                assertTrue(System.nanoTime() < until, "no partial file appeared while the body was arriving");
                Thread.sleep(20);
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not stop on SIG" + signal);
            assertEquals(List.of(), filesIn(folder), "left behind after SIG" + signal);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    List<Path> partials() throws IOException {
        return filesIn(folder).stream().filter(p -> p.getFileName().toString().startsWith(Partials.PREFIX)).toList();
    }
}

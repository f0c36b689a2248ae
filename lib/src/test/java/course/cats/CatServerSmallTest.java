package course.cats;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
    void aPortWeMayNotBindSaysPermissionDenied() {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80));
            Assumptions.abort("this account may bind port 80 (root): nothing to refuse");
        } catch (java.io.IOException refused) {
            Assumptions.assumeTrue(String.valueOf(refused.getMessage()).contains("Permission denied"), "port 80 is " + refused.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> CatServer.start(CatServerTest.FAST.withPort(80)));
        assertEquals("port 80: permission denied (ports below 1024 need root)", e.getMessage());
    }
}

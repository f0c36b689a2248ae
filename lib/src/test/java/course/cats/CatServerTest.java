package course.cats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class CatServerTest {

    static final CatServer.Settings FAST = CatServer.Settings.DEFAULT.withLatency(Duration.ZERO, Duration.ZERO).withSize(64);

    static HttpResponse<byte[]> get(String url, Duration timeout) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void answersACatPictureWithItsTypeAndLength() throws Exception {
        try (var server = CatServer.start(FAST)) {
            var response = get(server.catUrl(), Duration.ofSeconds(5));
            assertEquals(200, response.statusCode());
            assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(response.body().length, response.headers().firstValueAsLong("Content-Length").orElseThrow());
            var image = ImageIO.read(new ByteArrayInputStream(response.body()));
            assertEquals(64, image.getWidth());
        }
    }

    @Test
    void everyResponseIsADifferentCat() throws Exception {
        try (var server = CatServer.start(FAST)) {
            var seen = new HashSet<String>();
            for (int i = 0; i < 30; i++) {
                seen.add(java.util.Arrays.toString(get(server.catUrl(), Duration.ofSeconds(5)).body()));
            }
            assertEquals(30, seen.size());
        }
    }

    @Test
    void drawsWhatTheCatSays() throws Exception {
        try (var server = CatServer.start(FAST)) {
            var response = get(server.catUrl() + "/says/hello%20world", Duration.ofSeconds(5));
            assertEquals(200, response.statusCode());
            assertNotNull(ImageIO.read(new ByteArrayInputStream(response.body())));
        }
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        try (var server = CatServer.start(FAST)) {
            assertEquals(404, get("http://127.0.0.1:" + server.port() + "/dog", Duration.ofSeconds(5)).statusCode());
        }
    }

    @Test
    void honoursItsLatency() throws Exception {
        try (var server = CatServer.start(FAST.withLatency(Duration.ofMillis(200), Duration.ZERO))) {
            long start = System.nanoTime();
            get(server.catUrl(), Duration.ofSeconds(5));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 200, "took " + ms + " ms, latency is 200");
            assertTrue(ms < 1500, "took " + ms + " ms, latency is 200");
        }
    }

    @Test
    void countsExactlyUnder200ConcurrentRequests() throws Exception {
        try (var server = CatServer.start(FAST.withLatency(Duration.ofMillis(300), Duration.ZERO));
             var http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(callers.submit(() -> http.send(HttpRequest.newBuilder(URI.create(server.catUrl())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (var call : calls) assertEquals(200, call.get());
            assertEquals(200, server.requests());
            assertEquals(200, server.served());
            assertEquals(0, server.inFlight());
            assertTrue(server.peakInFlight() > 100 && server.peakInFlight() <= 200, "peak " + server.peakInFlight());
        }
    }

    @Test
    void failsWithA500WhenToldTo() throws Exception {
        try (var server = CatServer.start(FAST.withFaults(1, 0, 0))) {
            assertEquals(500, get(server.catUrl(), Duration.ofSeconds(5)).statusCode());
            assertEquals(1, server.failed());
            assertEquals(0, server.served());
        }
    }

    @Test
    void cutsTheBodyShortWhenToldTo() throws Exception {
        try (var server = CatServer.start(FAST.withFaults(0, 0, 1))) {
            assertThrows(IOException.class, () -> get(server.catUrl(), Duration.ofSeconds(5)));
            assertEquals(1, server.cutOff());
            assertEquals(0, server.served());
        }
    }

    @Test
    void stallsWhenToldToAndStillStopsPromptly() throws Exception {
        var server = CatServer.start(FAST.withFaults(0, 1, 0).withStall(Duration.ofMinutes(5)));
        try {
            assertThrows(HttpTimeoutException.class, () -> get(server.catUrl(), Duration.ofMillis(300)));
            assertEquals(1, server.stalled());
        } finally {
            long start = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "close waited for the stalled answer");
        }
    }

    @Test
    void leavesNoThreadBehind() throws Exception {
        try (var server = CatServer.start(FAST)) {
            get(server.catUrl(), Duration.ofSeconds(5));
        }
        Thread.sleep(100);
        var left = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(n -> n.startsWith("cat-server") || n.startsWith("HTTP-Dispatcher")).toList();
        assertEquals(List.of(), left);
    }

    @Test
    void saysClearlyWhenThePortIsTaken() {
        try (var first = CatServer.start(FAST)) {
            var e = assertThrows(IllegalArgumentException.class, () -> CatServer.start(FAST.withPort(first.port())));
            assertEquals("port " + first.port() + " is already in use", e.getMessage());
        }
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> FAST.withFaults(0.6, 0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> FAST.withLatency(Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> FAST.withSize(10));
    }
}

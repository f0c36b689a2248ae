package course.cats;

import course.procs.JavaLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The flood, reproduced: a cat server in a child JVM under {@code prlimit --nofile=1024:1024}, 1,100
 * connections that each send half a request and hold it, all on 127.0.0.1. Without a deadline on reading a
 * request the JDK server holds them forever; at the open-file limit it answers nothing, and if the flood comes
 * before its first answer the time-zone data never loads and it never answers again.
 */
@Timeout(60)
class CatServerFloodTest {

    static final int FLOOD = 1_100;
    static final long LATENCY_MS = 100;
    static final byte[] HALF_A_REQUEST = "GET /cat HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void halfSentRequestsAreClosedAndCatsAreAnsweredDuringAndAfterAFlood() throws Exception {
        List<String> command = new ArrayList<>(List.of("prlimit", "--nofile=1024:1024", "--"));
        command.addAll(JavaLauncher.command(FloodTarget.class, Long.toString(LATENCY_MS)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Socket> flood = new ArrayList<>();
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String[] started = out.readLine().split(" ");  // "port P cap C deadline D"
            int port = Integer.parseInt(started[1]);
            int cap = Integer.parseInt(started[3]);
            long deadlineMs = Long.parseLong(started[5]) * 1000;
            assertTrue(cap > 0 && cap < 1024, "a connection cap below the open-file limit, got " + cap);
            assertTrue(deadlineMs > 0, "a deadline for reading a request");

            // The flood, before the first real answer: 1,100 half-sent requests, held.
            for (int i = 0; i < FLOOD; i++) {
                var socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                socket.getOutputStream().write(HALF_A_REQUEST);
                flood.add(socket);
            }
            // Every held request is closed by the server: beyond the cap at once, the others at the deadline.
            long floodStart = System.nanoTime();
            long closed = 0;
            for (Socket socket : flood) {
                long leftMs = deadlineMs + 3_000 - (System.nanoTime() - floodStart) / 1_000_000;
                socket.setSoTimeout((int) Math.max(1, leftMs));
                try {
                    if (socket.getInputStream().read() == -1) closed++;
                } catch (SocketTimeoutException e) {
                    break;  // still held past the deadline
                } catch (IOException e) {
                    closed++;  // reset: closed too
                }
            }
            assertEquals(FLOOD, closed, "half-sent requests the server closed within its deadline + 3 s");
            // The flooders still hold their sockets open (closed only by the server): cats are answered.
            for (int i = 0; i < 3; i++) assertAnswersInTime(port, "while the flood's sockets are held");
            for (Socket socket : flood) socket.close();
            flood.clear();

            // The reproduction: flood, then close, then a cat at once.
            for (int i = 0; i < FLOOD; i++) {
                var socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                socket.getOutputStream().write(HALF_A_REQUEST);
                flood.add(socket);
            }
            for (Socket socket : flood) socket.close();
            flood.clear();
            // The server sees the closes within moments; until then a new connection over the cap is refused
            // at once (never left waiting), so we retry a refused one.
            long closedAt = System.nanoTime();
            while (true) {
                try {
                    assertAnswersInTime(port, "right after the flood ended");
                    break;
                } catch (IOException refused) {
                    long sinceMs = (System.nanoTime() - closedAt) / 1_000_000;
                    assertTrue(sinceMs < 1_000, "/cat still refused " + sinceMs + " ms after the flood ended: " + refused);
                    Thread.sleep(20);
                }
            }
            System.out.printf("first cat %d ms after the flood's sockets closed%n", (System.nanoTime() - closedAt) / 1_000_000);
            for (int i = 0; i < 3; i++) assertAnswersInTime(port, "after the flood ended");
        } finally {
            for (Socket socket : flood) socket.close();
            child.getOutputStream().close();
            if (!child.waitFor(5, TimeUnit.SECONDS)) child.destroyForcibly().waitFor();
        }
    }

    /** One {@code GET /cat}: a 200 within the server's latency + 100 ms, or at worst within 2 s (as a clearer failure). */
    static void assertAnswersInTime(int port, String when) throws IOException {
        long start = System.nanoTime();
        String status;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("GET /cat HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readAllBytes();
            if (answer.length == 0) throw new IOException("closed without an answer (refused over the cap)");
            status = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            fail("no answer to /cat within 2 s " + when);
            return;
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("HTTP/1.1 200", status, "/cat " + when);
        assertTrue(tookMs <= LATENCY_MS + 100, "/cat took " + tookMs + " ms " + when + " (latency " + LATENCY_MS + " ms)");
    }
}

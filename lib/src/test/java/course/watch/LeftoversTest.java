package course.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class LeftoversTest {

    @Test
    void seesASleepingVirtualThreadThatThePlatformListMisses() throws Exception {
        var leftovers = Leftovers.baseline();
        var started = new CountDownLatch(1);
        Thread sleeper = Thread.ofVirtual().name("forgotten-virtual").start(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // stopped by the test
            }
        });
        try {
            started.await();
            assertFalse(Thread.getAllStackTraces().containsKey(sleeper), "the platform list does not see it (why a dump is needed)");
            var found = leftovers.found();
            assertTrue(found.stream().anyMatch(s -> s.startsWith("virtual thread #" + sleeper.threadId() + " 'forgotten-virtual'")), found.toString());
            assertThrows(IllegalStateException.class, leftovers::check);
        } finally {
            sleeper.interrupt();
            sleeper.join();
        }
        assertTrue(leftovers.found().stream().noneMatch(s -> s.startsWith("virtual thread")), leftovers.found().toString());
    }

    @Test
    void seesAnUnnamedVirtualThreadInAnExecutor() throws Exception {
        var leftovers = Leftovers.baseline();
        var started = new CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        pool.submit(() -> {
            started.countDown();
            Thread.sleep(60_000);
            return null;
        });
        try {
            started.await();
            assertTrue(leftovers.found().stream().anyMatch(s -> s.startsWith("virtual thread #")), leftovers.found().toString());
        } finally {
            pool.shutdownNow();
            pool.close();
        }
    }

    /** The JDK's own I/O pollers, started when a virtual thread first blocks on a socket, are not the lesson's. */
    @Test
    void theJdksPollersAreNotLeftovers() throws Exception {
        var leftovers = Leftovers.baseline();
        try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var socket = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                    socket.getInputStream().read();     // blocks a virtual thread on a socket: the pollers start
                } catch (java.io.IOException e) {
                    // the test closed the connection
                }
            });
            try (var accepted = server.accept()) {
                Thread.sleep(200);
            }
            reader.join();
        }
        assertEquals(List.of(), leftovers.found());
    }
}

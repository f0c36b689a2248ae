package course.benchmarks;

import course.cats.CatClient;
import course.cats.CatServer;
import course.show.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Is the embedded cat server the bottleneck? Fires N downloads at once (one virtual thread each, released
 * together by a latch) at a server with a fixed latency, and compares the wall time with the floor: one
 * latency, since all N could be answered side by side. Client and server share this JVM and its cores,
 * so the figure is an upper bound on what the server alone costs.
 *
 * <pre>java -cp course-lib.jar course.bench.ServerThroughput [N] [latency ms] [repetitions]</pre>
 */
public final class ServerThroughput {

    private ServerThroughput() {
    }

    /** One timed burst: wall time in ms from release to the last cat saved. */
    static double burst(CatServer server, CatClient client, int n, Path folder) throws Exception {
        var go = new CountDownLatch(1);
        var failed = new AtomicInteger();
        var done = new CountDownLatch(n);
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                callers.submit(() -> {
                    try {
                        go.await();
                        client.download(server.catUrl(), folder);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                    return null;
                });
            }
            Thread.sleep(200);  // let every caller reach the latch
            long start = System.nanoTime();
            go.countDown();
            done.await();
            double ms = (System.nanoTime() - start) / 1e6;
            if (failed.get() > 0) throw new IllegalStateException(failed.get() + " of " + n + " downloads failed");
            return ms;
        }
    }

    public static void main(String... args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        var settings = CatServer.Settings.DEFAULT.withLatency(Duration.ofMillis(latencyMs), Duration.ZERO);
        Path folder = Files.createTempDirectory("cats-bench");
        // Keep connections open between bursts, on both sides, as a browser or a real client would.
        System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(n));
        try (var server = CatServer.start(settings);
             var client = new CatClient(CatClient.CONNECT_TIMEOUT, CatClient.READ_TIMEOUT, n)) {
            burst(server, client, Math.min(n, 200), folder);  // warm-up: JIT, connections
            double[] ms = new double[repetitions];
            double[] slowest = new double[repetitions];
            int peak = 0;
            for (int r = 0; r < repetitions; r++) {
                server.resetCounters();
                ms[r] = burst(server, client, n, folder);
                slowest[r] = server.slowestAnswer().toNanos() / 1e6;
                peak = Math.max(peak, server.peakInFlight());
            }
            Arrays.sort(slowest);
            Arrays.sort(ms);
            var table = new Table("measure", "min ms", "median ms", "max ms", "median / floor");
            table.row("wall time of the burst", Math.round(ms[0]), Math.round(ms[repetitions / 2]), Math.round(ms[repetitions - 1]),
                    String.format("%.2f", ms[repetitions / 2] / latencyMs));
            table.row("server's slowest answer", Math.round(slowest[0]), Math.round(slowest[repetitions / 2]),
                    Math.round(slowest[repetitions - 1]), String.format("%.2f", slowest[repetitions / 2] / latencyMs));
            table.note(n + " cats at once, " + latencyMs + " ms latency, peak " + peak + " in flight; floor = one latency; "
                    + repetitions + " bursts after a warm-up.");
            table.note("wall time: release to the last cat saved, by a client sharing this JVM and its "
                    + Runtime.getRuntime().availableProcessors() + " cores (connections kept open between bursts).");
            table.note("server's slowest answer: from a request's arrival to its last byte sent, latency included.");
            System.out.print(table);
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        }
    }
}

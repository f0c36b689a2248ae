package course.cats;

import java.time.Duration;

/**
 * A cat server on its own, for {@link CatServerFloodTest} to run in a child JVM under a low open-file limit:
 * prints its port, then serves until its standard input closes.
 */
public final class FloodTarget {
    public static void main(String[] args) throws Exception {
        long latency = Long.parseLong(args[0]);
        var settings = CatServer.Settings.DEFAULT.withLatency(Duration.ofMillis(latency), Duration.ZERO).withSize(64);
        try (var server = CatServer.start(settings)) {
            System.out.println("port " + server.port() + " cap " + CatServer.maxConnections()
                    + " deadline " + CatServer.requestDeadline().toSeconds());
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}

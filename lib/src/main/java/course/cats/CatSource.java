package course.cats;

import course.cli.Args;
import course.cli.UsageException;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a lesson's cats come from: the embedded {@link CatServer} by default, or a real address such as
 * {@code https://cataas.com/cat} when the learner passes one. Closing it stops the embedded server.
 */
public final class CatSource implements AutoCloseable {

    private final String url;
    private final CatServer server;

    private CatSource(String url, CatServer server) {
        this.url = url;
        this.server = server;
    }

    /** The options {@link #from(Args)} reads, for a script's usage text. */
    public static final String OPTIONS = """
              --url URL       download from URL instead of the embedded cat server, e.g. https://cataas.com/cat
              --latency MS    the embedded server's latency, 0-5000 ms (default 150)
              --error-rate R  fraction of the embedded server's answers that fail with HTTP 500 (default 0)
              --cut-rate R    fraction cut off halfway through the picture (default 0)
              --stall-rate R  fraction that stall until the client gives up (default 0)
            """;

    /** The embedded server with this latency (and 20 ms of jitter, less for tiny latencies). */
    public static CatSource embedded(Duration latency) {
        return embedded(CatServer.Settings.DEFAULT.withLatency(latency, jitterFor(latency)));
    }

    /** The embedded server with these settings. */
    public static CatSource embedded(CatServer.Settings settings) {
        var server = CatServer.start(settings);
        return new CatSource(server.catUrl(), server);
    }

    /** Where the cats come from, as a script's {@link #OPTIONS} say. */
    public static CatSource from(Args args) {
        String url = args.url("url", null);
        Duration latency = args.millis("latency", Duration.ofMillis(150), 0, 5000);
        double errors = args.decimal("error-rate", 0, 0, 1);
        double cuts = args.decimal("cut-rate", 0, 0, 1);
        double stalls = args.decimal("stall-rate", 0, 0, 1);
        if (url != null) {
            if (errors + cuts + stalls > 0) throw new UsageException("fault rates apply to the embedded server, not to --url");
            return new CatSource(url, null);
        }
        if (errors + cuts + stalls > 1) throw new UsageException("fault rates add up to more than 1");
        return embedded(CatServer.Settings.DEFAULT.withLatency(latency, jitterFor(latency))
                .withFaults(errors, stalls, cuts).withStall(Duration.ofMinutes(5)));
    }

    private static Duration jitterFor(Duration latency) {
        Duration fifth = latency.dividedBy(5);
        return fifth.compareTo(Duration.ofMillis(20)) < 0 ? fifth : Duration.ofMillis(20);
    }

    /** {@code url} when given, else the embedded server with {@code latency}. */
    public static CatSource of(String url, Duration latency) {
        return url == null ? embedded(latency) : new CatSource(url, null);
    }

    public String url() {
        return url;
    }

    /** The embedded server, to read its counters; empty for a real site. */
    public Optional<CatServer> server() {
        return Optional.ofNullable(server);
    }

    /** The latency a request costs at best, known only for the embedded server. */
    public Optional<Duration> latency() {
        return server().map(s -> s.settings().latency());
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }

    @Override
    public String toString() {
        return server == null ? url + " (a real site: timings depend on the internet)"
                : "the embedded cat server at " + url + " (" + server.settings().latency().toMillis() + " ms latency)";
    }
}

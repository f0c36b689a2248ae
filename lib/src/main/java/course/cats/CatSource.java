package course.cats;

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

    /** The embedded server with this latency (and 20 ms of jitter, less for tiny latencies). */
    public static CatSource embedded(Duration latency) {
        Duration jitter = latency.dividedBy(5).compareTo(Duration.ofMillis(20)) < 0 ? latency.dividedBy(5) : Duration.ofMillis(20);
        var server = CatServer.start(CatServer.Settings.DEFAULT.withLatency(latency, jitter));
        return new CatSource(server.catUrl(), server);
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

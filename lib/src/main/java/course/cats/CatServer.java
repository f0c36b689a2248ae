package course.cats;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in for cataas.com: {@code GET /cat} answers a cat picture (PNG) after a set
 * latency, so that the lessons work offline and their timings mean something.
 *
 * <pre>{@code
 * try (var server = CatServer.start(CatServer.Settings.DEFAULT)) {
 *     download(server.catUrl()); ...
 *     server.peakInFlight();   // the most requests it ever served at once
 * }
 * }</pre>
 *
 * Every request runs on its own virtual thread, so 2,000 requests sleeping out their latency cost
 * next to nothing; the pictures are drawn once at start and recoloured per response (see
 * {@link PngPalette}), so no response pays for drawing or encoding.
 */
public final class CatServer implements AutoCloseable {

    private static final int SHAPES = 24;

    static {
        ServerLimits.applyToThisJvm();  // before this JVM's first HttpServer: the JDK reads them once
    }

    /** The longest text {@code /cat/says/} draws; a longer one is cut. */
    static final int MAX_SAYS = 200;
    /** Texts whose pictures are kept, so that a repeated {@code /cat/says/} costs no drawing. */
    private static final int SAYS_CACHED = 256;

    private final Settings settings;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final byte[][] shapes;
    private final AtomicLong nextCat = new AtomicLong(1);

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong slowestAnswerNanos = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder answerNanos = new java.util.concurrent.atomic.LongAdder();

    private CatServer(Settings settings) throws IOException {
        this.settings = settings;
        this.shapes = new byte[SHAPES][];
        for (int shape = 0; shape < SHAPES; shape++) {
            shapes[shape] = CatArt.png(CatArt.draw(shape, settings.size()));
        }
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cat-server-", 1).factory());
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
        this.http = HttpServer.create(address, 4096);
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
        warmUp();
    }

    private final java.util.Map<String, byte[]> saysCache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, byte[]> eldest) {
                    return size() > SAYS_CACHED;
                }
            });
    /** At most one drawing per core at once: a flood of new texts queues instead of taking every core. */
    private final java.util.concurrent.Semaphore drawing =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());

    /**
     * Loads now what the first answer would load lazily: the JDK's exchange classes, the time-zone data
     * behind its {@code Date} header ({@code tzdb.dat}), ImageIO and the fonts of {@code /cat/says}. Loaded
     * during a flood at the open-file limit, they would fail ("Too many open files") and the server would
     * never answer again. One request to ourselves, then the counters are reset.
     */
    private void warmUp() {
        catSaying("hello");
        PngPalette.recolour(shapes[0], 0);  // what /cat runs per answer
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("the cat server did not answer itself: " + e.getMessage(), e);
        }
        resetCounters();
    }

    /** Connections beyond this many are closed as soon as they are accepted (-1: no cap; see {@link ServerLimits}). */
    public static int maxConnections() {
        return ServerLimits.maxConnections();
    }

    /** How long a request's line and headers may take to arrive before the connection is closed. */
    public static Duration requestDeadline() {
        return Duration.ofSeconds(Long.getLong("sun.net.httpserver.maxReqTime", -1));
    }

    /** Starts a server on a loopback port; use {@code try-with-resources} so it stops. */
    public static CatServer start(Settings settings) {
        try {
            return new CatServer(settings);
        } catch (java.net.BindException e) {
            String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (why.contains("permission denied") || why.contains("access")) {
                throw new IllegalArgumentException("port " + settings.port() + ": permission denied"
                        + (settings.port() < 1024 ? " (ports below 1024 need root)" : ""), e);
            }
            throw new IllegalArgumentException("port " + settings.port() + " is already in use", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the cat server: " + e.getMessage(), e);
        }
    }

    /** Starts a server with the default settings: a free port, 150 ms latency, no faults. */
    public static CatServer start() {
        return start(Settings.DEFAULT);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The address of a random cat, like {@code https://cataas.com/cat}. */
    public String catUrl() {
        return "http://127.0.0.1:" + port() + "/cat";
    }

    public Settings settings() {
        return settings;
    }

    /** Requests received, whatever came of them. */
    public long requests() {
        return requests.get();
    }

    /** Cats sent whole with status 200. */
    public long served() {
        return served.get();
    }

    /** Requests answered with a 500 on purpose. */
    public long failed() {
        return failed.get();
    }

    /** Responses cut off mid-body on purpose. */
    public long cutOff() {
        return cutOff.get();
    }

    /** Responses that stalled on purpose. */
    public long stalled() {
        return stalled.get();
    }

    /** Requests being handled right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests this server handled at the same moment since it started (or the last reset). */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /**
     * The longest time a cat took from the moment its request arrived to its last byte sent, latency
     * included: when it stays near the latency, the server kept up and was not the bottleneck.
     */
    public Duration slowestAnswer() {
        return Duration.ofNanos(slowestAnswerNanos.get());
    }

    /** The mean of the same, over the cats served whole. */
    public Duration meanAnswer() {
        long n = served.get();
        return n == 0 ? Duration.ZERO : Duration.ofNanos(answerNanos.sum() / n);
    }

    /** Forgets the peak and the counts, so that the next demo measures only itself. */
    public void resetCounters() {
        slowestAnswerNanos.set(0);
        answerNanos.reset();
        peakInFlight.set(inFlight.get());
        requests.set(0);
        served.set(0);
        failed.set(0);
        cutOff.set(0);
        stalled.set(0);
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();  // interrupts stalled responses
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("cat server handlers did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CatServer[" + catUrl() + ", " + settings + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        requests.incrementAndGet();
        var visit = new Visit();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if ("HEAD".equals(exchange.getRequestMethod())) {
                visit.leave();  // a HEAD answer has no body: -1, or the JDK prints a warning per request
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                visit.leave();
                sendText(exchange, 405, "only GET is served here\n");
            } else if (path.equals("/cat") || path.equals("/cat/")) {
                if (answer(exchange, this::nextCat, visit)) {
                    long took = System.nanoTime() - arrived;
                    answerNanos.add(took);
                    slowestAnswerNanos.accumulateAndGet(took, Math::max);
                }
            } else if (path.startsWith("/cat/says/")) {
                String text = URLDecoder.decode(path.substring("/cat/says/".length()), StandardCharsets.UTF_8);
                answer(exchange, () -> catSaying(text), visit);
            } else {
                visit.leave();
                sendText(exchange, 404, "no such page: try /cat or /cat/says/hello\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // the server is stopping
        } finally {
            visit.leave();
        }
    }

    /**
     * One request's stay in the in-flight count. It leaves just before the answer's last bytes go out: a
     * client that has the whole answer and sends its next request must never find this one still counted,
     * or a correct limit of K would show as K + 1. Used by the request's own thread only.
     */
    private final class Visit {
        private boolean left;

        Visit() {
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        void leave() {
            if (!left) {
                left = true;
                inFlight.decrementAndGet();
            }
        }
    }

    /** Answers after the latency, with a fault if one is due; true when a whole cat was sent. */
    private boolean answer(HttpExchange exchange, PictureSource picture, Visit visit) throws IOException, InterruptedException {
        var random = ThreadLocalRandom.current();
        Thread.sleep(settings.latencyFor(random.nextDouble()));
        double dice = random.nextDouble();
        if (dice < settings.errorRate()) {
            failed.incrementAndGet();
            visit.leave();
            sendText(exchange, 500, "the cat server failed on purpose (fault injection)\n");
            return false;
        }
        dice -= settings.errorRate();
        if (dice < settings.stallRate()) {
            stalled.incrementAndGet();
            Thread.sleep(settings.stall());
        }
        dice -= settings.stallRate();
        byte[] png = picture.get();
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, png.length);
        OutputStream body = exchange.getResponseBody();
        if (dice >= 0 && dice < settings.cutRate()) {
            cutOff.incrementAndGet();
            visit.leave();
            body.write(png, 0, png.length / 2);
            body.flush();
            throw new IOException("cut off mid-body on purpose");  // closes the connection short of Content-Length
        }
        served.incrementAndGet();  // counted before the last byte, for the same reason as the visit
        visit.leave();
        body.write(png);
        body.close();
        return true;
    }

    private byte[] nextCat() {
        long cat = nextCat.getAndIncrement();
        return PngPalette.recolour(shapes[(int) (cat % SHAPES)], cat * 0x9E3779B97F4A7C15L);
    }

    /**
     * A cat saying {@code text}: drawn once per text (about 20 ms of CPU; the last {@value #SAYS_CACHED} texts
     * are kept), at most one drawing per core at a time, and the text cut to {@value #MAX_SAYS} characters.
     */
    private byte[] catSaying(String text) {
        String said = text.length() > MAX_SAYS ? text.substring(0, MAX_SAYS) : text;
        byte[] png = saysCache.get(said);
        if (png != null) return png;
        drawing.acquireUninterruptibly();
        try {
            png = saysCache.get(said);  // another request may have drawn it while we queued
            if (png == null) {
                png = CatArt.png(CatArt.says(nextCat.getAndIncrement(), said, settings.size()));
                saysCache.put(said, png);
            }
            return png;
        } finally {
            drawing.release();
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @FunctionalInterface
    private interface PictureSource {
        byte[] get();
    }

    /**
     * How the server behaves. Rates are fractions of requests (0 to 1): {@code errorRate} answer 500,
     * {@code stallRate} wait {@code stall} before answering, {@code cutRate} stop halfway through the body.
     */
    public record Settings(int port, Duration latency, Duration jitter, double errorRate, double stallRate,
                           Duration stall, double cutRate, int size) {

        /** A free port, 150 ms +- 20 ms (a typical internet round trip), no faults, 256 px cats. */
        public static final Settings DEFAULT =
                new Settings(0, Duration.ofMillis(150), Duration.ofMillis(20), 0, 0, Duration.ofSeconds(30), 0, 256);

        public Settings {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, got " + port);
            requireNonNegative("latency", latency);
            requireNonNegative("jitter", jitter);
            requireNonNegative("stall", stall);
            if (jitter.compareTo(latency) > 0) throw new IllegalArgumentException("jitter must not exceed latency");
            requireRate("error rate", errorRate);
            requireRate("stall rate", stallRate);
            requireRate("cut rate", cutRate);
            if (errorRate + stallRate + cutRate > 1) throw new IllegalArgumentException("fault rates add up to more than 1");
            if (size < 64 || size > 512) throw new IllegalArgumentException("size must be 64-512 px, got " + size);
        }

        public Settings withPort(int port) {
            return new Settings(port, latency, jitter, errorRate, stallRate, stall, cutRate, size);
        }

        public Settings withLatency(Duration latency, Duration jitter) {
            return new Settings(port, latency, jitter, errorRate, stallRate, stall, cutRate, size);
        }

        public Settings withFaults(double errorRate, double stallRate, double cutRate) {
            return new Settings(port, latency, jitter, errorRate, stallRate, stall, cutRate, size);
        }

        public Settings withStall(Duration stall) {
            return new Settings(port, latency, jitter, errorRate, stallRate, stall, cutRate, size);
        }

        public Settings withSize(int size) {
            return new Settings(port, latency, jitter, errorRate, stallRate, stall, cutRate, size);
        }

        /** Latency for one response: uniform in latency +- jitter, from a random number in [0, 1). */
        Duration latencyFor(double random) {
            long spread = jitter.toNanos();
            return latency.plusNanos((long) ((random * 2 - 1) * spread));
        }

        private static void requireNonNegative(String what, Duration d) {
            if (d == null || d.isNegative()) throw new IllegalArgumentException(what + " must be zero or more");
        }

        private static void requireRate(String what, double rate) {
            if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException(what + " must be between 0 and 1, got " + rate);
        }
    }
}

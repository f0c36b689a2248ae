package course.cats;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Downloads one cat picture into a folder, the way the note's {@code download_image} does, with the
 * two things the note leaves out: a failed response is reported instead of silently skipped, and the
 * file appears whole or not at all (written to a temporary file, then renamed).
 *
 * <p>Safe to share between threads: one client keeps one connection pool for all of them.
 */
public final class CatClient implements AutoCloseable {

    /** Timeouts that fit the embedded server and the real cataas.com alike. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** The largest picture saved; a bigger body is refused as it arrives, never held whole in memory. */
    public static final long MAX_PICTURE_BYTES = 20L * 1024 * 1024;

    private final OkHttpClient http;

    public CatClient() {
        this(CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /** @param readTimeout the longest silence while reading a response; a stalled server is cut off after it */
    public CatClient(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, 5);
    }

    /** @param idleConnections how many open connections to keep for reuse (okhttp keeps 5 by default) */
    public CatClient(Duration connectTimeout, Duration readTimeout, int idleConnections) {
        this.http = new OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(idleConnections, 1, TimeUnit.MINUTES))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(readTimeout.plus(connectTimeout).multipliedBy(2))
                // A pooled connection the server has since closed is retried on a fresh one; that is no
                // failure of the server. A 500 or a body cut short is never retried: the lesson counts those.
                .retryOnConnectionFailure(true)
                .build();
    }

    /** The last URL asked for, parsed: a batch asks for the same URL for every cat. */
    private record Prepared(String url, Request request) {
    }

    private volatile Prepared last;

    /** A request for {@code url}; okhttp's requests are immutable, so one serves every call to the same URL. */
    private Request requestFor(String url) throws CatDownloadException {
        Prepared prepared = last;
        if (prepared != null && prepared.url().equals(url)) return prepared.request();
        try {
            prepared = new Prepared(url, new Request.Builder().url(url).build());
        } catch (IllegalArgumentException e) {
            throw new CatDownloadException("not a valid http(s) URL: " + url);
        }
        last = prepared;
        return prepared.request();
    }

    /** What one download produced. {@code thread} is the name of the thread that ran it. */
    public record Download(Path path, long bytes, Duration duration, String thread) {
    }

    /**
     * Fetches {@code url} and saves the picture in {@code folder} under a fresh name.
     *
     * @throws CatDownloadException when the server answers other than 200 with a picture, the body is cut
     *                              short, a timeout passes, or the file cannot be written; no file is left
     */
    public Download download(String url, Path folder) throws CatDownloadException {
        long start = System.nanoTime();
        Request request = requestFor(url);
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new CatDownloadException("HTTP " + response.code() + " from " + url);
            }
            String type = response.header("Content-Type", "");
            if (!type.startsWith("image/")) {
                throw new CatDownloadException("not a picture (Content-Type '" + type + "') from " + url);
            }
            PictureFormat format = PictureFormat.forContentType(type).orElseThrow(() -> new CatDownloadException(
                    "not a picture format saved here (Content-Type '" + type + "'; PNG, JPEG, GIF or WebP) from " + url));
            long declared = response.body().contentLength();
            if (declared > MAX_PICTURE_BYTES) {
                throw new CatDownloadException("picture too large: " + declared + " bytes (at most "
                        + MAX_PICTURE_BYTES + ") from " + url);
            }
            Partials.sweep(folder);
            Path file = folder.resolve("cat-" + freshName() + format.extension());
            long bytes = saveStreaming(response.body().byteStream(), format, file, url);
            return new Download(file, bytes, Duration.ofNanos(System.nanoTime() - start), threadName());
        } catch (CatDownloadException e) {
            throw e;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new CatDownloadException("interrupted: " + url, e);
            throw new CatDownloadException("timed out: " + url + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CatDownloadException(describe(e) + ": " + url, e);
        }
    }

    /**
     * A random name. Not {@code UUID.randomUUID()}: it draws from one shared SecureRandom, which 2,000
     * threads saving cats at once queue up for; names only need to be unique, not secret.
     */
    private static String freshName() {
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The current thread's name; virtual threads are often unnamed, so they get one from their id. */
    static String threadName() {
        Thread t = Thread.currentThread();
        if (!t.getName().isEmpty()) return t.getName();
        return (t.isVirtual() ? "virtual-" : "thread-") + t.threadId();
    }

    /**
     * Streams the body into a partial file (registered with {@link Partials}, so that no path leaves it
     * behind), refusing it past {@link #MAX_PICTURE_BYTES} or when its first bytes are not {@code format}'s,
     * then renames it to {@code file}. Reading the body throws if it ends before its Content-Length.
     */
    private static long saveStreaming(java.io.InputStream body, PictureFormat format, Path file, String url)
            throws CatDownloadException, IOException {
        Path folder = file.getParent();
        Path partial = Partials.create(folder, freshName());
        boolean renamed = false;
        try {
            long total = 0;
            byte[] head = new byte[PictureFormat.MAGIC_LENGTH];
            int headLength = 0;
            java.io.OutputStream out;
            try {
                out = inFolder(folder, () -> Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (AccessDeniedException e) {
                throw new CatDownloadException("cannot write into " + folder + ": permission denied", e);
            } catch (IOException e) {
                throw new CatDownloadException("cannot write " + file + ": " + describe(e), e);
            }
            try (out; body) {
                byte[] buffer = new byte[8 * 1024];   // a cat is a few KB: a bigger buffer per download is only garbage
                for (int n; (n = body.read(buffer)) != -1; ) {
                    if (headLength < head.length) {
                        int take = Math.min(n, head.length - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                        if (headLength == head.length || take < n) checkFormat(format, head, headLength, url);
                    }
                    total += n;
                    if (total > MAX_PICTURE_BYTES) {
                        throw new CatDownloadException("picture too large: over " + MAX_PICTURE_BYTES + " bytes from " + url);
                    }
                    out.write(buffer, 0, n);
                }
            }
            checkFormat(format, head, headLength, url);  // a body shorter than the magic bytes
            try {
                inFolder(folder, () -> Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE));
            } catch (IOException e) {
                throw new CatDownloadException("cannot write " + file + ": " + describe(e), e);
            }
            renamed = true;
            return total;
        } finally {
            if (renamed) Partials.renamed(partial);
            else Partials.done(partial);  // a failed download: rare, so it deletes its partial without queueing
        }
    }

    /**
     * The folders' locks: one download at a time creates or renames a file in a folder. The kernel
     * allows no more anyway (these calls change the folder, and Linux holds the folder's lock for each), but
     * a thread that waits for it there keeps its carrier: JDK 25 adds no carrier while a virtual thread is
     * inside {@code open} or {@code rename}, and the waiting carrier may spin. Queued here, a virtual thread
     * parks and frees its carrier for downloads that have bytes to read. The README's Benchmarks section says
     * how a profile found it.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> FOLDERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    @FunctionalInterface
    private interface FolderChange<T> {
        T run() throws IOException;
    }

    private static <T> T inFolder(Path folder, FolderChange<T> change) throws IOException {
        var lock = FOLDERS.computeIfAbsent(folder, f -> new java.util.concurrent.locks.ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatDownloadException("interrupted while saving into " + folder, e);
        }
        try {
            return change.run();
        } finally {
            lock.unlock();
        }
    }

    private static void checkFormat(PictureFormat format, byte[] head, int length, String url) throws CatDownloadException {
        byte[] seen = java.util.Arrays.copyOf(head, length);
        if (!format.matches(seen)) {
            throw new CatDownloadException("not a " + format + " picture although labelled " + format.type()
                    + " (it starts '" + PictureFormat.describe(seen) + "') from " + url);
        }
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) return "cannot connect";
        if (e instanceof java.net.UnknownHostException) return "unknown host";
        return e.getMessage() == null ? what : what + " (" + e.getMessage() + ")";
    }

    /** Lets the pool's connections and threads go, so that nothing of the client outlives the lesson. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

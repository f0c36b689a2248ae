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
        Request request;
        try {
            request = new Request.Builder().url(url).build();
        } catch (IllegalArgumentException e) {
            throw new CatDownloadException("not a valid http(s) URL: " + url);
        }
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new CatDownloadException("HTTP " + response.code() + " from " + url);
            }
            String type = response.header("Content-Type", "");
            if (!type.startsWith("image/")) {
                throw new CatDownloadException("not a picture (Content-Type '" + type + "') from " + url);
            }
            byte[] picture = response.body().bytes();  // throws if the body ends before Content-Length
            Path file = folder.resolve("cat-" + freshName() + extensionFor(type));
            writeAtomically(picture, file);
            return new Download(file, picture.length, Duration.ofNanos(System.nanoTime() - start), threadName());
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

    private static void writeAtomically(byte[] picture, Path file) throws CatDownloadException {
        Path folder = file.getParent();
        Path partial = null;
        try {
            partial = folder.resolve(".partial-" + freshName());
            Files.write(partial, picture, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw new CatDownloadException("cannot write into " + folder + ": permission denied", e);
        } catch (IOException e) {
            throw new CatDownloadException("cannot write " + file + ": " + describe(e), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // nothing more we can do; the name starts with a dot so it is not taken for a cat
                }
            }
        }
    }

    private static String extensionFor(String contentType) {
        if (contentType.startsWith("image/jpeg")) return ".jpg";
        if (contentType.startsWith("image/gif")) return ".gif";
        if (contentType.startsWith("image/webp")) return ".webp";
        return ".png";
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

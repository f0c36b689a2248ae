package course.cats;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partial files of downloads in progress, so that none outlives the process: each is deleted by its
 * download on every path (success, failure, interrupt), and by a shutdown hook when the JVM is stopped
 * mid-download (Ctrl-C, SIGTERM, {@code System.exit}). A SIGKILL runs no hook; the partials it leaves carry
 * the dead process's pid in their name and are swept by the next download into that folder.
 *
 * <p>Name: {@code .partial-<pid>-<random>}; the leading dot keeps it out of the lessons' pictures.
 */
final class Partials {

    static final String PREFIX = ".partial-";
    /** A partial without a pid in its name (an older version's) is swept when it is older than this. */
    static final Duration STALE = Duration.ofMinutes(1);

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Partials::deleteAllOnExit, "partial-cat-sweeper"));
    }

    private Partials() {
    }

    /** A fresh partial's path in {@code folder}, registered before it exists; {@link #done} when finished with it. */
    static Path create(Path folder, String random) throws IOException {
        Path partial = folder.resolve(PREFIX + ProcessHandle.current().pid() + "-" + random);
        LIVE.add(partial);
        if (stopping) {  // the hook may already have run: write nothing new
            LIVE.remove(partial);
            throw new IOException("the JVM is shutting down");
        }
        return partial;
    }

    /** Forgets a partial that was renamed to its cat: there is nothing left to delete. */
    static void renamed(Path partial) {
        LIVE.remove(partial);
    }

    /** Deletes the partial of a download that failed, if it is there. */
    static void done(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the name starts with a dot, so it is never taken for a cat; the next sweep tries again
        } finally {
            LIVE.remove(partial);
        }
    }

    /**
     * Deletes, once per folder and process, the partials that earlier processes left: those whose pid is no
     * longer alive, and pid-less ones older than {@link #STALE}. Returns how many it deleted.
     */
    static int sweep(Path folder) {
        if (!SWEPT.add(folder.toAbsolutePath().normalize())) return 0;
        int deleted = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path partial : partials) {
                if (LIVE.contains(partial) || !abandoned(partial)) continue;
                if (Files.deleteIfExists(partial)) deleted++;
            }
        } catch (IOException ignored) {
            // no folder yet, or not readable: nothing to sweep
        }
        return deleted;
    }

    private static boolean abandoned(Path partial) throws IOException {
        String rest = partial.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash > 0) {
            try {
                long pid = Long.parseLong(rest.substring(0, dash));
                if (pid == ProcessHandle.current().pid()) return false;  // ours, and not live: being renamed or deleted
                if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) return true;
                // alive: a running download, or the pid was reused; no download lasts 10 minutes
                return Files.getLastModifiedTime(partial).toInstant().isBefore(Instant.now().minus(Duration.ofMinutes(10)));
            } catch (NumberFormatException notAPid) {
                // an older name: judge by age
            }
        }
        return Files.getLastModifiedTime(partial).toInstant().isBefore(Instant.now().minus(STALE));
    }

    private static void deleteAllOnExit() {
        stopping = true;
        for (int pass = 0; pass < 2; pass++) {  // the second pass catches one created just as the first ran
            for (Path partial : LIVE) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // nothing more to do while the JVM stops
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

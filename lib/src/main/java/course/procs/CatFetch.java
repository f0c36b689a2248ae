package course.procs;

import course.cats.CatClient;
import course.cats.CatDownloadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A child JVM's whole job in the processes lesson: download one cat from a URL into a file, say so, exit.
 * {@code java -cp <lib> course.procs.CatFetch <url> <file>}; exit code 0 on success, 1 on a failed download,
 * 2 on bad arguments. The counterpart of the note's {@code download_image(url, path)} run by
 * {@code multiprocessing.Process}.
 */
public final class CatFetch {

    private CatFetch() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CatFetch <url> <file>");
            System.exit(2);
        }
        long start = System.nanoTime();
        try (var client = new CatClient()) {
            var cat = fetch(client, args[0], Path.of(args[1]));
            System.out.printf("child of %d: fetched %d bytes in %d ms (%d ms since this JVM began), into %s%n",
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L), cat.bytes(),
                    cat.duration().toMillis(), uptimeMillis(), cat.path().getFileName());
        } catch (CatDownloadException e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);  // no lingering client thread may keep this JVM alive
    }

    /** Downloads one cat with {@code client} into exactly {@code file} (whole or not at all). */
    public static CatClient.Download fetch(CatClient client, String url, Path file) throws CatDownloadException {
        Path folder = file.toAbsolutePath().getParent();
        var download = client.download(url, folder);
        try {
            Files.move(download.path(), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CatDownloadException("cannot move the cat to " + file + ": " + e.getMessage(), e);
        }
        return new CatClient.Download(file, download.bytes(), download.duration(), download.thread());
    }

    private static long uptimeMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }
}

package course.cats;

import course.show.CatGrid;
import course.show.Progress;
import course.timeline.Timeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One batch of cat downloads, fetched from any number of threads: {@link #fetch(int)} downloads cat
 * number {@code i}, marks it on the timeline (lane = the thread that ran it) and keeps the result or
 * the failure. The lesson decides which threads call it; this class only takes notes.
 *
 * <p>Thread-safe: results go into concurrent collections; read them after the threads have been joined.
 */
public final class CatBatch {

    /** A cat that could not be fetched. */
    public record Failure(int cat, String thread, String reason) {
    }

    private final CatClient client;
    private final String url;
    private final Path folder;
    private final Timeline timeline;
    private final Progress progress;
    private final ConcurrentSkipListMap<Integer, CatClient.Download> downloads = new ConcurrentSkipListMap<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    /** @param progress a progress bar to step, or null */
    public CatBatch(CatClient client, String url, Path folder, Timeline timeline, Progress progress) {
        this.client = client;
        this.url = url;
        this.folder = folder;
        this.timeline = timeline;
        this.progress = progress;
        Partials.sweep(folder);  // what a killed earlier run left in this folder
        EarlierCats.prune(folder);
    }

    public CatBatch(CatClient client, String url, Path folder, Timeline timeline) {
        this(client, url, folder, timeline, null);
    }

    /**
     * Downloads cat number {@code cat} on the calling thread. A failed download is noted, not thrown; but
     * an interrupted thread gets a {@link CancellationException}, so that a loop of fetches stops when the
     * learner interrupts the cell instead of carrying on with the next cat.
     */
    public void fetch(int cat) {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted before cat " + cat);
        try (var span = timeline.span("cat " + cat)) {
            downloads.put(cat, client.download(url, folder));
            if (progress != null) progress.step();
        } catch (CatDownloadException e) {
            if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted during cat " + cat);
            failures.add(new Failure(cat, CatClient.threadName(), e.getMessage()));
            if (progress != null) progress.fail();
        }
    }

    /** The cats that arrived, in cat-number order. */
    public List<CatClient.Download> downloads() {
        return List.copyOf(downloads.values());
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Where the cats go. */
    public Path folder() {
        return folder;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** How many different threads did the downloading. */
    public long threadsUsed() {
        return java.util.stream.Stream.concat(downloads.values().stream().map(CatClient.Download::thread),
                failures.stream().map(Failure::thread)).distinct().count();
    }

    /** The cats as tiles for {@link CatGrid}, in cat-number order, captioned with the thread that fetched each. */
    public List<CatGrid.Tile> tiles() {
        return downloads.values().stream().map(d -> new CatGrid.Tile(d.path(), d.thread())).toList();
    }
}

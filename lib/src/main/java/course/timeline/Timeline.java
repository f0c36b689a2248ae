package course.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Records who did what, when: spans, states and marks on named lanes, plus counter samples.
 * Draw it with {@link TimelinePicture}, {@link TimelineText} or {@link CounterChart}.
 *
 * <pre>{@code
 * var timeline = Timeline.start();
 * try (var span = timeline.span("cat 3")) {   // lane = this thread's name
 *     download(3);
 * }
 * timeline.state("philosopher 2", "HUNGRY"); // HUNGRY until the next state change
 * timeline.stop();
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. Each recording thread
 * appends to its own buffer, registered once (on the thread's first event) in a lock-free queue;
 * a buffer is guarded by its own monitor, which only its owner and a snapshot ever take, so
 * recording threads never wait for each other. {@link #events()}, {@link #lanes()} and
 * {@link #counter(String)} copy every buffer under its monitor and merge by time: they see every
 * event whose recording call has returned. After {@link #stop()} new events are ignored.
 *
 * <p>Times are nanoseconds since {@link #start()}. Virtual threads are welcome; an unnamed one
 * records on the lane {@code virtual-<threadId>}.
 */
public final class Timeline {

    /** What an {@link Event} is: an interval on a lane, the lane's state, or an instant. */
    public enum Type { SPAN, STATE, MARK }

    /**
     * One thing that happened on a lane, in nanoseconds since the timeline started.
     * A MARK has {@code start == end}. {@code open} means it had not ended when the snapshot was
     * taken (a span never closed, or the lane's last state): it is shown up to the end.
     * {@code thread} is the lane of the thread that recorded it (the event loop's thread for
     * an explicit lane such as "task A").
     */
    public record Event(Type type, String lane, String label, long startNanos, long endNanos,
                        boolean open, String thread) {
        public long durationNanos() { return endNanos - startNanos; }
        public double startMillis() { return startNanos / 1e6; }
        public double endMillis() { return endNanos / 1e6; }
    }

    /** One counter value, taken at {@code nanos} since the timeline started. */
    public record Sample(long nanos, long value) {
        public double millis() { return nanos / 1e6; }
    }

    /** An interval on a lane, ended by {@link #close()}; made for try-with-resources. */
    public final class Span implements AutoCloseable {
        private final long id; // where its start was recorded: (buffer, index)
        private final AtomicBoolean closed = new AtomicBoolean();

        private Span(long id) {
            this.id = id;
        }

        /** Ends the span now. Closing again does nothing. */
        @Override
        public void close() {
            if (id != NOT_RECORDED && closed.compareAndSet(false, true)) record(SPAN_END, null, null, id);
        }
    }

    private final LongSupplier clock;
    private final long t0;
    private volatile long stoppedAt = RUNNING;
    private final ConcurrentLinkedQueue<Buffer> buffers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Buffer> myBuffer = new ThreadLocal<>();
    private final AtomicInteger bufferIds = new AtomicInteger();

    private static final long RUNNING = Long.MIN_VALUE;

    private Timeline(LongSupplier clock) {
        this.clock = clock;
        this.t0 = clock.getAsLong();
    }

    /** A timeline whose time 0 is now (by {@link System#nanoTime()}). */
    public static Timeline start() {
        return new Timeline(System::nanoTime);
    }

    /**
     * A timeline on your own clock, e.g. a fake one that a test or a simulation moves by hand;
     * time 0 is the clock's value now. The clock is read on the recording threads.
     */
    public static Timeline start(LongSupplier nanoClock) {
        return new Timeline(Objects.requireNonNull(nanoClock));
    }

    /** Starts a span labelled {@code label} on this thread's lane. */
    public Span span(String label) {
        return span(null, label);
    }

    /** Starts a span on an explicit lane, e.g. "task A" when all tasks share one thread. */
    public Span span(String lane, String label) {
        return new Span(record(SPAN_START, lane, Objects.requireNonNull(label), 0));
    }

    /** This thread's lane is in {@code state} from now until its next state or {@link #end()}. */
    public void state(String state) {
        state(null, state);
    }

    /** {@code lane} is in {@code state} from now until its next state or {@link #end(String)}. */
    public void state(String lane, String state) {
        record(STATE, lane, Objects.requireNonNull(state), 0);
    }

    /** Ends this thread's lane's current state (e.g. the thread is done). */
    public void end() {
        end(null);
    }

    /** Ends {@code lane}'s current state. */
    public void end(String lane) {
        record(STATE_END, lane, null, 0);
    }

    /** An instant on this thread's lane, e.g. "stall detected". */
    public void mark(String label) {
        mark(null, label);
    }

    /** An instant on {@code lane}. */
    public void mark(String lane, String label) {
        record(MARK, lane, Objects.requireNonNull(label), 0);
    }

    /** A sample of counter {@code series} (e.g. requests in flight) at now. */
    public void count(String series, long value) {
        record(COUNT, Objects.requireNonNull(series), null, value);
    }

    /** Freezes the end of the timeline at now; later events are ignored. Calling again does nothing. */
    public synchronized void stop() {
        if (stoppedAt == RUNNING) stoppedAt = clock.getAsLong();
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopped() {
        return stoppedAt != RUNNING;
    }

    /** Nanoseconds from start to {@link #stop()}, or to now while running. */
    public long durationNanos() {
        long end = stoppedAt;
        return (end == RUNNING ? clock.getAsLong() : end) - t0;
    }

    /** The lanes in order of their first event. */
    public List<String> lanes() {
        return snapshot().lanes;
    }

    /** Spans, states and marks, sorted by start time (ties: in the order they were recorded). */
    public List<Event> events() {
        return snapshot().events;
    }

    /** The samples of counter {@code series}, in time order; empty if there are none. */
    public List<Sample> counter(String series) {
        return snapshot().counters.getOrDefault(series, List.of());
    }

    /** The names of the counters, in order of their first sample. */
    public List<String> series() {
        return List.copyOf(snapshot().counters.keySet());
    }

    // ---------------------------------------------------------------- recording

    private static final byte SPAN_START = 0, SPAN_END = 1, STATE = 2, STATE_END = 3, MARK = 4, COUNT = 5;
    private static final long NOT_RECORDED = -1;

    /**
     * One thread's events, in columns of chunks: a few primitive arrays are cheaper for the garbage
     * collector to keep than an object per event. Chunks start small and double up to {@link #CHUNK}:
     * 2,000 virtual threads that record two events each must not allocate 2,000 full chunks (that cost
     * more than the downloads they timed). Guarded by its own monitor: the owner appends, snapshots copy.
     */
    private static final class Buffer {
        static final int FIRST_CHUNK = 8;
        static final int CHUNK = 4096;

        final Thread owner;
        final long id;
        String threadName;       // owner's name when laneName was computed; owner only
        String laneName;         // owner only
        final List<Chunk> chunks = new ArrayList<>();
        int size;

        Buffer(Thread owner, long id) {
            this.owner = owner;
            this.id = id;
        }

        /** The owner's lane, recomputed only if the thread was renamed (pools do that). */
        String lane() {
            String name = owner.getName();
            if (name != threadName) { // the same String object unless the thread was renamed
                threadName = name;
                laneName = laneOf(owner);
            }
            return laneName;
        }

        /** Appends one event; returns its place, (buffer, index), unique in the timeline. */
        synchronized long add(long nanos, byte kind, String lane, String label, long value, String thread) {
            Chunk chunk = chunks.isEmpty() ? null : chunks.getLast();
            if (chunk == null || chunk.used == chunk.nanos.length) {
                chunk = new Chunk(chunk == null ? FIRST_CHUNK : Math.min(CHUNK, chunk.nanos.length * 2));
                chunks.add(chunk);
            }
            int i = chunk.used++;
            chunk.nanos[i] = nanos;
            chunk.kinds[i] = kind;
            chunk.lanes[i] = lane;
            chunk.labels[i] = label;
            chunk.values[i] = value;
            chunk.threads[i] = thread;
            return (id << 32) | size++;
        }

        synchronized void copyTo(List<Raw> out) {
            int n = 0;
            for (Chunk c : chunks) {
                for (int i = 0; i < c.used; i++, n++) {
                    out.add(new Raw(c.nanos[i], c.kinds[i], c.lanes[i], c.labels[i], c.values[i], c.threads[i],
                            (id << 32) | n));
                }
            }
        }
    }

    private static final class Chunk {
        final long[] nanos;
        final byte[] kinds;
        final String[] lanes;
        final String[] labels;
        final long[] values;  // a counter's value, or a SPAN_END's span
        final String[] threads;
        int used;

        Chunk(int capacity) {
            nanos = new long[capacity];
            kinds = new byte[capacity];
            lanes = new String[capacity];
            labels = new String[capacity];
            values = new long[capacity];
            threads = new String[capacity];
        }
    }

    /** One event as read back by {@link #snapshot()}; {@code place} orders equal times. */
    private record Raw(long nanos, byte kind, String lane, String label, long value, String thread, long place) {}

    private long record(byte kind, String lane, String label, long value) {
        if (stoppedAt != RUNNING) return NOT_RECORDED;
        long now = clock.getAsLong();
        Buffer buffer = myBuffer.get();
        if (buffer == null) buffer = register();
        String thread = buffer.lane();
        return buffer.add(now, kind, lane == null ? thread : lane, label, value, thread);
    }

    private Buffer register() {
        var buffer = new Buffer(Thread.currentThread(), bufferIds.getAndIncrement());
        buffers.add(buffer);
        myBuffer.set(buffer);
        return buffer;
    }

    /** A thread's lane name: its name, or {@code virtual-<id>} for an unnamed virtual thread. */
    static String laneOf(Thread thread) {
        String name = thread.getName();
        if (!name.isEmpty()) return name;
        return (thread.isVirtual() ? "virtual-" : "thread-") + thread.threadId();
    }

    // ---------------------------------------------------------------- reading

    private record Snapshot(List<String> lanes, List<Event> events, Map<String, List<Sample>> counters) {}

    private Snapshot snapshot() {
        long end = stoppedAt;
        if (end == RUNNING) end = clock.getAsLong();
        List<Raw> all = new ArrayList<>();
        for (Buffer buffer : buffers) buffer.copyTo(all);
        all.sort(Comparator.comparingLong(Raw::nanos).thenComparingLong(Raw::place));

        var lanes = new LinkedHashSet<String>();
        var events = new ArrayList<Opened>();
        var counters = new LinkedHashMap<String, List<Sample>>();
        var openSpans = new HashMap<Long, Opened>();
        var openStates = new HashMap<String, Opened>();
        for (Raw raw : all) {
            if (raw.nanos > end) break; // recorded while stop() ran
            long at = raw.nanos - t0;
            switch (raw.kind) {
                case SPAN_START -> {
                    lanes.add(raw.lane);
                    var span = new Opened(Type.SPAN, raw, at);
                    events.add(span);
                    openSpans.put(raw.place, span);
                }
                case SPAN_END -> {
                    Opened span = openSpans.remove(raw.value);
                    if (span != null) span.end = at;
                }
                case STATE -> {
                    lanes.add(raw.lane);
                    Opened current = openStates.get(raw.lane);
                    if (current != null && current.raw.label.equals(raw.label)) continue; // no change
                    if (current != null) current.end = at;
                    var state = new Opened(Type.STATE, raw, at);
                    events.add(state);
                    openStates.put(raw.lane, state);
                }
                case STATE_END -> {
                    Opened current = openStates.remove(raw.lane);
                    if (current != null) current.end = at;
                }
                case MARK -> {
                    lanes.add(raw.lane);
                    var mark = new Opened(Type.MARK, raw, at);
                    mark.end = at;
                    events.add(mark);
                }
                case COUNT -> counters.computeIfAbsent(raw.lane, s -> new ArrayList<>())
                        .add(new Sample(at, raw.value));
                default -> throw new IllegalStateException("unknown kind " + raw.kind);
            }
        }
        long endAt = end - t0;
        List<Event> result = events.stream().map(o -> o.toEvent(endAt)).toList();
        var frozenCounters = new LinkedHashMap<String, List<Sample>>();
        counters.forEach((series, samples) -> frozenCounters.put(series, List.copyOf(samples)));
        return new Snapshot(List.copyOf(lanes), result, Collections.unmodifiableMap(frozenCounters));
    }

    /** An event whose end is not known yet while merging. */
    private static final class Opened {
        final Type type;
        final Raw raw;
        final long start;
        long end = -1;

        Opened(Type type, Raw raw, long start) {
            this.type = type;
            this.raw = raw;
            this.start = start;
        }

        Event toEvent(long endOfTimeline) {
            boolean open = end < 0;
            return new Event(type, raw.lane, raw.label, start, open ? endOfTimeline : end, open, raw.thread);
        }
    }
}

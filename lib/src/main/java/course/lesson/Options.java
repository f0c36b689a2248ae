package course.lesson;

import course.cats.CatSource;
import course.cli.Args;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A lesson script's command line, declared once: the usage text, the checks of each value and the defaults
 * all come from these declarations, so they cannot disagree. Every lesson also takes {@code --results FILE}.
 *
 * <pre>{@code
 * static final Options OPTIONS = Options.of("locks", "Lesson 04, Lock: lost updates on every run, four fixes.")
 *         .integer("threads", 4, 2, 64, "threads adding to one counter")
 *         .integer("repeat", 20, 1, 100, "runs of the race and of each fix");
 * }</pre>
 *
 * Immutable once declared; {@link #parse} may be called from any thread.
 */
public final class Options {

    private record Option(String name, String metavar, String help, Function<Args, Object> read) {
    }

    private final String alias;
    private final String title;
    private final List<Option> options = new ArrayList<>();
    private boolean cats;

    private Options(String alias, String title) {
        this.alias = alias;
        this.title = title;
    }

    /** A lesson run as {@code jbang <alias>}, described in one line. */
    public static Options of(String alias, String title) {
        return new Options(alias, title);
    }

    public String alias() {
        return alias;
    }

    public Options integer(String name, int fallback, int min, int max, String help) {
        return add(name, "N", help + ", " + min + "-" + max + " (default " + fallback + ")",
                args -> args.integer(name, fallback, min, max));
    }

    public Options decimal(String name, double fallback, double min, double max, String help) {
        return add(name, "X", help + ", " + min + "-" + max + " (default " + fallback + ")",
                args -> args.decimal(name, fallback, min, max));
    }

    /** A duration given in milliseconds ({@code 150} or {@code 150ms}). */
    public Options millis(String name, long fallback, long min, long max, String help) {
        return add(name, "MS", help + ", " + min + "-" + max + " ms (default " + fallback + ")",
                args -> args.millis(name, Duration.ofMillis(fallback), min, max));
    }

    public Options choice(String name, String fallback, List<String> choices, String help) {
        return add(name, "WORD", help + ": " + String.join(", ", choices) + " (default " + fallback + ")",
                args -> args.choice(name, fallback, choices));
    }

    /** An option that takes no value. */
    public Options flag(String name, String help) {
        return add(name, "", help, args -> args.flag(name));
    }

    /** A folder that exists or can be made, and that we can write into. */
    public Options folder(String name, Path fallback, String help) {
        return add(name, "DIR", help + " (default " + fallback + ")", args -> args.writableFolder(name, fallback));
    }

    /** The cat source options ({@code --url}, {@code --latency}, faults); {@link Given#cats()} is the source. */
    public Options cats() {
        cats = true;
        return this;
    }

    private Options add(String name, String metavar, String help, Function<Args, Object> read) {
        if (name.equals("help") || name.equals("results") || options.stream().anyMatch(o -> o.name().equals(name))) {
            throw new IllegalArgumentException("--" + name + " is declared twice");
        }
        options.add(new Option(name, metavar, help, read));
        return this;
    }

    /** What {@code --help} prints. */
    public String usage() {
        var usage = new StringBuilder(title).append("\n\nusage: jbang ").append(alias);
        for (var o : options) usage.append(" [--").append(o.name()).append(o.metavar().isEmpty() ? "" : " " + o.metavar()).append(']');
        if (cats) usage.append(" [--url URL] [--latency MS] [--error-rate R] [--cut-rate R] [--stall-rate R]");
        usage.append(" [--results FILE]\n");
        for (var o : options) usage.append(line("--" + o.name() + (o.metavar().isEmpty() ? "" : " " + o.metavar()), o.help()));
        if (cats) usage.append(CatSource.OPTIONS.stripTrailing()).append('\n');
        usage.append(line("--results FILE", "also write what the run showed as JSON lines (the tests and benchmarks read them)"));
        return usage.toString();
    }

    private static String line(String option, String help) {
        return "  " + option + " ".repeat(Math.max(1, 16 - option.length())) + help + "\n";
    }

    /** The options that take no value, for {@link Args#parse}. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>(List.of("help"));
        options.stream().filter(o -> o.metavar().isEmpty()).forEach(o -> flags.add(o.name()));
        return flags;
    }

    /** Reads and checks {@code argv} as {@link #read} does. */
    public Given parse(String... argv) {
        return read(Args.parse(argv, flags()));
    }

    /**
     * Reads and checks every declared option; a bad one, or one nobody declared, throws a
     * {@link course.cli.UsageException} naming it. The returned values must be closed: they may hold the
     * embedded cat server.
     */
    public Given read(Args args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (var o : options) values.put(o.name(), o.read().apply(args));
        String results = args.text("results", null);
        CatSource source = cats ? CatSource.from(args) : null;
        try {
            args.noneLeft();
        } catch (RuntimeException e) {
            if (source != null) source.close();
            throw e;
        }
        return new Given(values, results == null ? null : Path.of(results), source);
    }

    /** The options as given, each checked and with its default filled in. Closing it stops the cat server. */
    public static final class Given implements AutoCloseable {
        private final Map<String, Object> values;
        private final Path results;
        private final CatSource cats;

        Given(Map<String, Object> values, Path results, CatSource cats) {
            this.values = values;
            this.results = results;
            this.cats = cats;
        }

        public int integer(String name) {
            return (Integer) value(name);
        }

        public double decimal(String name) {
            return (Double) value(name);
        }

        public Duration millis(String name) {
            return (Duration) value(name);
        }

        public String choice(String name) {
            return (String) value(name);
        }

        public boolean flag(String name) {
            return (Boolean) value(name);
        }

        public Path folder(String name) {
            return (Path) value(name);
        }

        /** Where the cats come from; only when the options declared {@link Options#cats()}. */
        public CatSource cats() {
            if (cats == null) throw new IllegalStateException("this lesson declared no cat source: add .cats() to its options");
            return cats;
        }

        Path results() {
            return results;
        }

        private Object value(String name) {
            if (!values.containsKey(name)) throw new IllegalArgumentException("no option --" + name + " was declared");
            return values.get(name);
        }

        @Override
        public void close() {
            if (cats != null) cats.close();
        }
    }
}

package course.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A script's command line: {@code --name value}, {@code --name=value} and bare flags. Each getter
 * checks its value and throws a {@link UsageException} that names the option, so a script answers bad
 * input with one line instead of a stack trace.
 */
public final class Args {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, Boolean> used = new LinkedHashMap<>();

    private Args() {
    }

    /** Reads {@code argv}; {@code flags} are the options that take no value (e.g. "help"). */
    public static Args parse(String[] argv, List<String> flags) {
        var args = new Args();
        for (int i = 0; i < argv.length; i++) {
            String word = argv[i];
            if (!word.startsWith("--") || word.length() == 2) {
                throw new UsageException("unexpected argument '" + word + "'");
            }
            String name = word.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (args.given.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return args;
    }

    /** A bare flag; {@code --name=true} and {@code --name=false} are read too, any other value is refused. */
    public boolean flag(String name) {
        String value = take(name);
        if (value == null || value.equals("false")) return false;
        if (value.equals("true")) return true;
        throw new UsageException("--" + name + " takes no value (or =true / =false), got '" + value + "'");
    }

    /** Only ASCII digits: {@code Integer.parseInt} also reads other scripts' digits ("٣" as 3). */
    private static boolean asciiNumber(String text) {
        return text.matches("[+-]?[0-9]+");
    }

    public String text(String name, String fallback) {
        String value = take(name);
        return value == null ? fallback : value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = take(name);
        if (value == null) return fallback;
        int n;
        try {
            if (!asciiNumber(value.trim())) throw new NumberFormatException(value);
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    public double decimal(String name, double fallback, double min, double max) {
        String value = take(name);
        if (value == null) return fallback;
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + value + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return d;
    }

    /** A duration in milliseconds ({@code 150} or {@code 150ms}). */
    public Duration millis(String name, Duration fallback, long min, long max) {
        String value = take(name);
        if (value == null) return fallback;
        String digits = value.trim().toLowerCase(Locale.ROOT).replaceFirst("ms$", "");
        long ms;
        try {
            if (!asciiNumber(digits)) throw new NumberFormatException(digits);
            ms = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number of milliseconds, got '" + value + "'");
        }
        if (ms < min || ms > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + " ms, got " + ms);
        }
        return Duration.ofMillis(ms);
    }

    /** An absolute http or https URL with a host. */
    public String url(String name, String fallback) {
        String value = take(name);
        if (value == null) return fallback;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return value;
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw new UsageException("--" + name + " must be an http(s) URL such as https://cataas.com/cat, got '" + value + "'");
    }

    /** A folder that exists or can be made, and that we can write into. */
    public Path writableFolder(String name, Path fallback) {
        String value = take(name);
        Path folder;
        try {
            folder = value == null ? fallback : Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + name + " is not a valid path: '" + value + "'");
        }
        try {
            Files.createDirectories(folder);
        } catch (Exception e) {
            throw new UsageException("--" + name + ": cannot create folder " + folder);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new UsageException("--" + name + ": cannot write into folder " + folder);
        }
        return folder;
    }

    /** One of {@code choices}, compared without case. */
    public String choice(String name, String fallback, List<String> choices) {
        String value = take(name);
        if (value == null) return fallback;
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value.trim())) return choice;
        }
        throw new UsageException("--" + name + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
    }

    /** Call after reading every option: an option nobody asked for is a typo, and says so. */
    public void noneLeft() {
        for (String name : given.keySet()) {
            if (!used.containsKey(name)) throw new UsageException("unknown option --" + name);
        }
    }

    private String take(String name) {
        used.put(name, true);
        return given.get(name);
    }
}

package course.procs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's task lines: words joined by single spaces, one task a line. A word may hold anything (a path with
 * spaces, a name in any script): its {@code %}, spaces and control characters travel as {@code %XX} of their
 * UTF-8 bytes, the rest as it is, so that {@code cat http://127.0.0.1:8080/cat /tmp/cats/cat-0} stays readable.
 */
public final class TaskLine {

    private TaskLine() {
    }

    /** One line (without its line break) that {@link #words} turns back into exactly these words. */
    public static String of(String... words) {
        var line = new StringBuilder();
        for (String word : words) {
            if (!line.isEmpty()) line.append(' ');
            if (word.isEmpty()) throw new IllegalArgumentException("a task's word cannot be empty");
            word.codePoints().forEach(c -> {
                if (c == '%' || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                    for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) line.append('%').append("%02X".formatted(b & 0xff));
                } else {
                    line.appendCodePoint(c);
                }
            });
        }
        return line.toString();
    }

    /** The words of a line made by {@link #of}; a malformed {@code %} escape is an IllegalArgumentException. */
    public static List<String> words(String line) {
        var words = new ArrayList<String>();
        for (String word : line.strip().split(" +")) {
            if (word.isEmpty()) continue;
            var bytes = new ByteArrayOutputStream();
            for (int i = 0; i < word.length(); ) {
                char c = word.charAt(i);
                if (c == '%') {
                    if (i + 3 > word.length()) throw new IllegalArgumentException("a '%' escape needs two hex digits: " + word);
                    bytes.write(Integer.parseInt(word.substring(i + 1, i + 3), 16));  // NumberFormatException is an IAE
                    i += 3;
                } else {
                    int cp = word.codePointAt(i);
                    bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(cp);
                }
            }
            words.add(bytes.toString(StandardCharsets.UTF_8));
        }
        return words;
    }
}

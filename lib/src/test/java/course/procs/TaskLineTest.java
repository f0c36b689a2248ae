package course.procs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A task line carries any word: spaces, '%', '+', line breaks, any script, and stays readable where it can. */
class TaskLineTest {

    @Test
    void everyWordComesBackAsItWas() {
        var words = List.of("cat", "http://127.0.0.1:8080/cat?x=1+2", "/tmp/my cats/ünïcödé 猫/cat-0", "100%", "a\tb\nc\rd", "\u00a0nbsp");
        String line = TaskLine.of(words.toArray(String[]::new));
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertEquals(words.size(), line.split(" ").length, line);
        assertEquals(words, TaskLine.words(line));
    }

    @Test
    void plainWordsStayReadable() {
        assertEquals("cat http://127.0.0.1:8080/cat /tmp/cats/cat-0", TaskLine.of("cat", "http://127.0.0.1:8080/cat", "/tmp/cats/cat-0"));
        assertEquals(List.of("primes", "100", "0", "1"), TaskLine.words("primes 100 0 1"));
    }

    @Test
    void aBrokenEscapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TaskLine.words("cat %G1"));
        assertThrows(IllegalArgumentException.class, () -> TaskLine.words("cat 50%"));
        assertThrows(IllegalArgumentException.class, () -> TaskLine.of("cat", ""));
    }
}

package course.vthreads;

import course.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LessonChildTest {

    @Test
    void aTimelineSentByTheChildComesBackWithTheChildsTimesLanesAndLabels() {
        long[] clock = {0};
        var sent = Timeline.start(() -> clock[0]);
        clock[0] = 1_000_000;
        var tick = sent.span("ticker", "tick 0");
        clock[0] = 2_000_000;
        var hog = sent.span("hog", "sleep\tin synchronized");  // a tab would break a line: it travels as a space
        clock[0] = 3_000_000;
        tick.close();
        sent.mark("ticker", "done");
        clock[0] = 9_000_000;
        hog.close();
        clock[0] = 10_000_000;
        sent.stop();

        var lines = new ArrayList<String>(List.of("[42] a JVM warning that is not ours"));
        lines.addAll(printed(() -> LessonChild.reply(sent, Map.of("jdk", "25"))).lines().map(l -> "[42] " + l).toList());
        var reply = LessonChild.read(lines.stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", "")).toList(), Duration.ofSeconds(1));

        assertEquals(Map.of("jdk", "25"), reply.facts());
        assertEquals(List.of("ticker", "hog"), reply.timeline().lanes());
        assertEquals(10_000_000, reply.timeline().durationNanos());
        var events = reply.timeline().events().stream()
                .map(e -> e.type() + " " + e.lane() + " " + e.label() + " " + e.startNanos() + "-" + e.endNanos()).toList();
        assertEquals(List.of(
                "SPAN ticker tick 0 1000000-3000000",
                "SPAN hog sleep in synchronized 2000000-9000000",
                "MARK ticker done 3000000-3000000"), events);
    }

    @Test
    void aScriptThatIsNowhereAboveTheWorkingFolderIsNamedInTheError() {
        var e = assertThrows(IllegalStateException.class, () -> LessonChild.find("scripts/NoSuchLesson.java"));
        assertTrue(e.getMessage().contains("cannot find scripts/NoSuchLesson.java"), e.getMessage());
    }

    private static String printed(Runnable body) {
        PrintStream was = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

    @Test
    void drawsAFixedSetOfEventsTheSameWayEveryTime() {
        String expected = """
                worker-1      cccccccccccccccccccccccccccc|cccccccccccccccccccccccccccccccccccc.....................
                philosopher 0 TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTHHHHHHHHHHHHHHEEEEEEEEEEEEEEEEEEEEEEEEEEEEE
                worker-2      .......cccccccccccccccccccccccccccccccccccc...........................................
                main          .......................................................................*..............
                              +-------------+--------------+-------------+-------------+--------------+------------+
                           ms 0             10             20            30            40             50          60
                c cat  T THINKING  H HUNGRY  E EATING  | next span  * stall detected
                """;
        assertEquals(expected, TimelineText.render(Scenes.downloadsAndAPhilosopher()));
        assertEquals(expected, TimelineText.render(Scenes.downloadsAndAPhilosopher()));
    }

    @Test
    void keepsEveryLineWithinTheWidth() {
        var timeline = Timeline.start(new FakeClock());
        timeline.mark("a lane with a name far too long to show in full", "x");
        for (String kind : List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo")) {
            timeline.span("lane", kind + " with a long label").close();
        }
        timeline.mark("lane", "a mark whose label alone is longer than the narrowest width we allow".repeat(2));
        timeline.stop();
        for (Timeline t : List.of(timeline, Scenes.downloadsAndAPhilosopher(), Scenes.empty(), Scenes.oneMark())) {
            for (int width : IntStream.rangeClosed(30, 120).toArray()) {
                for (String line : TimelineText.render(t, width).split("\n")) {
                    assertTrue(line.length() <= width, () -> width + ": " + line);
                }
            }
            for (String line : TimelineText.render(t).split("\n")) assertTrue(line.length() <= 100, line);
        }
    }

    @Test
    void marksTheStartOfASpanThatFollowsOneOfTheSameKind() {
        String firstRow = TimelineText.render(Scenes.downloadsAndAPhilosopher()).lines().findFirst().orElseThrow();
        assertTrue(firstRow.contains("c|c"), firstRow);
    }

    @Test
    void drawsAnEmptyTimeline() {
        String text = TimelineText.render(Scenes.empty());
        assertTrue(text.contains("(no events)"), text);
        assertTrue(text.contains("ms 0.0"), text);
    }

    @Test
    void drawsASingleMark() {
        assertTrue(TimelineText.render(Scenes.oneMark()).startsWith("main *..."));
    }

    @Test
    void drawsASpanStillOpenAtTheEndUpToTheEnd() {
        assertTrue(TimelineText.render(Scenes.oneOpenSpan(), 30).lines().findFirst().orElseThrow().endsWith("fff"));
    }

    @Test
    void refusesAWidthTooNarrowForAnAxis() {
        assertThrows(IllegalArgumentException.class, () -> TimelineText.render(Scenes.empty(), 29));
    }
}

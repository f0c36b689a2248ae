package course.jmm;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class OutcomeChartTest {

    static Map<String, Outcomes> counts() {
        var byWay = new LinkedHashMap<String, Outcomes>();
        byWay.put("plain", new Outcomes(Map.of("0, 0", 5L, "0, 1", 45L, "1, 0", 50L)));
        byWay.put("volatile", new Outcomes(Map.of("0, 1", 40L, "1, 0", 50L, "1, 1", 10L)));
        return byWay;
    }

    @Test
    void theTableHasARowPerWayAndAColumnPerOutcomeTheForbiddenOneMarked() {
        var table = OutcomeChart.table(counts(), "0, 0");
        assertEquals(List.of(List.of("plain", "100", "5 (5.0%)", "45 (45.0%)", "50 (50.0%)", "0"),
                List.of("volatile", "100", "0", "40 (40.0%)", "50 (50.0%)", "10 (10.0%)")), table.rows());
        assertTrue(table.toString().contains("(0, 0) !"), table.toString());
    }

    @Test
    void theForbiddenOutcomeHasAColumnEvenWhenNoWayGaveIt() {
        var table = OutcomeChart.table(Map.of("volatile", counts().get("volatile")), "0, 0");
        assertEquals(List.of(List.of("volatile", "100", "0", "40 (40.0%)", "50 (50.0%)", "10 (10.0%)")), table.rows());
    }

    @Test
    void theChartIsACellPerWayAndOutcomeRedWhereTheForbiddenOneCameOut() {
        var image = OutcomeChart.draw("test", counts(), "0, 0");
        assertTrue(image.getWidth() > 600 && image.getHeight() > 150, image.getWidth() + "x" + image.getHeight());
        // the (0, 0) cell of "plain" (first row, first outcome column) is shaded red, that of "volatile" grey
        int x = 14 + 290 + 100, plainY = 14 + 34 + 40 + 30, volatileY = plainY + 46;
        int red = image.getRGB(x, plainY) & 0xFFFFFF, grey = image.getRGB(x, volatileY) & 0xFFFFFF;
        assertEquals(0xFFCDD2, red, Integer.toHexString(red));
        assertEquals(0xECEFF1, grey, Integer.toHexString(grey));
    }

    @Test
    void outcomesAddUpOutcomeByOutcome() {
        var sum = new Outcomes(Map.of("0, 0", 1L)).plus(new Outcomes(Map.of("0, 0", 2L, "1, 1", 3L)));
        assertEquals(Map.of("0, 0", 3L, "1, 1", 3L), sum.counts());
        assertEquals(6, sum.trials());
        assertEquals(0, sum.count("0, 1"));
    }

    @Test
    void theHappensBeforeTableAndPictureHoldEveryEdge() {
        assertEquals(HappensBefore.EDGES.size(), HappensBefore.table().rows().size());
        assertEquals(1, HappensBefore.EDGES.stream().filter(e -> !e.happensBefore()).count(), "only the final-field rule is no edge");
        var image = HappensBefore.draw();
        assertTrue(image.getHeight() > 92 * HappensBefore.EDGES.size(), "height " + image.getHeight());
    }
}

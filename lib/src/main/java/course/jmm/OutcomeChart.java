package course.jmm;

import course.show.Canvas;
import course.show.Table;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The outcomes of two-actor tests, one row per way, one column per outcome, as jcstress tables them: drawn
 * ({@link #draw}) and as text ({@link #table}), from the same counts. Each cell shows the count and its share of
 * the trials; the {@code forbidden} outcome (the one a correct way must never give) is red where it came out,
 * the others green, and a cell that never came out is grey. Drawn with Java2D; works headless.
 */
public final class OutcomeChart {

    private static final int PAD = 14, ROW = 46, WAY_COLUMN = 290, CELL = 150, TITLE = 34, HEAD = 40, LEGEND = 30;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15),
            HEAD_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13), TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13),
            SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x263238), GRID = new Color(0xCFD8DC), NEVER = new Color(0xECEFF1),
            ACCEPTABLE = new Color(0xC8E6C9), ACCEPTABLE_BAR = new Color(0x66BB6A), FORBIDDEN = new Color(0xFFCDD2),
            FORBIDDEN_BAR = new Color(0xE53935);

    private OutcomeChart() {
    }

    /** Every outcome that any way gave, in order, with {@code forbidden} among them even if none gave it. */
    static List<String> outcomes(Map<String, Outcomes> byWay, String forbidden) {
        var all = new TreeSet<String>();
        all.add(forbidden);
        byWay.values().forEach(o -> all.addAll(o.counts().keySet()));
        return new ArrayList<>(all);
    }

    /** The counts as a text table: a row per way, a column per outcome ({@code count (share %)}). */
    public static Table table(Map<String, Outcomes> byWay, String forbidden) {
        var outcomes = outcomes(byWay, forbidden);
        var header = new ArrayList<String>(List.of("way", "trials"));
        outcomes.forEach(o -> header.add("(" + o + ")" + (o.equals(forbidden) ? " !" : "")));
        var table = new Table(header.toArray(String[]::new));
        byWay.forEach((way, counts) -> {
            var row = new ArrayList<Object>(List.of(way, counts.trials()));
            outcomes.forEach(o -> row.add(cell(counts, o)));
            table.row(row.toArray());
        });
        return table.note("(r1, r2) = what actor 1 and actor 2 read; ! = the outcome no interleaving of the two threads gives");
    }

    private static String cell(Outcomes counts, String outcome) {
        long n = counts.count(outcome);
        return n == 0 ? "0" : "%d (%.1f%%)".formatted(n, 100.0 * n / counts.trials());
    }

    /** The same counts drawn as a table of shaded cells. */
    public static BufferedImage draw(String title, Map<String, Outcomes> byWay, String forbidden) {
        var outcomes = outcomes(byWay, forbidden);
        int width = PAD * 2 + WAY_COLUMN + CELL * outcomes.size();
        int height = PAD * 2 + TITLE + HEAD + ROW * byWay.size() + LEGEND;
        var image = Canvas.white(width, height);
        Graphics2D g = Canvas.pen(image);
        try {
            g.setColor(INK);
            g.setFont(TITLE_FONT);
            g.drawString(title, PAD, PAD + 18);
            int top = PAD + TITLE;
            g.setFont(HEAD_FONT);
            g.drawString("way", PAD + 6, top + 16);
            g.setFont(SMALL);
            g.drawString("trials", PAD + 6, top + 32);
            for (int c = 0; c < outcomes.size(); c++) {
                int x = PAD + WAY_COLUMN + c * CELL;
                g.setFont(HEAD_FONT);
                g.drawString("(" + outcomes.get(c) + ")", x + 8, top + 16);
                g.setFont(SMALL);
                g.drawString(outcomes.get(c).equals(forbidden) ? "no interleaving gives it" : "an interleaving", x + 8, top + 32);
            }
            int r = 0;
            for (var entry : byWay.entrySet()) {
                int y = top + HEAD + r++ * ROW;
                var counts = entry.getValue();
                g.setColor(INK);
                g.setFont(TEXT);
                g.drawString(entry.getKey(), PAD + 6, y + 20);
                g.setFont(SMALL);
                g.drawString("%,d".formatted(counts.trials()), PAD + 6, y + 37);
                for (int c = 0; c < outcomes.size(); c++) {
                    String outcome = outcomes.get(c);
                    long n = counts.count(outcome);
                    double share = counts.trials() == 0 ? 0 : (double) n / counts.trials();
                    boolean bad = outcome.equals(forbidden);
                    int x = PAD + WAY_COLUMN + c * CELL;
                    g.setColor(n == 0 ? NEVER : bad ? FORBIDDEN : ACCEPTABLE);
                    g.fillRect(x + 2, y + 2, CELL - 4, ROW - 4);
                    if (n > 0) {
                        g.setColor(bad ? FORBIDDEN_BAR : ACCEPTABLE_BAR);
                        g.fillRect(x + 2, y + ROW - 10, (int) Math.max(2, Math.round((CELL - 4) * share)), 8);
                    }
                    g.setColor(INK);
                    g.setFont(TEXT);
                    String text = n == 0 ? "0" : "%,d".formatted(n);
                    g.drawString(text, x + 8, y + 20);
                    if (n > 0) {
                        g.setFont(SMALL);
                        FontMetrics fm = g.getFontMetrics();
                        String pct = "%.1f%%".formatted(100 * share);
                        g.drawString(pct, x + CELL - 8 - fm.stringWidth(pct), y + 20);
                    }
                }
                g.setColor(GRID);
                g.drawLine(PAD, y + ROW, width - PAD, y + ROW);
            }
            int y = top + HEAD + ROW * byWay.size() + 20;
            g.setFont(SMALL);
            legend(g, PAD + 6, y, FORBIDDEN, "(" + forbidden + ") came out: each read came before the other thread's write");
            legend(g, PAD + 6 + 440, y, ACCEPTABLE, "came out, as some interleaving allows");
            legend(g, PAD + 6 + 700, y, NEVER, "never came out");
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(INK);
        g.drawString(text, x + 20, y);
    }
}

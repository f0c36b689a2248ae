package course.show;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several measures of the same rows as panels of horizontal bars side by side, one panel per measure, each
 * with its own scale: e.g. ways of downloading cats (rows) by wall time, threads used and CPU per cat (panels).
 * A row belongs to a group (e.g. its language), which gives its colour; a bar may carry a mark, e.g. the
 * floor the wall time is measured against. Drawn with Java2D; works headless.
 */
public final class Bars {

    private static final Color[] GROUP_COLOURS = {new Color(0x3B6FB6), new Color(0xE08A1E), new Color(0x4F9D55), new Color(0x9B59B6)};
    private static final int ROW = 24, LABEL = 190, PANEL = 170, GAP = 18, TOP = 58, BOTTOM = 40;

    private record Row(String group, String label) {
    }

    private record Panel(String title, double[] values, double[] marks) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<Panel> panels = new ArrayList<>();
    private String markName = "";

    public Bars(String title) {
        this.title = title;
    }

    /** Adds a row, in order; every panel needs one value per row. */
    public Bars row(String group, String label) {
        rows.add(new Row(group, label));
        return this;
    }

    /** A panel of one value per row. */
    public Bars panel(String title, double... values) {
        return panel(title, values, null);
    }

    /** A panel with a mark per row (a thin black line across the bar; NaN for none). */
    public Bars panel(String title, double[] values, double[] marks) {
        if (values.length != rows.size() || (marks != null && marks.length != rows.size())) {
            throw new IllegalArgumentException(title + ": " + values.length + " values for " + rows.size() + " rows");
        }
        panels.add(new Panel(title, values.clone(), marks == null ? null : marks.clone()));
        return this;
    }

    /** What the marks mean, said in the legend. */
    public Bars marks(String name) {
        this.markName = name;
        return this;
    }

    public BufferedImage draw() {
        int width = LABEL + panels.size() * (PANEL + GAP) + GAP;
        int height = TOP + rows.size() * ROW + BOTTOM;
        var image = Canvas.white(width, height);
        Graphics2D g = Canvas.pen(image);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 20);
            Map<String, Color> colours = new LinkedHashMap<>();
            for (Row row : rows) colours.computeIfAbsent(row.group(), k -> GROUP_COLOURS[colours.size() % GROUP_COLOURS.length]);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int r = 0; r < rows.size(); r++) {
                int y = TOP + r * ROW;
                g.setColor(colours.get(rows.get(r).group()));
                g.drawString(rows.get(r).group() + ": " + rows.get(r).label(), 10, y + ROW / 2 + 4);
            }
            for (int p = 0; p < panels.size(); p++) drawPanel(g, panels.get(p), LABEL + p * (PANEL + GAP), colours);
            legend(g, colours, height - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawPanel(Graphics2D g, Panel panel, int left, Map<String, Color> colours) {
        double max = 0;
        for (int r = 0; r < rows.size(); r++) {
            max = Math.max(max, panel.values()[r]);
            if (panel.marks() != null && !Double.isNaN(panel.marks()[r])) max = Math.max(max, panel.marks()[r]);
        }
        if (max <= 0) max = 1;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(panel.title(), left, TOP - 10);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(left, TOP - 4, left, TOP + rows.size() * ROW);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int room = PANEL - 44;                       // what is left for the bar once its number is written after it
        for (int r = 0; r < rows.size(); r++) {
            int y = TOP + r * ROW;
            double value = panel.values()[r];
            int w = (int) Math.round(value / max * room);
            g.setColor(colours.get(rows.get(r).group()));
            g.fillRect(left + 1, y + 5, Math.max(1, w), ROW - 10);
            if (panel.marks() != null && !Double.isNaN(panel.marks()[r])) {
                int x = left + 1 + (int) Math.round(panel.marks()[r] / max * room);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2));
                g.drawLine(x, y + 2, x, y + ROW - 2);
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(number(value), left + 4 + Math.max(w, 1), y + ROW / 2 + 4);
        }
    }

    private void legend(Graphics2D g, Map<String, Color> colours, int y) {
        int x = 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (var group : colours.entrySet()) {
            g.setColor(group.getValue());
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(group.getKey(), x + 16, y);
            x += 30 + g.getFontMetrics().stringWidth(group.getKey());
        }
        if (!markName.isEmpty()) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            g.drawLine(x, y - 11, x, y + 2);
            g.setStroke(new BasicStroke(1));
            g.drawString(markName, x + 8, y);
        }
    }

    private static String number(double value) {
        if (value >= 100 || value == Math.rint(value)) return String.valueOf(Math.round(value));
        return String.format("%.1f", value);
    }
}

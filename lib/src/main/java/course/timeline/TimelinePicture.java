package course.timeline;

import course.show.Canvas;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A timeline as a picture: one row per lane, time in ms across, spans and states as coloured bars
 * (labelled when the label fits), marks as small flags. Each kind of label (its first word, so
 * "cat 3" and "cat 7" are both "cat") has one colour, listed in the legend; a bar that had not
 * ended when the timeline stopped ends in an arrow. A {@link BufferedImage} is shown as a PNG
 * when it is the value of a notebook cell. Works headless.
 */
public final class TimelinePicture {

    public static final int DEFAULT_WIDTH = 900;

    private static final int PAD = 12, ROW = 30, BAR = 22, AXIS = 34, LEGEND_ROW = 20;
    private static final Font LANE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color INK = new Color(0x263238), GRID = new Color(0xE0E0E0),
            STRIPE = new Color(0xF5F7F8), MARK = new Color(0x37474F);

    private TimelinePicture() {}

    public static BufferedImage draw(Timeline timeline) {
        return draw(timeline, null, DEFAULT_WIDTH);
    }

    public static BufferedImage draw(Timeline timeline, String title) {
        return draw(timeline, title, DEFAULT_WIDTH);
    }

    /**
     * Draws {@code width} pixels wide (at least 300), under {@code title} if it is not null;
     * the height follows from the number of lanes.
     */
    public static BufferedImage draw(Timeline timeline, String title, int width) {
        if (width < 300) throw new IllegalArgumentException("width must be at least 300, was " + width);
        List<Timeline.Event> events = timeline.events();
        var legend = new Legend(events);
        var legendItems = legendItems(legend, events);
        var layout = layout(timeline.lanes(), timeline.durationNanos(), legendItems, title, width);
        var image = Canvas.white(layout.width(), layout.height());
        Graphics2D g = Canvas.pen(image);
        try {
            if (title != null) {
                g.setFont(TITLE_FONT);
                g.setColor(INK);
                g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
            }
            drawLanes(g, layout);
            drawAxis(g, layout);
            drawEvents(g, layout, events, legend);
            drawLegend(g, layout, legendItems);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Where things go; package-private so that tests can find a lane's row. */
    record Layout(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom,
                  long rangeNanos, List<Row> rows, int legendTop) {
        int x(long nanos) {
            return plotLeft + (int) Math.round((double) nanos * (plotRight - plotLeft) / rangeNanos);
        }

        Row row(String lane) {
            return rows.stream().filter(r -> r.lane().equals(lane)).findFirst().orElseThrow();
        }
    }

    /** One lane's row; its bars fill {@code barTop} to {@code barTop + BAR}. */
    record Row(String lane, int top, int barTop) {
        int middle() { return barTop + BAR / 2; }
    }

    /** The layout {@link #draw(Timeline, String, int)} uses, for tests. */
    static Layout layout(Timeline timeline, String title, int width) {
        List<Timeline.Event> events = timeline.events();
        var items = legendItems(new Legend(events), events);
        return layout(timeline.lanes(), timeline.durationNanos(), items, title, width);
    }

    private static Layout layout(List<String> lanes, long durationNanos, List<LegendItem> legendItems,
                                 String title, int width) {
        FontMetrics lane = Canvas.metrics(LANE_FONT);
        int nameWidth = Math.min(width / 4, lanes.stream().mapToInt(lane::stringWidth).max().orElse(0));
        nameWidth = Math.max(nameWidth, 30); // the axis's unit goes there, left of the first tick's label
        int plotLeft = PAD + nameWidth + 10;
        int plotRight = width - PAD - 14; // room for the last tick's label
        int plotTop = PAD + (title == null ? 0 : Canvas.metrics(TITLE_FONT).getHeight() + 8);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            int top = plotTop + i * ROW;
            rows.add(new Row(lanes.get(i), top, top + (ROW - BAR) / 2));
        }
        int plotBottom = plotTop + Math.max(1, lanes.size()) * ROW;
        int legendTop = plotBottom + AXIS;
        int legendRows = legendRows(legendItems, width);
        int height = legendTop + legendRows * LEGEND_ROW + PAD / 2;
        long range = durationNanos > 0 ? durationNanos : 1_000_000;
        return new Layout(width, height, plotLeft, plotRight, plotTop, plotBottom, range, rows, legendTop);
    }

    private static void drawLanes(Graphics2D g, Layout layout) {
        g.setFont(LANE_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < layout.rows().size(); i++) {
            Row row = layout.rows().get(i);
            if (i % 2 == 1) {
                g.setColor(STRIPE);
                g.fillRect(PAD, row.top(), layout.plotRight() - PAD, ROW);
            }
            g.setColor(INK);
            String name = fit(row.lane(), fm, layout.plotLeft() - PAD - 10);
            g.drawString(name, PAD, row.middle() + fm.getAscent() / 2 - 1);
        }
        if (layout.rows().isEmpty()) {
            g.setColor(Color.GRAY);
            g.drawString("(no events)", layout.plotLeft() + 8, layout.plotTop() + ROW / 2 + fm.getAscent() / 2);
        }
    }

    private static void drawAxis(Graphics2D g, Layout layout) {
        double millis = layout.rangeNanos() / 1e6;
        int plotWidth = layout.plotRight() - layout.plotLeft();
        double step = TimeAxis.stepMillis(millis, Math.max(2, plotWidth / 80));
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int axisY = layout.plotBottom() + 2;
        for (int i = 0; i * step <= millis * (1 + 1e-9); i++) {
            int x = layout.x(Math.round(i * step * 1e6));
            g.setColor(GRID);
            g.drawLine(x, layout.plotTop(), x, axisY);
            g.setColor(INK);
            g.drawLine(x, axisY, x, axisY + 4);
            String label = TimeAxis.label(i * step, step);
            g.drawString(label, x - fm.stringWidth(label) / 2, axisY + 6 + fm.getAscent());
        }
        g.setColor(INK);
        g.drawLine(layout.plotLeft(), axisY, layout.plotRight(), axisY);
        String unit = "ms", first = TimeAxis.label(0, step);
        int unitX = layout.plotLeft() - fm.stringWidth(first) / 2 - 6 - fm.stringWidth(unit);
        g.drawString(unit, unitX, axisY + 6 + fm.getAscent());
    }

    private static void drawEvents(Graphics2D g, Layout layout, List<Timeline.Event> events, Legend legend) {
        // States underneath; spans over them, a nested span inset inside its parent; marks on top
        Map<String, Boolean> laneHasStates = new HashMap<>();
        for (var e : events) if (e.type() == Timeline.Type.STATE) laneHasStates.put(e.lane(), true);
        for (var e : events) {
            if (e.type() == Timeline.Type.STATE) bar(g, layout, e, legend, 0);
        }
        Map<String, List<Long>> openEnds = new HashMap<>(); // per lane, ends of enclosing spans
        for (var e : events) {
            if (e.type() != Timeline.Type.SPAN) continue;
            List<Long> enclosing = openEnds.computeIfAbsent(e.lane(), l -> new ArrayList<>());
            enclosing.removeIf(end -> end <= e.startNanos());
            int depth = enclosing.size() + (laneHasStates.containsKey(e.lane()) ? 1 : 0);
            bar(g, layout, e, legend, Math.min(depth, 3));
            enclosing.add(e.endNanos());
        }
        Map<String, Integer> labelFreeFrom = new HashMap<>();
        for (var e : events) {
            if (e.type() == Timeline.Type.MARK) mark(g, layout, e, labelFreeFrom);
        }
    }

    private static void bar(Graphics2D g, Layout layout, Timeline.Event e, Legend legend, int depth) {
        Row row = layout.row(e.lane());
        int inset = depth * 4;
        int x0 = layout.x(e.startNanos());
        int x1 = Math.max(x0 + 1, layout.x(e.endNanos()));
        int y = row.barTop() + inset, h = BAR - 2 * inset;
        Color colour = legend.of(e.label()).colour();
        g.setColor(colour);
        g.fillRect(x0, y, x1 - x0, h);
        if (x1 - x0 >= 4) { // an outline keeps back-to-back bars of one colour apart
            g.setColor(colour.darker());
            g.setStroke(new BasicStroke(1));
            g.drawRect(x0, y, x1 - x0 - 1, h - 1);
        }
        int arrow = 0;
        if (e.open() && x1 - x0 >= 10) {
            arrow = 7;
            g.setColor(colour.darker().darker());
            int mid = y + h / 2;
            g.fillPolygon(new Polygon(new int[] {x1 - 8, x1 - 1, x1 - 8}, new int[] {mid - 5, mid, mid + 5}, 3));
        }
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        String text = labelThatFits(e.label(), fm, x1 - x0 - 6 - arrow);
        if (text != null) {
            g.setColor(readableOn(colour));
            g.drawString(text, x0 + 3, y + h / 2 + fm.getAscent() / 2 - 1);
        }
    }

    private static void mark(Graphics2D g, Layout layout, Timeline.Event e, Map<String, Integer> labelFreeFrom) {
        Row row = layout.row(e.lane());
        int x = layout.x(e.startNanos());
        g.setColor(MARK);
        g.setStroke(new BasicStroke(2));
        g.drawLine(x, row.top() + 2, x, row.top() + ROW - 2);
        g.fillPolygon(new Polygon(new int[] {x - 5, x + 5, x}, new int[] {row.top(), row.top(), row.top() + 6}, 3));
        g.setStroke(new BasicStroke(1));
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int textWidth = fm.stringWidth(e.label());
        int textX = x + 6;
        if (textX + textWidth > layout.width() - 2) textX = x - 6 - textWidth; // no room on the right
        if (textX < labelFreeFrom.getOrDefault(e.lane(), 0) || textX < 2) return;
        int baseline = row.top() + fm.getAscent() + 1;
        g.setColor(new Color(255, 255, 255, 210));
        g.fillRoundRect(textX - 2, row.top() + 1, textWidth + 4, fm.getHeight() - 1, 4, 4);
        g.setColor(MARK);
        g.drawString(e.label(), textX, baseline);
        labelFreeFrom.put(e.lane(), textX + textWidth + 6);
    }

    private static void drawLegend(Graphics2D g, Layout layout, List<LegendItem> items) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int x = PAD, y = layout.legendTop();
        for (var item : items) {
            int w = 16 + fm.stringWidth(item.text()) + 16;
            if (x > PAD && x + w > layout.width() - PAD) {
                x = PAD;
                y += LEGEND_ROW;
            }
            int mid = y + LEGEND_ROW / 2;
            switch (item.symbol()) {
                case SWATCH -> {
                    g.setColor(item.colour());
                    g.fillRect(x, mid - 6, 12, 12);
                    g.setColor(item.colour().darker());
                    g.drawRect(x, mid - 6, 11, 11);
                }
                case FLAG -> {
                    g.setColor(MARK);
                    g.fillPolygon(new Polygon(new int[] {x + 1, x + 11, x + 6}, new int[] {mid - 6, mid - 6, mid}, 3));
                    g.fillRect(x + 5, mid - 6, 2, 13);
                }
                case ARROW -> {
                    g.setColor(INK);
                    g.fillPolygon(new Polygon(new int[] {x + 2, x + 10, x + 2}, new int[] {mid - 5, mid, mid + 5}, 3));
                }
            }
            g.setColor(INK);
            g.drawString(item.text(), x + 16, mid + fm.getAscent() / 2 - 1);
            x += w;
        }
    }

    private enum Symbol { SWATCH, FLAG, ARROW }

    private record LegendItem(Symbol symbol, Color colour, String text) {}

    private static List<LegendItem> legendItems(Legend legend, List<Timeline.Event> events) {
        boolean anyOpen = events.stream().anyMatch(e -> e.open() && e.type() != Timeline.Type.MARK);
        List<LegendItem> items = new ArrayList<>();
        for (var entry : legend.entries()) items.add(new LegendItem(Symbol.SWATCH, entry.colour(), entry.kind()));
        if (!legend.markLabels().isEmpty()) {
            items.add(new LegendItem(Symbol.FLAG, MARK, String.join(", ", legend.markLabels())));
        }
        if (anyOpen) items.add(new LegendItem(Symbol.ARROW, INK, "still going when the timeline stopped"));
        return items;
    }

    private static int legendRows(List<LegendItem> items, int width) {
        FontMetrics fm = Canvas.metrics(LABEL_FONT);
        int rows = 1, x = PAD;
        for (var item : items) {
            int w = 16 + fm.stringWidth(item.text()) + 16;
            if (x > PAD && x + w > width - PAD) {
                rows++;
                x = PAD;
            }
            x += w;
        }
        return rows;
    }

    /** The whole label; else what follows its kind ("3" of "cat 3"); else nothing. */
    private static String labelThatFits(String label, FontMetrics fm, int room) {
        if (fm.stringWidth(label) <= room) return label;
        String rest = label.substring(Math.min(label.length(), Legend.kindOf(label).length())).strip();
        if (!rest.isEmpty() && fm.stringWidth(rest) <= room) return rest;
        return null;
    }

    private static String fit(String text, FontMetrics fm, int room) {
        if (fm.stringWidth(text) <= room) return text;
        while (!text.isEmpty() && fm.stringWidth(text + "…") > room) text = text.substring(0, text.length() - 1);
        return text + "…";
    }

    private static Color readableOn(Color background) {
        double luminance = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luminance > 140 ? INK : Color.WHITE;
    }
}

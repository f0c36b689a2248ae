package course.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A counter of a {@link Timeline} over time as a step chart, e.g. requests in flight, with an
 * optional dashed line at a limit (e.g. the permits of a semaphore). The value holds from one
 * sample to the next, up to the end of the timeline. Drawn with Java2D; works headless.
 */
public final class CounterChart {

    public static final int WIDTH = 900, HEIGHT = 380;

    private static final int PAD = 12, SWATCH = 22;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15),
            AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13),
            LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x263238), GRID = new Color(0xE0E0E0), VALUE = new Color(0x4E79A7),
            FILL = new Color(0x4E, 0x79, 0xA7, 60), LIMIT = new Color(0xD32F2F);
    private static final Stroke LINE = new BasicStroke(2), DASHED = new BasicStroke(2, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0); // dashed: a bound, not a measurement

    private CounterChart() {}

    public static BufferedImage draw(String title, Timeline timeline, String series) {
        return draw(title, timeline, series, null, null);
    }

    /** With a line at {@code limit}, named "limit = 4" in the legend. */
    public static BufferedImage draw(String title, Timeline timeline, String series, long limit) {
        return draw(title, timeline, series, limit, "limit = " + limit);
    }

    /** With a line at {@code limit} named {@code limitName}, e.g. "semaphore permits = 4". */
    public static BufferedImage draw(String title, Timeline timeline, String series, long limit, String limitName) {
        return draw(title, timeline, series, (Long) limit, limitName);
    }

    /** Where things go; package-private so that tests can find a time's column and a value's row. */
    record Layout(int left, int right, int top, int bottom, double endMillis, long yMax, long yStep) {
        int x(double millis) { return left + (int) Math.round(millis * (right - left) / endMillis); }
        int y(double value) { return bottom - (int) Math.round(value * (bottom - top) / yMax); }
    }

    /** The layout {@code draw} uses, for tests; {@code limit} may be null. */
    static Layout layout(String title, Timeline timeline, String series, Long limit) {
        Graphics2D g = graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        try {
            return layout(g, title, timeline.counter(series), timeline.durationNanos(), limit);
        } finally {
            g.dispose();
        }
    }

    private static BufferedImage draw(String title, Timeline timeline, String series, Long limit, String limitName) {
        List<Timeline.Sample> samples = timeline.counter(series);
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            Layout l = layout(g, title, samples, timeline.durationNanos(), limit);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(INK);
            if (title != null) {
                g.setFont(TITLE_FONT);
                g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
            }
            drawAxes(g, l, series);
            drawPlot(g, l, samples, limit);
            g.setColor(INK); // over the data, so that a count of 0 still shows the axis
            g.drawLine(l.left(), l.top(), l.left(), l.bottom());
            g.drawLine(l.left(), l.bottom(), l.right(), l.bottom());
            drawLegend(g, l, series, limit == null ? null : limitName);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Layout layout(Graphics2D g, String title, List<Timeline.Sample> samples, long nanos, Long limit) {
        double end = Math.max(nanos / 1e6, samples.isEmpty() ? 0 : samples.getLast().millis());
        if (end <= 0) end = 1; // an empty timeline still gets an axis
        long highest = samples.stream().mapToLong(Timeline.Sample::value).max().orElse(0);
        if (limit != null) highest = Math.max(highest, limit);
        long yMax = Math.max(1, (long) Math.ceil(highest * 1.15)); // headroom above the top keeps the legend clear
        FontMetrics label = g.getFontMetrics(LABEL_FONT), axis = g.getFontMetrics(AXIS_FONT);
        int top = PAD + (title == null ? 4 : g.getFontMetrics(TITLE_FONT).getHeight() + 10);
        int bottom = HEIGHT - PAD - axis.getHeight() - 6 - label.getHeight() - 6;
        // TimeAxis's 1-2-5 steps read as well for counts; at least 1, as a count has no halves
        long yStep = Math.max(1, Math.round(TimeAxis.stepMillis(yMax, Math.max(2, (bottom - top) / 40))));
        int tickWidth = label.stringWidth(Long.toString(yMax / yStep * yStep));
        int left = PAD + axis.getHeight() + 8 + tickWidth + 8;
        return new Layout(left, WIDTH - PAD - 16, top, bottom, end, yMax, yStep);
    }

    private static void drawAxes(Graphics2D g, Layout l, String series) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (long v = 0; v <= l.yMax(); v += l.yStep()) {
            int y = l.y(v);
            g.setColor(GRID);
            g.drawLine(l.left(), y, l.right(), y);
            g.setColor(INK);
            g.drawLine(l.left() - 4, y, l.left(), y);
            String text = Long.toString(v);
            g.drawString(text, l.left() - 8 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
        }
        double step = TimeAxis.stepMillis(l.endMillis(), Math.max(2, (l.right() - l.left()) / 80));
        for (int i = 0; i * step <= l.endMillis() * (1 + 1e-9); i++) {
            int x = l.x(i * step);
            g.drawLine(x, l.bottom(), x, l.bottom() + 4);
            String text = TimeAxis.label(i * step, step);
            g.drawString(text, x - fm.stringWidth(text) / 2, l.bottom() + 6 + fm.getAscent());
        }
        g.setFont(AXIS_FONT);
        fm = g.getFontMetrics();
        String time = "time (ms)";
        g.drawString(time, (l.left() + l.right() - fm.stringWidth(time)) / 2, HEIGHT - PAD - fm.getDescent());
        var turned = (Graphics2D) g.create();
        turned.rotate(-Math.PI / 2); // reads bottom to top, like most charts' y titles
        turned.drawString(series, -(l.top() + l.bottom() + fm.stringWidth(series)) / 2, PAD + fm.getAscent());
        turned.dispose();
    }

    private static void drawPlot(Graphics2D g, Layout l, List<Timeline.Sample> samples, Long limit) {
        Graphics2D plot = (Graphics2D) g.create(); // clipped, so that a count below 0 stays in the plot
        plot.clipRect(l.left(), l.top(), l.right() - l.left() + 1, l.bottom() - l.top() + 2);
        if (samples.isEmpty()) {
            plot.setFont(LABEL_FONT);
            plot.setColor(Color.GRAY);
            int textWidth = plot.getFontMetrics().stringWidth("(no samples)");
            plot.drawString("(no samples)", (l.left() + l.right() - textWidth) / 2, (l.top() + l.bottom()) / 2);
        } else {
            long value = samples.getFirst().nanos() > 0 ? 0 : samples.getFirst().value(); // nothing counted yet: 0
            var line = new Path2D.Double();
            line.moveTo(l.x(0), l.y(value));
            for (var s : samples) {
                line.lineTo(l.x(s.millis()), l.y(value));
                line.lineTo(l.x(s.millis()), l.y(s.value()));
                value = s.value();
            }
            line.lineTo(l.right(), l.y(value)); // the last value lasts until the end
            var area = new Path2D.Double(line);
            area.lineTo(l.right(), l.bottom());
            area.lineTo(l.left(), l.bottom());
            plot.setColor(FILL);
            plot.fill(area);
            plot.setColor(VALUE);
            plot.setStroke(LINE);
            plot.draw(line);
        }
        if (limit != null) {
            plot.setColor(LIMIT);
            plot.setStroke(DASHED);
            plot.drawLine(l.left(), l.y(limit), l.right(), l.y(limit));
        }
        plot.dispose();
    }

    private static void drawLegend(Graphics2D g, Layout l, String series, String limitName) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int x = l.left() + 8, y = l.top() + 6, h = fm.getHeight() + 8, mid = y + h / 2, text = SWATCH + 6;
        int w = 16 + text + fm.stringWidth(series) + (limitName == null ? 0 : 16 + text + fm.stringWidth(limitName));
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, w, h);
        g.setColor(GRID);
        g.drawRect(x, y, w, h);
        x += 8;
        g.setColor(FILL);
        g.fillRect(x, mid - 4, SWATCH, 9);
        g.setColor(VALUE);
        g.fillRect(x, mid - 5, SWATCH, 2);
        g.setColor(INK);
        int baseline = mid + fm.getAscent() / 2 - 1;
        g.drawString(series, x + text, baseline);
        if (limitName == null) return;
        x += text + fm.stringWidth(series) + 16;
        g.drawString(limitName, x + text, baseline);
        g.setColor(LIMIT);
        g.setStroke(DASHED);
        g.drawLine(x, mid, x + SWATCH, mid);
    }

    private static Graphics2D graphics(BufferedImage image) {
        return course.show.Canvas.pen(image);
    }
}

package course.dining;

import course.show.Canvas;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The note's picture, drawn from a {@link TableState}: a round table seen from above, a plate per
 * philosopher, each fork on the table between two plates or, when taken, next to its holder's plate in his
 * colour, and a red arrow from each waiting philosopher to the fork he waits for. Seats go round
 * counter-clockwise, so that fork {@code p} is at philosopher {@code p}'s left hand. A
 * {@link BufferedImage} is shown as a PNG when it is the value of a notebook cell. Works headless.
 *
 * <p><b>Thread-safety.</b> Stateless; draw from any thread.
 */
public final class TablePicture {

    private static final int SIZE = 560, WIDTH = 700, TOP = 40, BOTTOM = 46;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color INK = new Color(0x263238), WOOD = new Color(0xD7B48A), WOOD_EDGE = new Color(0x8D6E63),
            FREE = new Color(0x78909C), WAIT = new Color(0xD32F2F);
    /** Tableau 10, one per philosopher; it repeats past ten. */
    private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0x59A14F, 0xB07AA1, 0x76B7B2,
            0xEDC948, 0x9C755F, 0xFF9DA7, 0xE15759, 0xBAB0AC};

    private TablePicture() {
    }

    /** Draws {@code state} under {@code title} (none if null). */
    public static BufferedImage draw(TableState state, String title) {
        int n = state.seats();
        int width = WIDTH, height = TOP + SIZE - 40 + BOTTOM;
        var image = Canvas.white(width, height);
        Graphics2D g = Canvas.pen(image);
        try {
            if (title != null) {
                g.setFont(TITLE);
                g.setColor(INK);
                g.drawString(title, 14, 26);
            }
            double cx = width / 2.0, cy = TOP + (SIZE - 40) / 2.0;
            double table = 175, plateRing = 122, plate = Math.min(34, Math.PI * plateRing / n * 0.55);
            g.setColor(WOOD);
            g.fill(new java.awt.geom.Ellipse2D.Double(cx - table, cy - table, 2 * table, 2 * table));
            g.setColor(WOOD_EDGE);
            g.setStroke(new BasicStroke(3));
            g.draw(new java.awt.geom.Ellipse2D.Double(cx - table, cy - table, 2 * table, 2 * table));

            double step = 2 * Math.PI / n;
            // Where each fork is drawn: between two plates when free, beside its holder's plate when taken
            Point2D[] forkAt = new Point2D[n];
            double[] forkAngle = new double[n];
            for (int f = 0; f < n; f++) {
                int holder = state.holderOf().get(f);
                double angle;
                double radius = plateRing;
                if (holder == TableState.NOBODY) {
                    angle = seatAngle(f, step) + step / 2;               // between seat f - 1 and seat f
                } else {
                    boolean left = state.leftFork(holder) == f;
                    double side = Math.min(step * 0.36, (plate + 12) / plateRing);
                    angle = seatAngle(holder, step) + (left ? side : -side);
                    radius = plateRing - 6;
                }
                forkAngle[f] = angle;
                forkAt[f] = at(cx, cy, radius, angle);
            }
            // Plates and names
            for (int p = 0; p < n; p++) {
                Color colour = colour(p);
                Point2D c = at(cx, cy, plateRing, seatAngle(p, step));
                g.setColor(Color.WHITE);
                g.fill(new java.awt.geom.Ellipse2D.Double(c.getX() - plate, c.getY() - plate, 2 * plate, 2 * plate));
                g.setColor(colour);
                g.setStroke(new BasicStroke(4));
                g.draw(new java.awt.geom.Ellipse2D.Double(c.getX() - plate + 2, c.getY() - plate + 2, 2 * plate - 4, 2 * plate - 4));
                g.setFont(NAME);
                centred(g, "P" + p, c.getX(), c.getY());
                // The name outside the table, leaning away from it: to the right on the right side, and so on
                double angle = seatAngle(p, step), cos = Math.cos(angle), sin = Math.sin(angle);
                Point2D label = at(cx, cy, table + 12, angle);
                double lean = cos > 0.35 ? 1 : cos < -0.35 ? -1 : 0;
                double y = label.getY() + (sin < -0.35 ? -22 : sin > 0.35 ? 16 : -6);
                g.setColor(colour.darker());
                outside(g, state.names().get(p), label.getX(), y, lean);
                g.setFont(SMALL);
                g.setColor(INK);
                outside(g, summary(state, p), label.getX(), y + 16, lean);
            }
            // Forks
            for (int f = 0; f < n; f++) {
                int holder = state.holderOf().get(f);
                drawFork(g, forkAt[f], forkAngle[f], holder == TableState.NOBODY ? FREE : colour(holder).darker(), f);
            }
            // Who waits for which fork
            for (int p = 0; p < n; p++) {
                int f = state.waitsFor().get(p);
                if (f == TableState.NOTHING) continue;
                Point2D from = at(cx, cy, plateRing - plate * 0.2, seatAngle(p, step));
                arrow(g, from, forkAt[f], plate * 0.9, 16);
            }
            legend(g, height - BOTTOM + 14, state.cycle().isEmpty() ? null : "a circle of waiting: a deadlock");
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Seat p's angle on screen: seat 0 at the top, the next ones counter-clockwise. */
    private static double seatAngle(int seat, double step) {
        return -Math.PI / 2 - seat * step;
    }

    private static Point2D at(double cx, double cy, double radius, double angle) {
        return new Point2D.Double(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
    }

    private static Color colour(int seat) {
        return new Color(PALETTE[seat % PALETTE.length]);
    }

    private static String summary(TableState state, int p) {
        var held = state.holdings(p);
        int wanted = state.waitsFor().get(p);
        String has = held.isEmpty() ? "no fork" : "has " + String.join("+", held.stream().map(String::valueOf).toList());
        return wanted == TableState.NOTHING ? has : has + ", wants " + wanted;
    }

    /** A fork lying along the radius, tines toward the table's edge, its number beside it. */
    private static void drawFork(Graphics2D g, Point2D at, double angle, Color colour, int number) {
        AffineTransform saved = g.getTransform();
        g.translate(at.getX(), at.getY());
        g.rotate(angle + Math.PI / 2);       // local -y points away from the centre
        g.setColor(colour);
        g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(0, 22, 0, -4);                          // handle
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(-6, -4, 6, -4);
        for (int x = -6; x <= 6; x += 4) g.drawLine(x, -4, x, -20);   // tines
        g.setTransform(saved);
        g.setFont(SMALL);
        g.setColor(INK);
        Point2D label = new Point2D.Double(at.getX() - 28 * Math.cos(angle), at.getY() - 28 * Math.sin(angle));
        centred(g, String.valueOf(number), label.getX(), label.getY());
    }

    private static void arrow(Graphics2D g, Point2D from, Point2D to, double trimStart, double trimEnd) {
        double dx = to.getX() - from.getX(), dy = to.getY() - from.getY(), length = Math.hypot(dx, dy);
        if (length < trimStart + trimEnd + 4) return;
        double ux = dx / length, uy = dy / length;
        double x0 = from.getX() + ux * trimStart, y0 = from.getY() + uy * trimStart;
        double x1 = to.getX() - ux * trimEnd, y1 = to.getY() - uy * trimEnd;
        g.setColor(WAIT);
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {7, 5}, 0));
        g.drawLine((int) x0, (int) y0, (int) (x1 - ux * 8), (int) (y1 - uy * 8));
        g.setStroke(new BasicStroke(1));
        double px = -uy, py = ux;
        g.fillPolygon(new Polygon(
                new int[] {(int) x1, (int) (x1 - ux * 13 + px * 7), (int) (x1 - ux * 13 - px * 7)},
                new int[] {(int) y1, (int) (y1 - uy * 13 + py * 7), (int) (y1 - uy * 13 - py * 7)}, 3));
    }

    private static void legend(Graphics2D g, int y, String verdict) {
        g.setFont(SMALL);
        int x = 14;
        g.setColor(FREE);
        g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x, y, x + 16, y);
        g.setColor(INK);
        g.drawString("fork on the table", x + 22, y + 4);
        x += 150;
        g.setColor(colour(0).darker());
        g.drawLine(x, y, x + 16, y);
        g.setColor(INK);
        g.drawString("fork held (holder's colour)", x + 22, y + 4);
        x += 190;
        g.setColor(WAIT);
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {7, 5}, 0));
        g.drawLine(x, y, x + 20, y);
        g.setColor(INK);
        g.drawString("waits for", x + 26, y + 4);
        if (verdict != null) {
            g.setFont(NAME);
            g.setColor(WAIT);
            g.drawString(verdict, 14, y + 24);
        }
        g.setStroke(new BasicStroke(1));
    }

    /** Text beside (x, y): starting there if lean > 0, ending there if lean < 0, centred on it if 0. */
    private static void outside(Graphics2D g, String text, double x, double y, double lean) {
        int w = g.getFontMetrics().stringWidth(text);
        centred(g, text, x + lean * (w / 2.0 + 4), y);
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) (y + fm.getAscent() / 2.0 - 2));
    }

    /** The philosophers' colours as the picture uses them, e.g. to match another drawing. */
    public static List<Color> colours(int seats) {
        return java.util.stream.IntStream.range(0, seats).mapToObj(TablePicture::colour).toList();
    }
}

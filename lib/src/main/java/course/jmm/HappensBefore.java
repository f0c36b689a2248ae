package course.jmm;

import course.show.Canvas;
import course.show.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What each of Java's tools guarantees between two threads, in one picture ({@link #draw}) and as a table
 * ({@link #table}), from one list ({@link #EDGES}). Each row: what thread A does, the edge, what thread B may then
 * rely on, and where the lesson shows it. The rules are the JLS's (17.4.5 happens-before, 17.5 final fields) and the
 * {@code java.util.concurrent} package documentation's (memory consistency properties).
 */
public final class HappensBefore {

    /**
     * One guarantee: in thread A, {@code before}; in thread B, {@code after}, which may rely on it.
     *
     * @param tool   what gives the guarantee
     * @param before what thread A does (the write, then the action that publishes it)
     * @param edge   the rule, in a few words
     * @param after  what thread B does, and what it is then sure to see
     * @param where  where this lesson (or an earlier one) shows it
     * @param happensBefore false for the final-field rule, which is a guarantee of its own, not a happens-before edge
     */
    public record Edge(String tool, String before, String edge, String after, String where, boolean happensBefore) {
    }

    public static final List<Edge> EDGES = List.of(
            new Edge("synchronized, Lock", "x = 42; unlock(m)", "unlock of m  ->  every later lock of m",
                    "lock(m); x is 42", "flag: lock on both sides; lesson 04: get() locks too (writer-only: no edge)", true),
            new Edge("volatile", "x = 42; v = true", "write of v  ->  every later read of v (later in the synchronization order)",
                    "v is true; x is 42", "flag: volatile, AtomicBoolean; store buffering: volatile", true),
            new Edge("Thread.start / join", "x = 42; t.start()", "start()  ->  all t does;  all t did  ->  join() returns",
                    "(in t) x is 42; after join(): what t wrote", "every demo reads its threads' results after join()", true),
            new Edge("Semaphore", "x = 42; s.release()", "release()  ->  an acquire() that succeeds after it",
                    "s.acquire(); x is 42", "lesson 05's permits (the same holds for latches, queues, futures)", true),
            new Edge("final field", "new FinalBox(42): value = 42", "end of constructor (this not leaked)  ->  any thread that sees the box",
                    "sees the box: value is 42", "unsafe publication: FinalBox (final fields only, and what they reference)", false));

    private static final int W = 1180, PAD = 14, ROW = 92, TITLE = 40, BOX_W = 250, BOX_H = 40, A_X = 190, B_X = 640;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15),
            BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13), CODE = new Font(Font.MONOSPACED, Font.PLAIN, 13),
            SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x263238), THREAD_A = new Color(0xE3F2FD), THREAD_B = new Color(0xFFF3E0),
            ARROW = new Color(0x2E7D32), FINAL_RULE = new Color(0x6A1B9A), FAINT = new Color(0x607D8B), GRID = new Color(0xECEFF1);

    private HappensBefore() {
    }

    /** The edges as a text table. */
    public static Table table() {
        var table = new Table("tool", "thread A", "guarantee", "thread B", "in this course");
        for (Edge e : EDGES) table.row(e.tool(), e.before(), (e.happensBefore() ? "hb: " : "final-field rule: ") + e.edge(), e.after(), e.where());
        return table.note("hb = happens-before. It is transitive and includes each thread's program order: A's x = 42 comes before"
                        + " its unlock, B's lock before its read of x, so the write happens-before the read")
                .note("without any such edge between a write and a read (a data race) the read may see the write, an older"
                        + " value, or never the write");
    }

    /** The edges drawn: thread A's box, a green arrow, thread B's box, a row per tool. */
    public static BufferedImage draw() {
        int height = PAD * 2 + TITLE + ROW * EDGES.size() + 50;
        var image = Canvas.white(W, height);
        Graphics2D g = Canvas.pen(image);
        try {
            g.setColor(INK);
            g.setFont(TITLE_FONT);
            g.drawString("Happens-before: what thread B may rely on after thread A's action", PAD, PAD + 18);
            g.setFont(BOLD);
            g.drawString("thread A", A_X, PAD + TITLE);
            g.drawString("thread B", B_X, PAD + TITLE);
            g.drawString("in this course", B_X + BOX_W + 20, PAD + TITLE);
            for (int i = 0; i < EDGES.size(); i++) {
                Edge e = EDGES.get(i);
                int y = PAD + TITLE + 12 + i * ROW;
                g.setColor(GRID);
                g.drawLine(PAD, y + ROW - 6, W - PAD, y + ROW - 6);
                g.setColor(INK);
                g.setFont(BOLD);
                g.drawString(e.tool(), PAD, y + 26);
                box(g, A_X, y + 6, THREAD_A, e.before());
                box(g, B_X, y + 6, THREAD_B, e.after());
                Color color = e.happensBefore() ? ARROW : FINAL_RULE;
                arrow(g, A_X + BOX_W + 6, B_X - 6, y + 6 + BOX_H / 2, color, e.happensBefore());
                g.setColor(color);
                g.setFont(SMALL);
                g.drawString(e.happensBefore() ? "happens-before" : "final-field rule (JLS 17.5)", A_X + BOX_W + (e.happensBefore() ? 80 : 50),
                        y + 6 + BOX_H / 2 - 6);
                g.setColor(FAINT);
                g.drawString(e.edge(), A_X, y + BOX_H + 26);
                wrap(g, e.where(), B_X + BOX_W + 20, y + 20, W - PAD - (B_X + BOX_W + 20));
            }
            g.setColor(FAINT);
            g.setFont(SMALL);
            int y = PAD + TITLE + 12 + EDGES.size() * ROW + 10;
            wrap(g, "Each happens-before edge also carries what came before it in thread A (program order, then transitivity): that is"
                    + " why x is 42. The final-field rule covers the final fields alone. No edge, no guarantee: a data race.", PAD, y, W - 2 * PAD);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void box(Graphics2D g, int x, int y, Color fill, String text) {
        g.setColor(fill);
        g.fillRoundRect(x, y, BOX_W, BOX_H, 10, 10);
        g.setColor(FAINT);
        g.drawRoundRect(x, y, BOX_W, BOX_H, 10, 10);
        g.setColor(INK);
        g.setFont(CODE);
        wrap(g, text, x + 8, y + 17, BOX_W - 12);
    }

    private static void arrow(Graphics2D g, int x1, int x2, int y, Color color, boolean solid) {
        g.setColor(color);
        g.setStroke(solid ? new BasicStroke(2.5f) : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
        g.drawLine(x1, y, x2 - 10, y);
        var head = new Path2D.Double();
        head.moveTo(x2, y);
        head.lineTo(x2 - 12, y - 6);
        head.lineTo(x2 - 12, y + 6);
        head.closePath();
        g.fill(head);
        g.setStroke(new BasicStroke(1));
    }

    /** Draws {@code text} from (x, y), breaking lines at spaces to keep within {@code width}. */
    private static void wrap(Graphics2D g, String text, int x, int y, int width) {
        var fm = g.getFontMetrics();
        var line = new StringBuilder();
        for (String word : text.split(" ")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(tried) > width && !line.isEmpty()) {
                g.drawString(line.toString(), x, y);
                y += fm.getHeight();
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(tried);
            }
        }
        g.drawString(line.toString(), x, y);
    }
}

package course.modelcheck;

import course.show.Canvas;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A verdict as a picture: one lane per thread (a column, time running down), each step a box labelled with
 * its code and the learner's line; a switch is a dashed arrow to the thread that runs next; the step that
 * failed is red, and in a hang each thread's last step is outlined in red ("waits forever"). Under the lanes, the
 * code, with the lines the run went through in ink and the failing line in red. A {@link BufferedImage} is
 * shown as a PNG when it is the value of a notebook cell. Works headless.
 */
public final class InterleavingPicture {

    private static final int PAD = 12, ROW = 24, BOX = 20, HEAD = 26, CODE_ROW = 16, MIN_LANE = 190, MAX_LANE = 360;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LANE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font STEP = new Font(Font.MONOSPACED, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x263238), FAINT = new Color(0x90A4AE), STRIPE = new Color(0xF5F7F8),
            RED = new Color(0xD32F2F), FAIL_FILL = new Color(0xEF9A9A), GREEN = new Color(0x2E7D32);
    /** Tableau 10, lightened: one tint per lane. */
    private static final int[] TINTS = {0xC6D7E8, 0xFAD2AE, 0xC5E0C1, 0xCFE6E4, 0xF8EDB6, 0xDFCADB, 0xDBC8BB, 0xE0DCDA};

    private InterleavingPicture() {
    }

    /** The lanes drawn, in order: the thread methods, then main if it did something of the learner's (holds()). */
    static List<Integer> laneOrder(Verdict verdict) {
        List<Integer> order = new ArrayList<>();
        for (int lane = 1; lane < verdict.lanes().size(); lane++) order.add(lane);
        if (verdict.steps().stream().anyMatch(s -> s.lane() == 0)) order.add(0);
        return order;
    }

    public static BufferedImage draw(Verdict verdict) {
        return draw(verdict, null);
    }

    /** Draws {@code verdict} under {@code title} (its summary if null). */
    public static BufferedImage draw(Verdict verdict, String title) {
        String heading = title == null ? verdict.summary() : title + ": " + verdict.summary();
        List<Integer> order = laneOrder(verdict);
        List<Step> steps = verdict.steps();
        FontMetrics step = Canvas.metrics(STEP), titleMetrics = Canvas.metrics(TITLE);
        int laneWidth = MIN_LANE;
        for (Step s : steps) laneWidth = Math.max(laneWidth, step.stringWidth(s.code() + "  waits forever") + 16 * Math.min(s.depth(), 3) + 48);
        laneWidth = Math.min(laneWidth, MAX_LANE);
        List<String> code = verdict.code().lines().toList();
        int codeWidth = code.stream().mapToInt(l -> step.stringWidth(l) + 40).max().orElse(0);
        int width = Math.max(Math.max(PAD * 2 + order.size() * laneWidth, PAD * 2 + codeWidth), titleMetrics.stringWidth(heading) + PAD * 2);
        int lanesTop = PAD + titleMetrics.getHeight() + 6;
        int stepsTop = lanesTop + HEAD;
        int stepsBottom = stepsTop + steps.size() * ROW;
        int codeTop = stepsBottom + (steps.isEmpty() ? 0 : 14);
        int height = codeTop + code.size() * CODE_ROW + PAD;

        var image = Canvas.white(width, height);
        Graphics2D g = Canvas.pen(image);
        try {
            g.setFont(TITLE);
            g.setColor(verdict.outcome() == Verdict.Outcome.PASSED ? GREEN : verdict.foundBug() ? RED : INK);
            g.drawString(heading, PAD, PAD + titleMetrics.getAscent());
            if (!steps.isEmpty()) {
                drawLanes(g, verdict, order, laneWidth, lanesTop, stepsBottom);
                drawSteps(g, verdict, order, laneWidth, stepsTop);
            }
            drawCode(g, verdict, codeTop);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawLanes(Graphics2D g, Verdict verdict, List<Integer> order, int laneWidth, int top, int bottom) {
        g.setFont(LANE);
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < order.size(); c++) {
            int x = PAD + c * laneWidth;
            if (c % 2 == 1) {
                g.setColor(STRIPE);
                g.fillRect(x, top, laneWidth, bottom - top);
            }
            String name = verdict.lanes().get(order.get(c));
            if (order.get(c) == 0) name = "main: holds()";
            g.setColor(INK);
            g.drawString(name, x + 6, top + fm.getAscent() + 3);
        }
    }

    private static void drawSteps(Graphics2D g, Verdict verdict, List<Integer> order, int laneWidth, int top) {
        List<Step> steps = verdict.steps();
        int failed = verdict.failedStep();
        List<Integer> stuck = verdict.stuckSteps();
        FontMetrics small = Canvas.metrics(SMALL), step = Canvas.metrics(STEP);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int column = order.indexOf(s.lane());
            int x = PAD + column * laneWidth + 4 + 16 * Math.min(s.depth(), 3);
            int y = top + i * ROW + (ROW - BOX) / 2;
            int right = PAD + (column + 1) * laneWidth - 6;
            if (s.switchHere()) {
                int next = InterleavingText.nextLane(steps, i);
                int to = next < 0 ? column : order.indexOf(next);
                int mid = y + BOX / 2;
                int from = PAD + column * laneWidth + laneWidth / 2, end = PAD + to * laneWidth + 20;
                if (to < column) end = PAD + (to + 1) * laneWidth - 20;
                g.setColor(FAINT);
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{5, 4}, 0));
                if (to != column) {
                    g.drawLine(from, mid, end, mid);
                    int dir = Integer.signum(end - from);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(end, mid, end - dir * 7, mid - 4);
                    g.drawLine(end, mid, end - dir * 7, mid + 4);
                }
                g.setStroke(new BasicStroke(1));
                g.setFont(SMALL);
                g.setColor(INK);
                String label = InterleavingText.switchLabel(steps, i);
                int lx = to < column ? from + 4 : x;
                g.drawString(fit(label, small, right - lx), lx, mid - 3);
                continue;
            }
            boolean isFailed = i == failed, isStuck = stuck.contains(i);
            g.setColor(isFailed ? FAIL_FILL : new Color(TINTS[(s.lane() + TINTS.length - 1) % TINTS.length]));
            g.fillRoundRect(x, y, right - x, BOX, 6, 6);
            g.setColor(isFailed || isStuck ? RED : new Color(0xB0BEC5));
            g.setStroke(new BasicStroke(isFailed || isStuck ? 2.5f : 1));
            g.drawRoundRect(x, y, right - x, BOX, 6, 6);
            g.setStroke(new BasicStroke(1));
            int textX = x + 5;
            if (s.line() > 0) {
                g.setFont(SMALL);
                g.setColor(FAINT);
                String line = String.valueOf(s.line());
                g.drawString(line, textX, y + BOX / 2 + small.getAscent() / 2 - 1);
                textX += small.stringWidth("00") + 6;
            }
            g.setFont(STEP);
            g.setColor(INK);
            String label = s.code() + (isFailed ? "  ✗ fails" : isStuck ? "  waits forever" : "");
            g.drawString(fit(label, step, right - textX - 4), textX, y + BOX / 2 + step.getAscent() / 2 - 1);
        }
    }

    private static void drawCode(Graphics2D g, Verdict verdict, int top) {
        List<String> code = verdict.code().lines().toList();
        List<Integer> ran = verdict.steps().stream().map(Step::line).filter(l -> l > 0).toList();
        int failed = verdict.failedStep();
        int failedLine = failed >= 0 ? verdict.steps().get(failed).line() : -1;
        List<Integer> stuck = verdict.stuckSteps().stream().map(i -> verdict.steps().get(i).line()).toList();
        g.setFont(STEP);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < code.size(); i++) {
            int line = i + 1, y = top + i * CODE_ROW + fm.getAscent();
            boolean bad = line == failedLine || stuck.contains(line);
            g.setColor(bad ? RED : ran.contains(line) ? INK : FAINT);
            g.drawString(String.format("%3d  %s", line, code.get(i)), PAD, y);
        }
    }

    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) return text;
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) cut = cut.substring(0, cut.length() - 1);
        return cut + "…";
    }
}

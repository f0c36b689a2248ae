package course.cats;

import course.cats.CatArt.Role;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.util.function.Function;

/** Paints shapes on one canvas, each in the colour that {@code ink} gives its {@link Role}. */
final class Brush {
    /** The width of the cartoon outline. */
    static final float LINE = 6.5f;

    private final Graphics2D g;
    private final Function<Role, Color> ink;

    Brush(Graphics2D g, Function<Role, Color> ink) {
        this.g = g;
        this.ink = ink;
    }

    void fill(Shape shape, Role role) {
        g.setColor(ink.apply(role));
        g.fill(shape);
    }

    /** A line {@code width} wide with round ends and corners. */
    void stroke(Shape shape, double width, Role role) {
        stroke(shape, new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND), role);
    }

    void stroke(Shape shape, Stroke stroke, Role role) {
        g.setColor(ink.apply(role));
        g.setStroke(stroke);
        g.draw(shape);
    }

    /** An outline half of which shows outside the shape: the cartoon look. */
    void outlined(Shape shape, Role role) {
        stroke(shape, LINE, Role.OUTLINE);
        fill(shape, role);
    }

    /** Paints {@code inside} only within {@code clip}. */
    void clipped(Shape clip, Runnable inside) {
        Shape old = g.getClip();
        g.clip(clip);
        inside.run();
        g.setClip(old);
    }

    /** Paints {@code inside} around ({@code x}, {@code y}), turned by {@code angle} radians. */
    void at(double x, double y, double angle, Runnable inside) {
        AffineTransform before = g.getTransform();
        g.translate(x, y);
        g.rotate(angle);
        inside.run();
        g.setTransform(before);
    }

    static Shape circle(double x, double y, double r) {
        return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }
}

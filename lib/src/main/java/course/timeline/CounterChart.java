package course.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A counter of a {@link Timeline} over time as a step chart, e.g. requests in flight, with an
 * optional dashed line at a limit (e.g. the permits of a semaphore). The value holds from one
 * sample to the next, up to the end of the timeline. Drawn with XChart; works headless.
 */
public final class CounterChart {

    public static final int WIDTH = 900, HEIGHT = 380;

    private static final Color VALUE = new Color(0x4E79A7), LIMIT = new Color(0xD32F2F);

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

    private static BufferedImage draw(String title, Timeline timeline, String series, Long limit, String limitName) {
        List<Timeline.Sample> samples = timeline.counter(series);
        double end = Math.max(timeline.durationNanos() / 1e6,
                samples.isEmpty() ? 0 : samples.getLast().millis());
        if (end <= 0) end = 1; // an empty timeline still gets an axis

        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        if (samples.isEmpty() || samples.getFirst().nanos() > 0) { // nothing counted yet: 0
            xs.add(0.0);
            ys.add(0.0);
        }
        for (var s : samples) {
            xs.add(s.millis());
            ys.add((double) s.value());
        }
        xs.add(end); // the last value lasts until the end
        ys.add(ys.getLast());

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title == null ? "" : title).xAxisTitle("time (ms)").yAxisTitle(series).build();
        var style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBorderVisible(false);
        style.setPlotGridVerticalLinesVisible(false);
        style.setLegendPosition(Styler.LegendPosition.InsideNW);
        style.setLegendBorderColor(new Color(0xE0E0E0));
        style.setChartTitleVisible(title != null);
        style.setChartTitleBoxVisible(false);
        style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        style.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        style.setXAxisMin(0.0);
        style.setXAxisMax(end);
        style.setYAxisMin(0.0);
        double top = Math.max(ys.stream().mapToDouble(Double::doubleValue).max().orElse(0), limit == null ? 0 : limit);
        style.setYAxisMax(Math.max(1, Math.ceil(top * 1.15)));
        style.setYAxisDecimalPattern(top < 10 ? "#" : null); // whole numbers: a count has no halves
        style.setAntiAlias(true);

        XYSeries values = chart.addSeries(series, xs, ys);
        values.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        values.setLineColor(VALUE);
        values.setFillColor(new Color(0x4E, 0x79, 0xA7, 60));
        values.setLineStyle(new BasicStroke(2f));
        values.setMarker(SeriesMarkers.NONE);
        if (limit != null) {
            XYSeries line = chart.addSeries(limitName, new double[] {0, end}, new double[] {limit, limit});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(LIMIT);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f)); // dashed: a bound, not a measurement
            line.setMarker(SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}

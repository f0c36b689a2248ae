package course.timeline;

import java.math.BigDecimal;

/** Tick steps a reader can add up in their head: 1, 2 or 5 times a power of ten milliseconds. */
final class TimeAxis {

    private TimeAxis() {}

    /** The smallest nice step that cuts {@code rangeMillis} into at most {@code maxTicks} steps. */
    static double stepMillis(double rangeMillis, int maxTicks) {
        if (!(rangeMillis > 0)) return 1;
        double rough = rangeMillis / Math.max(1, maxTicks);
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) return m * power;
        }
        return 10 * power;
    }

    /** A tick label: as many decimals as the step needs, no trailing noise ("0.5", "1500"). */
    static String label(double millis, double stepMillis) {
        int decimals = stepMillis >= 1 ? 0 : (int) Math.ceil(-Math.log10(stepMillis) - 1e-9);
        return new BigDecimal(millis).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}

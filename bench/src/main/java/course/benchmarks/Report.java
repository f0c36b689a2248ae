package course.benchmarks;

import java.time.LocalDate;

/** BENCHMARKS.md: what was measured, on what, when; each table as the terminal showed it. */
final class Report {

    private Report() {
    }

    static String markdown(String mode, String printed) {
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Recorded by `./course bench").append(mode.equals("quick") ? "" : " --" + mode).append(" --record` on ")
                .append(LocalDate.now()).append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB max heap, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", JDK ").append(Runtime.version()).append(" (").append(System.getProperty("java.vendor")).append(").\n\n");
        md.append("A shared cloud machine: every figure is noisy, which is why each is shown as min / median / max of several\n")
                .append("runs and as a ratio to its limit. Rerun it on your machine; expect other absolute numbers, similar ratios.\n\n");
        boolean underHeading = false;
        boolean inTable = false;
        for (String line : printed.split("\n", -1)) {
            if (line.startsWith("## ")) {
                md.append(line).append("\n\n");
                underHeading = true;
            } else if (underHeading && !inTable && !line.isBlank()) {
                md.append("```\n").append(line).append('\n');
                inTable = true;
            } else if (inTable && line.isBlank()) {
                md.append("```\n\n");
                inTable = false;
                underHeading = false;
            } else if (inTable) {
                md.append(line).append('\n');
            }
        }
        if (inTable) md.append("```\n");
        return md.toString();
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION The embedded cat server on its own: curl, a browser or the note's Python cataas.py can fetch cats from it.

// Run it:  jbang cat-server --port 8080 --latency 150
//          curl -o cat.png http://127.0.0.1:8080/cat
//          curl -o hi.png  http://127.0.0.1:8080/cat/says/hello
// The note's Python program works unchanged against it with CAT_URL = "http://127.0.0.1:8080/cat".

import course.cats.CatServer;
import course.cli.Args;
import course.cli.Cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;


final String USAGE = """
        The embedded cat server, on its own (stop it with Ctrl-C).

        usage: jbang cat-server [--port P] [--latency MS] [--jitter MS] [--error-rate R] [--stall-rate R]
                                [--cut-rate R] [--seconds S]
          --port P        loopback port, 0 for any free one (default 8080)
          --latency MS    delay before each answer, 0-10000 ms (default 150)
          --jitter MS     answers vary by up to this much either way (default 20, or a fifth of a
                          shorter latency; at most the latency)
          --error-rate R  fraction of answers that are HTTP 500 (default 0)
          --stall-rate R  fraction that stall for 30 s before answering (default 0)
          --cut-rate R    fraction cut off halfway through the picture (default 0)
          --seconds S     stop after S seconds (default: run until stopped)
        """;

void main(String... argv) {
    Cli.main("cat-server", USAGE, List.of("help"), argv, this::run);
}

int run(Args args) throws InterruptedException {
    Duration latency = args.millis("latency", Duration.ofMillis(150), 0, 10_000);
    Duration fifth = latency.dividedBy(5);
    CatServer.Settings settings;
    try {
        settings = CatServer.Settings.DEFAULT
                .withPort(args.integer("port", 8080, 0, 65535))
                .withLatency(latency, args.millis("jitter", fifth.toMillis() < 20 ? fifth : Duration.ofMillis(20), 0, 10_000))
                .withFaults(args.decimal("error-rate", 0, 0, 1), args.decimal("stall-rate", 0, 0, 1),
                        args.decimal("cut-rate", 0, 0, 1));
    } catch (IllegalArgumentException e) {
        throw new course.cli.UsageException(e.getMessage());  // options that disagree are bad input: exit 2
    }
    int seconds = args.integer("seconds", 0, 0, 86_400);
    args.noneLeft();

    var stop = new CountDownLatch(1);
    try (var server = CatServer.start(settings)) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            System.out.printf("%nserved %d cats (%d requests, peak %d at once)%n",
                    server.served(), server.requests(), server.peakInFlight());
        }));
        System.out.println("Serving cats at " + server.catUrl() + " and " + server.catUrl() + "/says/hello");
        System.out.println(settings);
        if (seconds > 0) {
            stop.await(seconds, TimeUnit.SECONDS);
        } else {
            stop.await();
        }
    }
    return 0;
}

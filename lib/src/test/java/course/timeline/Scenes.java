package course.timeline;

/** Timelines with fixed times, for tests that compare what the renderers make of them. */
final class Scenes {

    private Scenes() {}

    /** Two downloaders, a philosopher and a stall, 60 ms in all. */
    static Timeline downloadsAndAPhilosopher() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        var cat1 = timeline.span("worker-1", "cat 1");
        timeline.state("philosopher 0", "THINKING");
        clock.advanceMillis(5);
        var cat3 = timeline.span("worker-2", "cat 3");
        clock.advanceMillis(15);
        cat1.close();
        var cat2 = timeline.span("worker-1", "cat 2");
        clock.advanceMillis(10);
        cat3.close();
        timeline.state("philosopher 0", "HUNGRY");
        clock.advanceMillis(10);
        timeline.state("philosopher 0", "EATING");
        clock.advanceMillis(5);
        cat2.close();
        clock.advanceMillis(5);
        timeline.mark("main", "stall detected");
        clock.advanceMillis(10);
        timeline.stop();
        return timeline;
    }

    static Timeline empty() {
        var timeline = Timeline.start(new FakeClock());
        timeline.stop();
        return timeline;
    }

    static Timeline oneMark() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        timeline.mark("main", "hello");
        timeline.stop();
        return timeline;
    }

    static Timeline oneOpenSpan() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        clock.advanceMillis(1);
        timeline.span("main", "forever");
        clock.advanceMillis(1);
        timeline.stop();
        return timeline;
    }
}

package course.lesson;

/** What a variant must show on every run, declared beside it the way jcstress samples declare their outcomes. */
public enum Expect {
    /** Broken on purpose: the hazard must show in every run. */
    HAZARD("the hazard, every run"),
    /** A fix: the hazard must never show. */
    NO_HAZARD("no hazard, ever");

    private final String words;

    Expect(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}

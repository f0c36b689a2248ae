package course.modelcheck;

import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Results;

import java.time.Duration;
import java.util.Map;

/**
 * A lesson's code for the model checker, judged like its demos: each rival declares whether the checker must find
 * a failing (or hanging) order of steps ({@link Expect#HAZARD}) or none ({@link Expect#NO_HAZARD}); each is
 * checked once, its verdict and failing order printed as text and recorded as a {@code "model check"} result.
 */
public final class Rivals {

    /** Code for the model checker and what it must find. */
    public record Rival(String name, Expect expect, String code) {
    }

    /** The budget of each check: past it, the check is stopped and counts as "nothing found". */
    public static final Duration BUDGET = Duration.ofSeconds(30);

    private Rivals() {
    }

    /** Checks each rival once (at most {@code invocations} runs); a failing or hanging order found is the hazard. */
    public static Check judge(int invocations, Rival... rivals) throws Exception {
        var check = new Check("a failing order found", "orders found", 1);
        for (var rival : rivals) {
            check.variant(rival.name(), rival.expect(), () -> {
                Verdict verdict = ModelCheck.run(rival.code(), invocations, BUDGET);
                Results.record("model check", Map.of("variant", rival.name(), "outcome", verdict.outcome().name(),
                        "explored", verdict.explored(), "allowed", verdict.allowed(), "failure", verdict.failure()));
                System.out.println(rival.name() + ":");
                System.out.println(InterleavingText.render(verdict));
                return verdict.foundBug() ? 1 : 0;
            });
        }
        return check;
    }
}

package course.timeline;

import java.util.concurrent.locks.LockSupport;

/** How a sampler's own thread is ended: woken from its pause, then joined, even if the closing thread is interrupted. */
final class SamplerThread {

    private SamplerThread() {
    }

    /** Wakes {@code sampler} (whose loop has been told to stop) and waits for it to end; keeps an interrupt for the caller. */
    static void endAndJoin(Thread sampler) {
        LockSupport.unpark(sampler);
        boolean interrupted = false;
        while (sampler.isAlive()) {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish closing, then keep the interrupt for the caller
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}

package org.twostep.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N requests released at the same moment, one thread each: what a crowd, or an attacker with a
 * script, does. Each step is prepared beforehand (sessions signed in up to the step that races).
 *
 * <pre>{@code
 * List<Browser.Page> answers = Race.of(steps);   // in the order of the steps
 * }</pre>
 */
final class Race {

    private Race() {
    }

    static <T> List<T> of(List<Callable<T>> steps) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(steps.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> step : steps) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return step.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.guildhall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code requests} HTTP requests sent over {@code connections} keep-alive connections at
 * once, each connection sending its next request as soon as the previous answer is read
 * (a closed loop, as members' browsers would).
 */
final class Load {

	private Load() {
	}

	/**
	 * @param requestFor the bytes of request {@code i}, {@code 0 <= i < requests}
	 * @param expectedStatus every answer must have this status, or the run fails
	 */
	static Result run(int port, int connections, int requests, IntFunction<byte[]> requestFor, int expectedStatus)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		long[] latencies = new long[requests];
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch ready = new CountDownLatch(connections);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			Thread thread = new Thread(() -> {
				try (RawHttp http = new RawHttp("localhost", port)) {
					ready.countDown();
					go.await();
					int i;
					while ((i = next.getAndIncrement()) < requests) {
						byte[] request = requestFor.apply(i);
						long start = System.nanoTime();
						int status = http.send(request);
						latencies[i] = System.nanoTime() - start;
						if (status != expectedStatus && failures.size() < 5) {
							failures.add("status " + status + ": " + http.body());
						}
					}
				}
				catch (Exception ex) {
					failures.add(ex.toString());
				}
			}, "load-" + c);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - start;
		if (!failures.isEmpty()) {
			throw new IllegalStateException("requests failed: " + failures);
		}
		return new Result(requests / (elapsed / 1e9), Stats.millis(Stats.percentile(latencies, 99)));
	}

	/**
	 * @param perSecond answers per second over the whole run
	 * @param p99Millis 99th percentile of the response times
	 */
	record Result(double perSecond, double p99Millis) {
	}

}

package org.guildhall.engine.ballots;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a vote's close from counting while one of its ballots is still being cast, on
 * this node: each cast holds its box's read lock, the close its write lock, each until
 * its transaction has ended. So a close waits for the casts in flight and counts them,
 * and a cast that comes during the close waits and then finds the box closed; a ballot
 * acknowledged is never one the count missed. Across nodes (PostgreSQL), the same is done
 * by the vote's row: casts read it {@code FOR KEY SHARE}, the close {@code FOR UPDATE}
 * ({@link BallotBox}).
 */
final class BoxLocks {

	/**
	 * Locks shared by votes whose ids hash alike: a fixed number, however many vote ids
	 * (members' requests name any id they like) are asked for. A close then holds up the
	 * casts of the votes sharing its lock for as long as it takes too, which is harmless.
	 */
	static final int STRIPES = 64;

	private final ReentrantReadWriteLock[] locks = new ReentrantReadWriteLock[STRIPES];

	BoxLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantReadWriteLock();
		}
	}

	/** Holds {@code voteId}'s box for one cast until the current transaction ends. */
	void holdForCasting(String voteId) {
		holdUntilTransactionEnds(lockOf(voteId).readLock());
	}

	/**
	 * Holds {@code voteId}'s box for its close until the current transaction ends, once
	 * the casts in flight have ended.
	 */
	void holdForClosing(String voteId) {
		holdUntilTransactionEnds(lockOf(voteId).writeLock());
	}

	private ReentrantReadWriteLock lockOf(String voteId) {
		return this.locks[Math.floorMod(voteId.hashCode(), STRIPES)];
	}

	private static void holdUntilTransactionEnds(Lock lock) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("a ballot box is held only within a transaction");
		}
		lock.lock();
		try {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					lock.unlock();
				}

			});
		}
		catch (RuntimeException ex) {
			lock.unlock();
			throw ex;
		}
	}

}

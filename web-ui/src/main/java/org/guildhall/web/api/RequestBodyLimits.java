package org.guildhall.web.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body {@code /api} reads: 16 MB for an eligibility roll
 * ({@code text/csv}, {@code text/plain}, {@code application/octet-stream}), 1 MB for
 * anything else (JSON); multipart uploads have Spring's multipart limits. A larger body
 * is refused with 413 before it is read when it says its length, and as soon as it passes
 * the limit when it is chunked. Runs after Spring Security, so a caller who may not post
 * at all still gets 401 or 403.
 */
@Component
public class RequestBodyLimits extends OncePerRequestFilter {

	/**
	 * Request attribute set (to the limit, a {@code Long}) when a body without a declared
	 * length passed the limit: a controller that reads the body itself and turns read
	 * errors into its own refusal can still answer 413.
	 */
	public static final String LIMIT_EXCEEDED = RequestBodyLimits.class.getName() + ".exceeded";

	/** The largest roll: about 300,000 members with their names. */
	static final long MAX_ROLL_BYTES = 16L * 1024 * 1024;

	/** The largest JSON body: a step's longest text field is 10,000 characters. */
	static final long MAX_JSON_BYTES = 1024 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String type = request.getContentType();
		return !path.startsWith("/api/") || (type != null && type.toLowerCase().startsWith("multipart/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request.getContentType());
		long length = request.getContentLengthLong();
		if (length > limit) {
			refuse(response, limit, length);
			return;
		}
		chain.doFilter((length >= 0) ? request : new Limited(request, limit), response);
	}

	static long limitFor(String contentType) {
		if (contentType == null) {
			return MAX_JSON_BYTES;
		}
		String type = contentType.toLowerCase();
		return (type.startsWith("text/csv") || type.startsWith(MediaType.TEXT_PLAIN_VALUE)
				|| type.startsWith(MediaType.APPLICATION_OCTET_STREAM_VALUE)) ? MAX_ROLL_BYTES : MAX_JSON_BYTES;
	}

	/** What a refusal for size says. */
	public static String tooLarge(long limit) {
		return "the request body is larger than the " + (limit / (1024 * 1024))
				+ " MB this endpoint accepts at most; nothing was stored";
	}

	private static void refuse(HttpServletResponse response, long limit, long length) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
				tooLarge(limit) + " (it has " + length + " bytes)");
		problem.setTitle("Request too large");
		ProblemResponses.write(response, problem);
	}

	/** Thrown when a body without a declared length passes the limit. */
	static class TooLarge extends IOException {

		private final long limit;

		TooLarge(long limit) {
			super(tooLarge(limit));
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

	/** A request whose body stops with {@link TooLarge} after {@code limit} bytes. */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.limit,
						() -> setAttribute(LIMIT_EXCEEDED, this.limit));
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private final Runnable exceeded;

		private long read;

		Counting(ServletInputStream in, long limit, Runnable exceeded) {
			this.in = in;
			this.limit = limit;
			this.exceeded = exceeded;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			this.read += n;
			if (this.read > this.limit) {
				this.exceeded.run();
				throw new TooLarge(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

		@Override
		public int available() throws IOException {
			return this.in.available();
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}

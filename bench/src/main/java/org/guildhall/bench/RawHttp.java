package org.guildhall.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, as cheap as a client can be (it shares the two
 * cores with the server): requests are written as prepared bytes, responses read with
 * their Content-Length or chunks; the connection is opened again when the server closes
 * it (Tomcat closes a keep-alive connection after 100 requests).
 */
final class RawHttp implements AutoCloseable {

	private final String host;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	/** The last response's body. */
	private byte[] body = new byte[0];

	RawHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/** A GET request's bytes. */
	static byte[] get(String host, int port, String path, String basicUser) {
		return request("GET", host, port, path, basicUser, null, null);
	}

	/** A POST request's bytes with a JSON body. */
	static byte[] postJson(String host, int port, String path, String json) {
		return request("POST", host, port, path, null, "application/json", json);
	}

	private static byte[] request(String method, String host, int port, String path, String basicUser,
			String contentType, String body) {
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(host).append(':').append(port).append("\r\n");
		head.append("Accept: */*\r\n");
		if (basicUser != null) {
			head.append("Authorization: Basic ")
				.append(Base64.getEncoder().encodeToString((basicUser + ":demo").getBytes(StandardCharsets.UTF_8)))
				.append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[headBytes.length + content.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(content, 0, all, headBytes.length, content.length);
		return all;
	}

	/** Sends {@code request} and reads the response; answers its status code. */
	int send(byte[] request) throws IOException {
		if (this.socket == null) {
			connect();
		}
		try {
			return exchange(request);
		}
		catch (IOException ex) {
			// the server closed an idle keep-alive connection: once more on a new one
			close();
			connect();
			return exchange(request);
		}
	}

	/** The last response's body as text. */
	String body() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	private void connect() throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(this.host, this.port), 5000);
		this.socket.setSoTimeout(60_000);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
		this.out = this.socket.getOutputStream();
	}

	private int exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String status = line();
		if (status == null) {
			throw new IOException("connection closed before the response");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		String header;
		while ((header = line()) != null && !header.isEmpty()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		if (chunked) {
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			while (true) {
				String size = line();
				int semicolon = size.indexOf(';');
				int n = Integer.parseInt((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(), 16);
				if (n == 0) {
					String trailer;
					while ((trailer = line()) != null && !trailer.isEmpty()) {
						// trailers are ignored
					}
					break;
				}
				content.write(this.in.readNBytes(n));
				line();
			}
			this.body = content.toByteArray();
		}
		else if (length >= 0) {
			this.body = this.in.readNBytes((int) length);
		}
		else {
			this.body = this.in.readAllBytes();
			close = true;
		}
		if (close) {
			close();
		}
		return code;
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = this.in.read()) != -1) {
			if (c == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) c);
		}
		return (line.length() > 0) ? line.toString() : null;
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}

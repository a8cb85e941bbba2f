//! Just enough HTTP/1.1 for the tests, on plain tokio sockets: a client (to ask an engine for
//! `/health`, to forward requests, to send the exact bytes of an edge case) and a small server
//! (the altering proxy).
//!
//! Requests and answers carry `Connection: close`; bodies may come with a `Content-Length` or
//! chunked (the node's off-chain HTTP client streams bodies, and so does the engine's server).

use crate::TestResult;
use std::{future::Future, sync::Arc, time::Duration};
use tokio::{
	io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
	net::{TcpListener, TcpStream},
	task::JoinHandle,
};

/// Largest body either side accepts.
const MAX_BODY: usize = 8 * 1024 * 1024;
/// Longest request or status line and longest header line.
const MAX_LINE: usize = 16 * 1024;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
	pub method: String,
	pub path: String,
	/// Header names in lowercase.
	pub headers: Vec<(String, String)>,
	pub body: Vec<u8>,
}

/// An answer, received by the client or returned by a server handler.
#[derive(Clone, Debug)]
pub struct Response {
	pub status: u16,
	/// Header names in lowercase.
	pub headers: Vec<(String, String)>,
	pub body: Vec<u8>,
}

impl Response {
	/// A JSON answer.
	pub fn json(status: u16, body: &serde_json::Value) -> Self {
		Response {
			status,
			headers: vec![("content-type".into(), "application/json".into())],
			body: body.to_string().into_bytes(),
		}
	}

	/// The body parsed as JSON.
	pub fn body_json(&self) -> TestResult<serde_json::Value> {
		serde_json::from_slice(&self.body).map_err(|e| {
			format!("body is not JSON ({e}): {}", String::from_utf8_lossy(&self.body)).into()
		})
	}

	pub fn header(&self, name: &str) -> Option<&str> {
		header(&self.headers, name)
	}
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
	headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn status_text(status: u16) -> &'static str {
	match status {
		200 => "OK",
		400 => "Bad Request",
		404 => "Not Found",
		413 => "Payload Too Large",
		422 => "Unprocessable Entity",
		500 => "Internal Server Error",
		502 => "Bad Gateway",
		_ => "Status",
	}
}

async fn read_line<R: AsyncBufRead + Unpin>(r: &mut R) -> TestResult<Option<String>> {
	let mut line = String::new();
	let n = (&mut *r).take(MAX_LINE as u64).read_line(&mut line).await?;
	if n == 0 {
		return Ok(None);
	}
	if !line.ends_with('\n') {
		return Err("HTTP line too long or cut off".into());
	}
	Ok(Some(line.trim_end_matches(['\r', '\n']).to_string()))
}

/// The start line and the headers, or `None` at a clean end of stream before the first byte.
async fn read_head<R: AsyncBufRead + Unpin>(
	r: &mut R,
) -> TestResult<Option<(String, Vec<(String, String)>)>> {
	let Some(start) = read_line(r).await? else { return Ok(None) };
	let mut headers = Vec::new();
	loop {
		let line = read_line(r).await?.ok_or("end of stream inside the HTTP head")?;
		if line.is_empty() {
			break;
		}
		let (name, value) =
			line.split_once(':').ok_or_else(|| format!("bad header line {line:?}"))?;
		headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
	}
	Ok(Some((start, headers)))
}

/// The body: chunked, by `Content-Length`, or (answers only) up to the end of the stream.
async fn read_body<R: AsyncBufRead + Unpin>(
	r: &mut R,
	headers: &[(String, String)],
	until_eof: bool,
) -> TestResult<Vec<u8>> {
	let chunked = header(headers, "transfer-encoding")
		.is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
	if chunked {
		let mut body = Vec::new();
		loop {
			let line = read_line(r).await?.ok_or("end of stream inside a chunked body")?;
			let size = line.split(';').next().unwrap_or("").trim();
			let size = usize::from_str_radix(size, 16)
				.map_err(|e| format!("bad chunk size {line:?}: {e}"))?;
			if size == 0 {
				// Trailers, then the empty line.
				while let Some(line) = read_line(r).await? {
					if line.is_empty() {
						break;
					}
				}
				return Ok(body);
			}
			if body.len() + size > MAX_BODY {
				return Err("HTTP body too large".into());
			}
			let start = body.len();
			body.resize(start + size, 0);
			r.read_exact(&mut body[start..]).await?;
			let mut crlf = [0u8; 2];
			r.read_exact(&mut crlf).await?;
		}
	}
	if let Some(len) = header(headers, "content-length") {
		let len: usize = len.parse().map_err(|e| format!("bad content-length {len:?}: {e}"))?;
		if len > MAX_BODY {
			return Err("HTTP body too large".into());
		}
		let mut body = vec![0u8; len];
		r.read_exact(&mut body).await?;
		return Ok(body);
	}
	let mut body = Vec::new();
	if until_eof {
		(&mut *r).take(MAX_BODY as u64 + 1).read_to_end(&mut body).await?;
		if body.len() > MAX_BODY {
			return Err("HTTP body too large".into());
		}
	}
	Ok(body)
}

/// Reads an answer: status line, headers and body (up to the end of the stream when it has
/// neither a length nor chunks).
pub async fn read_response<R: AsyncBufRead + Unpin>(reader: &mut R) -> TestResult<Response> {
	let (status_line, headers) =
		read_head(reader).await?.ok_or("connection closed without an answer")?;
	let status = status_line
		.split_whitespace()
		.nth(1)
		.and_then(|s| s.parse::<u16>().ok())
		.ok_or_else(|| format!("bad status line {status_line:?}"))?;
	let body = read_body(reader, &headers, true).await?;
	Ok(Response { status, headers, body })
}

/// Sends `bytes` as they are to `host_port` and reads the answer, bounded by `timeout`: for the
/// requests a well-behaved client would not send.
pub async fn exchange(host_port: &str, bytes: &[u8], timeout: Duration) -> TestResult<Response> {
	send(host_port, bytes, timeout, &format!("exchange with {host_port}")).await
}

async fn send(host_port: &str, bytes: &[u8], timeout: Duration, what: &str) -> TestResult<Response> {
	let fut = async {
		let mut stream = TcpStream::connect(host_port).await?;
		stream.write_all(bytes).await?;
		stream.flush().await?;
		read_response(&mut BufReader::new(stream)).await
	};
	crate::within(timeout, what, fut).await
}

/// One request to `host_port` (e.g. `127.0.0.1:9955`), bounded by `timeout`.
pub async fn request(
	host_port: &str,
	method: &str,
	path: &str,
	body: Option<&[u8]>,
	timeout: Duration,
) -> TestResult<Response> {
	let body = body.unwrap_or_default();
	let mut bytes = format!(
		"{method} {path} HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\
		 Accept: application/json\r\nContent-Length: {}\r\n",
		body.len()
	);
	if !body.is_empty() {
		bytes.push_str("Content-Type: application/json\r\n");
	}
	bytes.push_str("\r\n");
	let mut bytes = bytes.into_bytes();
	bytes.extend_from_slice(body);
	send(host_port, &bytes, timeout, &format!("{method} http://{host_port}{path}")).await
}

/// `GET` a JSON document; fails unless the status is 200.
pub async fn get_json(
	host_port: &str,
	path: &str,
	timeout: Duration,
) -> TestResult<serde_json::Value> {
	let reply = request(host_port, "GET", path, None, timeout).await?;
	if reply.status != 200 {
		return Err(format!(
			"GET {path}: status {}: {}",
			reply.status,
			String::from_utf8_lossy(&reply.body)
		)
		.into());
	}
	reply.body_json()
}

/// `POST` a JSON document and return the answer, whatever its status.
pub async fn post_json(
	host_port: &str,
	path: &str,
	body: &serde_json::Value,
	timeout: Duration,
) -> TestResult<Response> {
	request(host_port, "POST", path, Some(body.to_string().as_bytes()), timeout).await
}

async fn write_response(stream: &mut TcpStream, response: &Response) -> std::io::Result<()> {
	let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, status_text(response.status));
	for (name, value) in &response.headers {
		if name.eq_ignore_ascii_case("content-length")
			|| name.eq_ignore_ascii_case("transfer-encoding")
			|| name.eq_ignore_ascii_case("connection")
		{
			continue;
		}
		head.push_str(&format!("{name}: {value}\r\n"));
	}
	head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", response.body.len()));
	stream.write_all(head.as_bytes()).await?;
	stream.write_all(&response.body).await?;
	stream.flush().await?;
	stream.shutdown().await
}

async fn serve_connection<F, Fut>(stream: TcpStream, handler: Arc<F>) -> TestResult
where
	F: Fn(Request) -> Fut + Send + Sync + 'static,
	Fut: Future<Output = Response> + Send,
{
	let mut reader = BufReader::new(stream);
	let Some((start, headers)) = read_head(&mut reader).await? else { return Ok(()) };
	let mut parts = start.split_whitespace();
	let method = parts.next().unwrap_or_default().to_string();
	let path = parts.next().unwrap_or_default().to_string();
	if header(&headers, "expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
		reader.get_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await?;
	}
	let response = match read_body(&mut reader, &headers, false).await {
		Ok(body) => handler(Request { method, path, headers, body }).await,
		Err(e) => Response::json(400, &serde_json::json!({ "error": e.to_string() })),
	};
	let mut stream = reader.into_inner();
	write_response(&mut stream, &response).await?;
	Ok(())
}

/// A running test server; stops when dropped.
pub struct Server {
	port: u16,
	task: JoinHandle<()>,
}

impl Server {
	/// Listens on a free loopback port and answers every request with `handler`, one request
	/// per connection.
	pub async fn start<F, Fut>(handler: F) -> TestResult<Server>
	where
		F: Fn(Request) -> Fut + Send + Sync + 'static,
		Fut: Future<Output = Response> + Send + 'static,
	{
		let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
		let port = listener.local_addr()?.port();
		let handler = Arc::new(handler);
		let task = tokio::spawn(async move {
			loop {
				let Ok((stream, _)) = listener.accept().await else { continue };
				let handler = handler.clone();
				tokio::spawn(async move {
					if let Err(e) = serve_connection(stream, handler).await {
						eprintln!("[http server] connection failed: {e}");
					}
				});
			}
		});
		Ok(Server { port, task })
	}

	pub fn port(&self) -> u16 {
		self.port
	}

	/// `127.0.0.1:<port>`.
	pub fn host_port(&self) -> String {
		format!("127.0.0.1:{}", self.port)
	}

	/// `http://127.0.0.1:<port>`.
	pub fn url(&self) -> String {
		format!("http://127.0.0.1:{}", self.port)
	}
}

impl Drop for Server {
	fn drop(&mut self) {
		self.task.abort();
	}
}

//! Bar charts as PNG files, without a drawing or image crate: a palette canvas, rectangles,
//! digits of a 3×5 pixel font for the axes, and a PNG encoder whose deflate stream uses the
//! fixed Huffman codes with two kinds of matches (the previous pixel, the pixel above), which is
//! all flat-coloured charts need. Titles and legends are left to the markdown around them.

use std::path::Path;

/// Palette colours (RGB), indexed by [`Color`].
const PALETTE: [[u8; 3]; 8] = [
	[255, 255, 255], // background
	[40, 40, 40],    // axes and digits
	[225, 225, 225], // grid and separators
	[66, 133, 244],  // blue
	[52, 168, 83],   // green
	[234, 67, 53],   // red
	[251, 140, 0],   // orange
	[142, 36, 170],  // purple
];

/// A colour of the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Color {
	/// White.
	Background = 0,
	/// Near black.
	Ink = 1,
	/// Light grey.
	Grid = 2,
	/// Blue.
	Blue = 3,
	/// Green.
	Green = 4,
	/// Red.
	Red = 5,
	/// Orange.
	Orange = 6,
	/// Purple.
	Purple = 7,
}

/// The colours' names, for legends.
pub fn color_name(c: Color) -> &'static str {
	match c {
		Color::Background => "white",
		Color::Ink => "black",
		Color::Grid => "grey",
		Color::Blue => "blue",
		Color::Green => "green",
		Color::Red => "red",
		Color::Orange => "orange",
		Color::Purple => "purple",
	}
}

/// Digits 0–9, 3 pixels wide and 5 high, one row per 3 bits (most significant bit left).
const DIGITS: [[u8; 5]; 10] = [
	[0b111, 0b101, 0b101, 0b101, 0b111],
	[0b010, 0b110, 0b010, 0b010, 0b111],
	[0b111, 0b001, 0b111, 0b100, 0b111],
	[0b111, 0b001, 0b111, 0b001, 0b111],
	[0b101, 0b101, 0b111, 0b001, 0b001],
	[0b111, 0b100, 0b111, 0b001, 0b111],
	[0b111, 0b100, 0b111, 0b101, 0b111],
	[0b111, 0b001, 0b001, 0b001, 0b001],
	[0b111, 0b101, 0b111, 0b101, 0b111],
	[0b111, 0b101, 0b111, 0b001, 0b111],
];
/// Pixels per font pixel.
const FONT_SCALE: usize = 2;

/// A picture in palette colours.
pub struct Canvas {
	width: usize,
	height: usize,
	pixels: Vec<u8>,
}

impl Canvas {
	/// A blank canvas.
	pub fn new(width: usize, height: usize) -> Self {
		Canvas { width, height, pixels: vec![Color::Background as u8; width * height] }
	}

	/// Fills the rectangle from (`x`, `y`) (top left), `w` wide and `h` high, clipped.
	pub fn rect(&mut self, x: usize, y: usize, w: usize, h: usize, color: Color) {
		for row in y.min(self.height)..(y + h).min(self.height) {
			let start = row * self.width;
			self.pixels[start + x.min(self.width)..start + (x + w).min(self.width)]
				.fill(color as u8);
		}
	}

	/// Writes the decimal digits of `n` with their top right corner at (`right`, `top`).
	pub fn number(&mut self, n: u64, right: usize, top: usize) {
		let text = n.to_string();
		let advance = 4 * FONT_SCALE;
		let mut x = right.saturating_sub(text.len() * advance);
		for c in text.bytes() {
			let glyph = DIGITS[(c - b'0') as usize];
			for (row, bits) in glyph.iter().enumerate() {
				for col in 0..3 {
					if bits & (0b100 >> col) != 0 {
						self.rect(
							x + col * FONT_SCALE,
							top + row * FONT_SCALE,
							FONT_SCALE,
							FONT_SCALE,
							Color::Ink,
						);
					}
				}
			}
			x += advance;
		}
	}

	/// The PNG file of the canvas.
	pub fn png(&self) -> Vec<u8> {
		let mut raw = Vec::with_capacity((self.width + 1) * self.height);
		for row in self.pixels.chunks(self.width) {
			raw.push(0); // filter: none
			raw.extend_from_slice(row);
		}
		let mut ihdr = Vec::new();
		ihdr.extend_from_slice(&(self.width as u32).to_be_bytes());
		ihdr.extend_from_slice(&(self.height as u32).to_be_bytes());
		ihdr.extend_from_slice(&[8, 3, 0, 0, 0]); // 8 bits, palette, deflate, no filter set, no interlace
		let plte: Vec<u8> = PALETTE.iter().flatten().copied().collect();
		let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
		chunk(&mut png, b"IHDR", &ihdr);
		chunk(&mut png, b"PLTE", &plte);
		chunk(&mut png, b"IDAT", &zlib(&raw, self.width + 1));
		chunk(&mut png, b"IEND", &[]);
		png
	}

	/// Writes the PNG file to `path`.
	pub fn save(&self, path: &Path) -> std::io::Result<()> {
		std::fs::write(path, self.png())
	}
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
	png.extend_from_slice(&(data.len() as u32).to_be_bytes());
	let start = png.len();
	png.extend_from_slice(kind);
	png.extend_from_slice(data);
	let crc = crc32(&png[start..]);
	png.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
	let mut crc = !0u32;
	for &b in bytes {
		crc ^= b as u32;
		for _ in 0..8 {
			crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
		}
	}
	!crc
}

fn adler32(bytes: &[u8]) -> u32 {
	let (mut a, mut b) = (1u32, 0u32);
	for chunk in bytes.chunks(5552) {
		for &x in chunk {
			a += x as u32;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	(b << 16) | a
}

/// Writes bits least significant first, as deflate wants.
struct Bits {
	out: Vec<u8>,
	acc: u64,
	n: u32,
}

impl Bits {
	fn put(&mut self, value: u32, count: u32) {
		self.acc |= (value as u64) << self.n;
		self.n += count;
		while self.n >= 8 {
			self.out.push(self.acc as u8);
			self.acc >>= 8;
			self.n -= 8;
		}
	}

	/// A Huffman code: most significant bit first.
	fn code(&mut self, code: u32, len: u32) {
		self.put(code.reverse_bits() >> (32 - len), len);
	}

	fn literal(&mut self, sym: u32) {
		match sym {
			0..=143 => self.code(0x30 + sym, 8),
			144..=255 => self.code(0x190 + sym - 144, 9),
			256..=279 => self.code(sym - 256, 7),
			_ => self.code(0xC0 + sym - 280, 8),
		}
	}

	fn finish(mut self) -> Vec<u8> {
		if self.n > 0 {
			self.out.push(self.acc as u8);
		}
		self.out
	}
}

const LENGTH_BASE: [u16; 29] = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] =
	[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
	2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
	13,
];

/// The zlib stream of `data`: one deflate block with the fixed Huffman codes, matching runs of
/// the previous byte and of the byte `stride` back (the row above).
fn zlib(data: &[u8], stride: usize) -> Vec<u8> {
	let mut bits = Bits { out: vec![0x78, 0x01], acc: 0, n: 0 };
	bits.put(1, 1); // last block
	bits.put(1, 2); // fixed Huffman codes
	let mut i = 0;
	while i < data.len() {
		let max = (data.len() - i).min(258);
		let run = |d: usize| -> usize {
			if d == 0 || i < d || d > 32768 {
				return 0;
			}
			(0..max).take_while(|&k| data[i + k] == data[i + k - d]).count()
		};
		let (len, dist) = [(run(1), 1), (run(stride), stride)]
			.into_iter()
			.max_by_key(|&(len, _)| len)
			.expect("two candidates");
		if len >= 3 {
			let l = LENGTH_BASE.iter().rposition(|&b| b as usize <= len).expect("len >= 3");
			bits.literal(257 + l as u32);
			bits.put((len - LENGTH_BASE[l] as usize) as u32, LENGTH_EXTRA[l] as u32);
			let d = DIST_BASE.iter().rposition(|&b| b as usize <= dist).expect("dist >= 1");
			bits.code(d as u32, 5);
			bits.put((dist - DIST_BASE[d] as usize) as u32, DIST_EXTRA[d] as u32);
			i += len;
		} else {
			bits.literal(data[i] as u32);
			i += 1;
		}
	}
	bits.literal(256);
	let mut out = bits.finish();
	out.extend_from_slice(&adler32(data).to_be_bytes());
	out
}

/// One series of a bar chart: a colour and a value per slot.
pub struct Series {
	/// Its colour.
	pub color: Color,
	/// Its value in each slot.
	pub values: Vec<u64>,
}

/// Margins: room for the y axis's numbers on the left, the x axis's below.
const LEFT: usize = 56;
const RIGHT: usize = 12;
const TOP: usize = 12;
const BOTTOM: usize = 26;

/// A bar chart: for each slot, the series' bars side by side; `separators` are slots before
/// which a vertical line is drawn (where a scenario starts); the x axis is labelled with
/// `x_label(slot)` at about ten slots.
pub fn bars(
	width: usize,
	height: usize,
	series: &[Series],
	separators: &[usize],
	x_label: impl Fn(usize) -> u64,
) -> Canvas {
	let mut c = Canvas::new(width, height);
	let slots = series.iter().map(|s| s.values.len()).max().unwrap_or(0).max(1);
	let max = series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0).max(1);
	let step = nice_step(max);
	let top_value = max.div_ceil(step) * step;
	let plot_w = width - LEFT - RIGHT;
	let plot_h = height - TOP - BOTTOM;
	let y_of = |v: u64| TOP + plot_h - (v as usize * plot_h / top_value as usize);
	// Grid and y labels.
	let mut v = 0;
	while v <= top_value {
		let y = y_of(v);
		c.rect(LEFT, y, plot_w, 1, Color::Grid);
		c.number(v, LEFT - 6, y.saturating_sub(5));
		v += step;
	}
	let slot_w = plot_w as f64 / slots as f64;
	let x_of = |slot: usize| LEFT + (slot as f64 * slot_w) as usize;
	for &s in separators {
		c.rect(x_of(s), TOP, 1, plot_h, Color::Ink);
	}
	// Bars.
	let n = series.len().max(1);
	let bar_w = ((slot_w * 0.8) / n as f64).max(1.0);
	for (k, s) in series.iter().enumerate() {
		for (slot, &value) in s.values.iter().enumerate() {
			if value == 0 {
				continue;
			}
			let x = x_of(slot) + (slot_w * 0.1) as usize + (k as f64 * bar_w) as usize;
			let y = y_of(value);
			c.rect(x, y, bar_w.ceil() as usize, TOP + plot_h - y, s.color);
		}
	}
	// Axes and x labels.
	c.rect(LEFT, TOP, 1, plot_h + 1, Color::Ink);
	c.rect(LEFT, TOP + plot_h, plot_w, 1, Color::Ink);
	let every = (slots / 10).max(1);
	let mut slot = 0;
	while slot < slots {
		let x = x_of(slot) + (slot_w / 2.0) as usize;
		c.rect(x, TOP + plot_h, 1, 4, Color::Ink);
		let label = x_label(slot);
		let half = label.to_string().len() * 4 * FONT_SCALE / 2;
		c.number(label, x + half, TOP + plot_h + 8);
		slot += every;
	}
	c
}

/// A step of 1, 2 or 5 times a power of ten giving at most about six grid lines up to `max`.
fn nice_step(max: u64) -> u64 {
	let mut power = 1;
	loop {
		for m in [1, 2, 5] {
			if max / (m * power) <= 6 {
				return m * power;
			}
		}
		power *= 10;
	}
}

//! Where the tests find the repository's files and the binaries of this build.

use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("test-utils/ is in the repository").into()
}

/// The bundled models: `models/` with its ONNX files, sidecars, `models.json` and
/// `expected.json`.
pub fn models_dir() -> PathBuf {
	repo_root().join("models")
}

/// The folder of this build's binaries (`target/release`): a test executable runs from
/// `target/release/deps/`, a binary of the workspace (the load benchmark) from `target/release/`.
pub fn bin_dir() -> PathBuf {
	let exe = std::env::current_exe().expect("the executable's path");
	let dir = exe.parent().expect("target/<profile>/<executable>");
	if dir.file_name().is_some_and(|name| name == "deps") {
		dir.parent().expect("target/<profile>/deps/<test>").to_path_buf()
	} else {
		dir.to_path_buf()
	}
}

/// The workspace binary `name` of this build, or a panic that says how to build it. Cargo builds
/// only the binaries of the package under test for its tests; `cargo build --release
/// --workspace` (or `scripts/test.sh`) builds them all.
pub fn workspace_bin(name: &str) -> PathBuf {
	let path = bin_dir().join(name);
	assert!(
		path.exists(),
		"{} not found: build it first (cargo build --release --locked --workspace)",
		path.display()
	);
	path
}

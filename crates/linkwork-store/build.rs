//! Embeds `migrations/NNNN_name.sql` at build time, in order, refusing gaps or bad names.

use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(u32, String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(&dir).expect("migrations/ folder") {
        let path = entry.unwrap().path();
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = file.strip_suffix(".sql") else {
            continue;
        };
        let (num, name) = stem
            .split_once('_')
            .unwrap_or_else(|| panic!("migration {file}: name must be NNNN_description.sql"));
        let version: u32 = num
            .parse()
            .unwrap_or_else(|_| panic!("migration {file}: bad number"));
        files.push((version, name.to_string(), path.canonicalize().unwrap()));
    }
    files.sort();
    for (i, (v, _, p)) in files.iter().enumerate() {
        assert_eq!(
            *v as usize,
            i + 1,
            "migrations must be numbered 1, 2, 3… with no gaps: {}",
            p.display()
        );
    }
    let mut out = String::from("&[\n");
    for (v, name, path) in &files {
        out.push_str(&format!(
            "    Migration {{ version: {v}, name: {name:?}, sql: include_str!({:?}) }},\n",
            path.display().to_string()
        ));
    }
    out.push(']');
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("migrations.rs"),
        out,
    )
    .unwrap();
}

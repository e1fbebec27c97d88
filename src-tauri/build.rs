fn main() {
    // Declaring the app's commands makes Tauri generate a permission for each, so the capability
    // file must allow `call` and `choose_file` explicitly (nothing is allowed by default).
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["call", "choose_file"])),
    )
    .expect("tauri build script");
}

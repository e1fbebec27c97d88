//! Generates `ui/src/generated/api.ts`: every type the commands use, and a typed client with one
//! function per command. `cargo test` compares it with the committed file (see tests/).

use std::collections::BTreeMap;
use ts_rs::{TypeVisitor, TS};

struct Collect(BTreeMap<String, String>);

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Derived types have an output path; built-ins (string, number, Option, Vec) do not.
        if T::output_path().is_some() {
            if self.0.contains_key(&T::ident()) {
                return;
            }
            self.0.insert(T::ident(), T::decl());
        }
        T::visit_dependencies(self);
    }
}

fn ts_name(rust: &str) -> String {
    match rust {
        "NoArgs" => "Record<string, never>".into(),
        other => other.into(),
    }
}

/// The whole generated file.
pub fn typescript() -> String {
    let mut types = Collect(BTreeMap::new());
    crate::commands::visit_types(&mut types);
    types.0.remove("NoArgs");
    types.0.insert("ApiError".into(), crate::ApiError::decl());
    crate::ApiError::visit_dependencies(&mut types);
    // Every code, even one no command happens to name, so the UI can switch on all of them.
    types.visit::<linkwork_core::ErrorCode>();

    let mut out = String::from(
        "// Generated from crates/linkwork-api by `./dev bindings`. Do not edit: change the Rust types.\n\
         // A test fails when this file is out of date.\n\n\
         import { invoke } from \"../lib/ipc\";\n\n\
         /** A file the person chose in Linkwork's own dialog (`chooseFile` in lib/files): the core names\n\
          * files only by these, never by a path typed or made up in the window. */\n\
         export type FileHandle = string & { readonly __brand: \"FileHandle\" };\n\n",
    );
    // The core's own numbers the window shows before it can ask (no vault yet, on set-up).
    out.push_str(&format!(
        "/** The shortest passphrase the core accepts (linkwork-core `MIN_PASSPHRASE_CHARS`). */\n\
         export const MIN_PASSPHRASE_CHARS = {};\n\n",
        linkwork_core::secret::MIN_PASSPHRASE_CHARS
    ));
    for decl in types.0.values() {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str("/** Every command the core offers, typed from the Rust handlers. Rejects with an `ApiError`. */\n");
    out.push_str("export const api = {\n");
    for (name, args, ret, doc) in crate::commands::signatures() {
        if !doc.is_empty() {
            out.push_str(&format!("  /** {} */\n", doc.trim()));
        }
        let ret = if ret == "null" {
            "void".to_string()
        } else {
            ret
        };
        if args == "NoArgs" {
            out.push_str(&format!("  {name}: (): Promise<{ret}> => invoke(\"call\", {{ command: \"{name}\", args: {{}} }}),\n"));
        } else {
            out.push_str(&format!(
                "  {name}: (args: {}): Promise<{ret}> => invoke(\"call\", {{ command: \"{name}\", args }}),\n",
                ts_name(&args)
            ));
        }
    }
    out.push_str("} as const;\n");
    out
}

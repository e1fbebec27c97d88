//! The `linkwork` binary: the command line in `lib.rs`, under the allocator the app uses too.

/// Freed memory is zeroed: no copy of a key or passphrase a library dropped unwiped lingers.
#[global_allocator]
static ALLOC: linkwork_api::WipeOnFree = linkwork_api::WipeOnFree;

fn main() -> std::process::ExitCode {
    linkwork_cli::main()
}

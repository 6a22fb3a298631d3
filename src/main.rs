//! The `mtlint` binary: all logic lives in the library; see `mtlint::cli`.

/// Start-up builds tens of thousands of small strings and maps from the rule tables, on
/// several threads; mimalloc serves that pattern markedly faster than the system
/// allocator (measured with hyperfine on a one-line check).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    mtlint::cli::main()
}

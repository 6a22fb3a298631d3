//! The `mtlint` binary: all logic lives in the library; see `mtlint::cli`.

fn main() -> std::process::ExitCode {
    mtlint::cli::main()
}

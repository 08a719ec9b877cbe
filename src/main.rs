//! The `reportlint` command: parses arguments, runs the library, prints,
//! and turns results into exit codes (0 no error finding, 1 error
//! findings, 2 a file or a rule could not be read).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}

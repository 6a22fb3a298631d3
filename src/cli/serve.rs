//! `mtlint serve`: the review page and JSON API for editors (see `crate::serve`).

use super::{EXIT_ERROR, EXIT_OK, ServeArgs, error};
use crate::serve::{Limits, Reviewer};
use std::time::Duration;

pub(super) fn run(args: &ServeArgs) -> u8 {
    if args.timeout == 0 || args.max_body == 0 {
        error("`--timeout` and `--max-body` must be greater than 0");
        return EXIT_ERROR;
    }
    let (source, cli) = args.rules.settings(None);
    // Configuration and rules load before the port opens: an error is reported at once,
    // not on the first request.
    let reviewer = match Reviewer::new(source, cli) {
        Ok(r) => r,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let limits = Limits {
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout),
        workers: args.workers,
    };
    match crate::serve::run(&args.host, args.port, limits, reviewer) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            error(&e);
            EXIT_ERROR
        }
    }
}

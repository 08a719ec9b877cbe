//! spool: the report sections of an HTML page, kept on disk until the
//! summary that stands before them is known.
//!
//! The page opens with the run's totals, a table of every report and a
//! chart, then has one section per report. A section is as long as its
//! report, so a batch of a thousand reports would hold a thousand documents
//! in memory; instead each section goes to an unnamed temporary file (in
//! `TMPDIR`, removed by the system when closed, even after a crash) as soon
//! as its report is linted, and the file is copied after the head at the end.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

use super::sink::Sink;

pub struct Spool {
    writer: BufWriter<File>,
    /// The first write error; the rest of the sections are dropped.
    error: Option<io::Error>,
}

impl Spool {
    pub fn new() -> io::Result<Self> {
        Ok(Spool { writer: BufWriter::new(tempfile::tempfile()?), error: None })
    }

    pub fn write(&mut self, text: &str) {
        if self.error.is_none() {
            self.error = self.writer.write_all(text.as_bytes()).err();
        }
    }

    /// Everything written, copied into `sink`; the first error of either.
    pub fn copy_into(self, sink: &mut Sink) -> io::Result<()> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut file = self.writer.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        sink.copy(&mut file);
        Ok(())
    }
}

//! Reader type for consuming nested TLV records within a DER document.
//!
//! certscope's change: one reader type for every depth. der 0.7.10's
//! `NestedReader<'i, R>` wraps the reader it nests in, so a type decoded at
//! depth 4 is decoded by a `NestedReader<NestedReader<NestedReader<
//! NestedReader<SliceReader>>>>` and every decoder is compiled once per
//! depth it is met at. This reader keeps the whole input, where the nested
//! part starts and the root's failure flag instead, and nests into itself,
//! so each decoder is compiled once. Positions, errors and the failure flag
//! are those der 0.7.10 gives (vendor/README.md says how that is checked).

use crate::{reader::Reader, BytesRef, Error, ErrorKind, Header, Length, Result, SliceReader};

/// Reader type used by [`Reader::read_nested`].
pub struct NestedReader<'i, 'r> {
    /// The whole input of the outermost reader.
    root: BytesRef<'r>,

    /// Where this nested input starts in `root`.
    start: Length,

    /// Nested input length.
    input_len: Length,

    /// Position within the nested input.
    position: Length,

    /// The outermost reader's "did decoding fail?" flag, which every depth
    /// sets and reads, as der 0.7.10's readers all reach the outermost one.
    failed: &'i mut bool,
}

/// What a reader hands to the readers nested in it: the whole input, the
/// absolute position, and the failure flag.
pub(crate) struct NestParts<'i, 'r> {
    pub(crate) root: BytesRef<'r>,
    pub(crate) offset: Length,
    pub(crate) failed: &'i mut bool,
}

impl<'i, 'r> NestedReader<'i, 'r> {
    /// Runs `f` on the `len` bytes at `parts.offset`, then checks they were
    /// all read. Returns how many were read, for the caller's position, and
    /// the result.
    pub(crate) fn run<T, F>(parts: NestParts<'i, 'r>, len: Length, f: F) -> (Length, Result<T>)
    where
        F: FnOnce(&mut NestedReader<'i, 'r>) -> Result<T>,
    {
        let mut reader = NestedReader {
            root: parts.root,
            start: parts.offset,
            input_len: len,
            position: Length::ZERO,
            failed: parts.failed,
        };
        let ret = f(&mut reader);
        let read = reader.position;
        (read, ret.and_then(|value| reader.finish(value)))
    }

    /// The check der 0.7.10's `NestedReader::new` makes before nesting `len`
    /// bytes in a reader at `offset` with `remaining` bytes left.
    pub(crate) fn check_len(offset: Length, remaining: Length, len: Length) -> Result<()> {
        if len <= remaining {
            Ok(())
        } else {
            Err(ErrorKind::Incomplete {
                expected_len: (offset + len)?,
                actual_len: (offset + remaining)?,
            }
            .at(offset))
        }
    }

    /// The outermost reader as it stands at this reader's position.
    fn root_reader(&self) -> SliceReader<'r> {
        SliceReader::at(self.root, self.offset(), *self.failed)
    }

    /// Move the position cursor the given length, returning an error if there
    /// isn't enough remaining data in the nested input.
    fn advance_position(&mut self, len: Length) -> Result<()> {
        let new_position = (self.position + len)?;

        if new_position <= self.input_len {
            self.position = new_position;
            Ok(())
        } else {
            Err(ErrorKind::Incomplete {
                expected_len: (self.offset() + len)?,
                actual_len: (self.offset() + self.remaining_len())?,
            }
            .at(self.offset()))
        }
    }
}

impl<'i, 'r> Reader<'r> for NestedReader<'i, 'r> {
    fn input_len(&self) -> Length {
        self.input_len
    }

    fn peek_byte(&self) -> Option<u8> {
        if self.is_finished() {
            None
        } else {
            self.root_reader().peek_byte()
        }
    }

    fn peek_header(&self) -> Result<Header> {
        if self.is_finished() {
            Err(Error::incomplete(self.offset()))
        } else {
            // As in der 0.7.10, the header is read from the outermost
            // reader, and may reach past this nested input.
            self.root_reader().peek_header()
        }
    }

    fn position(&self) -> Length {
        self.position
    }

    fn read_slice(&mut self, len: Length) -> Result<&'r [u8]> {
        let mut root = self.root_reader();
        let position = self.position;
        self.advance_position(len)?;
        let ret = root.read_slice(len);
        *self.failed = root.is_failed();
        if ret.is_err() {
            // der 0.7.10 leaves the outermost reader where it was, and
            // error positions come from it.
            self.position = position;
        }
        ret
    }

    fn error(&mut self, kind: ErrorKind) -> Error {
        *self.failed = true;
        kind.at(self.offset())
    }

    fn offset(&self) -> Length {
        (self.start + self.position).unwrap_or(self.start)
    }

    fn read_nested<'n, T, F>(&'n mut self, len: Length, f: F) -> Result<T>
    where
        F: FnOnce(&mut NestedReader<'_, 'r>) -> Result<T>,
    {
        NestedReader::check_len(self.offset(), self.remaining_len(), len)?;
        let parts = NestParts { root: self.root, offset: self.offset(), failed: &mut *self.failed };
        let (read, ret) = NestedReader::run(parts, len, f);
        // The nested reads moved this reader too (der 0.7.10 passes each
        // one through every depth); `read` is within `len`, checked above.
        self.position = (self.position + read)?;
        ret
    }
}

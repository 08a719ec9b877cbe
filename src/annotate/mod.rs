//! annotate: findings → the author's own file with a comment (批注) on
//! each finding's figure, to be handed back inside the draft.
//!
//! What a comment says is [`note`]; where it is anchored, and how the
//! file is rewritten, depends on the format the report came in.

pub mod note;

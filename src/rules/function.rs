//! The built-in functions a check may call, with their arity. The rules
//! loader checks every call against this table; `eval` implements them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Abs,
    Round,
    Min,
    Max,
    Exists,
    /// The comparison written before a figure (`≥ 90%` gives "≥").
    Relation,
    Sum,
    Count,
    All,
    Any,
}

impl Function {
    pub const NAMES: [&'static str; 10] =
        ["abs", "round", "min", "max", "exists", "relation", "sum", "count", "all", "any"];

    pub fn lookup(name: &str) -> Option<Function> {
        Some(match name {
            "abs" => Function::Abs,
            "round" => Function::Round,
            "min" => Function::Min,
            "max" => Function::Max,
            "exists" => Function::Exists,
            "relation" => Function::Relation,
            "sum" => Function::Sum,
            "count" => Function::Count,
            "all" => Function::All,
            "any" => Function::Any,
            _ => return None,
        })
    }

    /// Fewest and most arguments.
    pub fn arity(self) -> (usize, usize) {
        match self {
            Function::Abs | Function::Exists | Function::Relation | Function::Sum | Function::Count => (1, 1),
            Function::Round => (1, 2),
            Function::Min | Function::Max => (2, usize::MAX),
            Function::All | Function::Any => (2, 2),
        }
    }

    /// Whether the first argument names a collection rather than a value.
    pub fn takes_collection(self) -> bool {
        matches!(self, Function::Sum | Function::Count | Function::All | Function::Any)
    }
}

//! The built-in functions a check may call, with their arity. The rules
//! loader checks every call against this table; `eval` implements them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Abs,
    Round,
    Min,
    Max,
    Exists,
    /// `filled(x)`: true when a form's cell holds something, false when it
    /// is there but left empty; missing when the form has no such cell.
    Filled,
    /// `default(x, v)`: `v` where `x` is a form's cell left empty; a figure
    /// that is not in the report at all stays missing.
    Default,
    /// `coalesce(a, b, …)`: the first that is not missing.
    Coalesce,
    /// `meets(actual, target)`: the actual meets the target by the target's
    /// own comparison (`≥95%`, or the 指标性质 column).
    Meets,
    /// The comparison written before a figure (`≥ 90%` gives "≥").
    Relation,
    Sum,
    Count,
    All,
    Any,
}

impl Function {
    pub const NAMES: [&'static str; 14] = [
        "abs", "round", "min", "max", "exists", "filled", "default", "coalesce", "meets", "relation", "sum", "count",
        "all", "any",
    ];

    pub fn lookup(name: &str) -> Option<Function> {
        Some(match name {
            "abs" => Function::Abs,
            "round" => Function::Round,
            "min" => Function::Min,
            "max" => Function::Max,
            "exists" => Function::Exists,
            "filled" => Function::Filled,
            "default" => Function::Default,
            "coalesce" => Function::Coalesce,
            "meets" => Function::Meets,
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
            Function::Abs | Function::Exists | Function::Filled | Function::Relation | Function::Count => (1, 1),
            Function::Round | Function::Sum => (1, 2),
            Function::Min | Function::Max | Function::Coalesce => (2, usize::MAX),
            Function::All | Function::Any | Function::Default | Function::Meets => (2, 2),
        }
    }

    /// Whether the first argument names a collection rather than a value.
    pub fn takes_collection(self) -> bool {
        matches!(self, Function::Sum | Function::Count | Function::All | Function::Any)
    }
}

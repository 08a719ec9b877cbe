//! What an expression evaluates to, and why it may have no value.

use super::quantity::Quantity;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Quantity(Quantity),
    Bool(bool),
    /// The texts it may be: a band lookup whose score interval straddles a
    /// band edge may be either label.
    Text(Vec<String>),
}

impl Value {
    /// What kind of value it is, in messages: 数字, 真假值, 文字.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Quantity(_) => "数字",
            Value::Bool(_) => "真假值",
            Value::Text(_) => "文字",
        }
    }
}

/// Why evaluation stopped without a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A figure the check needs is not in the report, or is there but not
    /// filled in, or a list is cut off: the check does not apply. Unlike
    /// [`Stop::NotApplicable`], `coalesce` and `default` can stand in for it.
    Missing(String),
    /// A divisor may be zero, a value overflows: the check does not apply
    /// to this report. Never an error for the author.
    NotApplicable(String),
    /// The rule itself is wrong (comparing a % with an amount): an error for
    /// the rule's author, not the report's.
    RuleError(String),
}

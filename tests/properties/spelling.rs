//! Noisy spellings of an expression tree: fully parenthesized, in every
//! alternative spelling the grammar accepts and `to_source` never writes
//! (`−`, `－`, `×`, `÷`, `==`, `＝`, `≠`, `＜`, `≤`, `＞`, `≥`, `＋`, `&&`, `||`, `!`, `％`,
//! curly quotes),
//! with odd white space (tabs, line breaks, U+3000) and extra parentheses
//! around leaves.
//!
//! Input: a tree and a list of choices, used round-robin (so proptest can
//! shrink them). Output: source text that parses to the same tree.

use reportlint::expr::{BinaryOp, Expr, ExprKind, UnaryOp};

/// Choices for the noisy printer, used round-robin.
pub struct Noise<'a> {
    choices: &'a [u8],
    next: usize,
}

impl<'a> Noise<'a> {
    pub fn new(choices: &'a [u8]) -> Noise<'a> {
        Noise { choices, next: 0 }
    }

    fn pick<'b>(&mut self, options: &[&'b str]) -> &'b str {
        let choice = self.choices.get(self.next % self.choices.len().max(1)).copied().unwrap_or(0);
        self.next += 1;
        options[usize::from(choice) % options.len()]
    }

    pub fn space(&mut self) -> &'static str {
        self.pick(&["", "", " ", "  ", "\t", "\n", "\r\n", "\u{3000}"])
    }

    /// White space where a word would otherwise run into a name.
    fn gap(&mut self) -> &'static str {
        self.pick(&[" ", " ", "\t", "\n", "\u{3000}"])
    }
}

fn is_leaf(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_) | ExprKind::Path(_))
}

/// Writes `expr` fully parenthesized, in spellings `to_source` never uses.
pub fn write_noisy(expr: &Expr, noise: &mut Noise, out: &mut String) {
    if !is_leaf(expr) || noise.pick(&["", "", "", "("]) == "(" {
        let (open, close) = (noise.space(), noise.space());
        out.push('(');
        out.push_str(open);
        write_bare(expr, noise, out);
        out.push_str(close);
        out.push(')');
    } else {
        write_bare(expr, noise, out);
    }
}

fn write_bare(expr: &Expr, noise: &mut Noise, out: &mut String) {
    match &expr.kind {
        ExprKind::Number { value, percent } => {
            out.push_str(&value.to_string());
            if *percent {
                out.push_str(noise.pick(&["%", "％"]));
            }
        }
        ExprKind::Text(text) if !text.contains('”') && noise.pick(&["", "curly"]) == "curly" => {
            out.push_str(&format!("“{text}”"));
        }
        ExprKind::Unary { op: UnaryOp::Negate, operand } => {
            out.push_str(noise.pick(&["-", "−", "－"]));
            out.push_str(noise.space());
            write_noisy(operand, noise, out);
        }
        ExprKind::Unary { op: UnaryOp::Not, operand } => {
            match noise.pick(&["not", "!"]) {
                "!" => out.push('!'),
                _ => out.push_str(&format!("not{}", noise.gap())),
            }
            write_noisy(operand, noise, out);
        }
        ExprKind::Binary { op, left, right } => {
            write_noisy(left, noise, out);
            let symbol = noise.pick(spellings(*op));
            let word = symbol.starts_with(char::is_alphabetic);
            let (before, after) = if word { (noise.gap(), noise.gap()) } else { (noise.space(), noise.space()) };
            out.push_str(&format!("{before}{symbol}{after}"));
            write_noisy(right, noise, out);
        }
        ExprKind::Call { name, args, .. } => {
            out.push_str(&format!("{name}{}(", noise.space()));
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push_str(&format!("{},{}", noise.space(), noise.space()));
                }
                write_noisy(arg, noise, out);
            }
            out.push(')');
        }
        ExprKind::If { condition, then, otherwise } => {
            for (keyword, branch) in [("if", condition), ("then", then), ("else", otherwise)] {
                out.push_str(&format!("{}{keyword}{}", noise.gap(), noise.gap()));
                write_noisy(branch, noise, out);
            }
        }
        // Straight strings, booleans and paths have one spelling.
        _ => out.push_str(&expr.to_source()),
    }
}

fn spellings(op: BinaryOp) -> &'static [&'static str] {
    match op {
        BinaryOp::Add => &["+", "＋"],
        BinaryOp::Subtract => &["-", "−", "－"],
        BinaryOp::Multiply => &["*", "×"],
        BinaryOp::Divide => &["/", "÷"],
        BinaryOp::Equal => &["=", "==", "＝"],
        BinaryOp::NotEqual => &["!=", "≠"],
        BinaryOp::Less => &["<", "＜"],
        BinaryOp::LessEqual => &["<=", "≤"],
        BinaryOp::Greater => &[">", "＞"],
        BinaryOp::GreaterEqual => &[">=", "≥"],
        BinaryOp::And => &["and", "&&"],
        BinaryOp::Or => &["or", "||"],
    }
}

//! Property 3: printing an expression and parsing it again gives it back.
//!
//! Input: random syntax trees within the grammar of `grammar/expr.pest` —
//! numbers with up to 28 decimals and `%`, strings with quotes, escapes and
//! line breaks, paths of ASCII, Chinese and keyword-like names
//! (`notable.iff`), calls, both prefix operators, all twelve infix
//! operators and `if … then … else …` — kept inside [`MAX_NESTING`] and
//! [`MAX_LENGTH`]. Checked, comparing the s-expression `Display` (which
//! ignores spans): `parse(expr.to_source())` is `expr`; and a noisy
//! spelling of the same tree (every alternative operator spelling, curly
//! quotes, `％`, odd white space, extra parentheses) parses to it as well;
//! and a printed `if` stands only at the start, after `(`, `,` or `else`,
//! never as `if if …`, `then if …` or `x + if …`.

use proptest::prelude::*;
use proptest::sample::select;
use reportlint::expr::{BinaryOp, Expr, ExprKind, MAX_LENGTH, MAX_NESTING, UnaryOp, parse};
use reportlint::span::Span;
use rust_decimal::Decimal;

use crate::spelling::{Noise, write_noisy};

fn node(kind: ExprKind) -> Expr {
    Expr { kind, span: Span::default() }
}

const KEYWORDS: [&str; 8] = ["and", "or", "not", "if", "then", "else", "true", "false"];

/// Names the grammar accepts, including ones that start like a keyword.
const NAMES: &str = "budget initial adjusted spent it score weight indicators 预算 调整后 得分 notable iff orange \
    android ifx thenable elsewhere trueish falsey if_any not_ _ _x1 x2 Ａ e\u{301} ｔｈｅｎ αβ";

const FUNCTIONS: &str = "sum count abs round min max all any exists relation f notable";

/// The items of a list written one space apart.
fn listed(items: &'static str) -> Vec<&'static str> {
    items.split(' ').collect()
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(listed(NAMES)).prop_map(String::from),
        1 => "[a-z_][a-z0-9_]{0,6}".prop_filter("a keyword is not a name", |name| !KEYWORDS.contains(&name.as_str())),
        1 => "[\u{4e00}-\u{9fa5}]{1,3}",
    ]
}

fn number() -> impl Strategy<Value = ExprKind> {
    let value = prop_oneof![
        3 => (0i64..100_000, 0u32..=2).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
        1 => (0u128..(1 << 96), 0u32..=28)
            .prop_filter_map("fits a decimal", |(mantissa, scale)| Decimal::try_from_i128_with_scale(mantissa as i128, scale).ok()),
    ];
    (value, any::<bool>()).prop_map(|(value, percent)| ExprKind::Number { value, percent })
}

fn text() -> impl Strategy<Value = String> {
    let character = prop_oneof![
        3 => any::<char>(),
        1 => select(&['"', '\\', '“', '”', '\n', '(', ')', '优'][..]),
    ];
    prop::collection::vec(character, 0..6).prop_map(|characters| characters.into_iter().collect())
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        3 => number(),
        1 => text().prop_map(ExprKind::Text),
        1 => any::<bool>().prop_map(ExprKind::Boolean),
        4 => prop::collection::vec(name(), 1..=3).prop_map(ExprKind::Path),
    ]
    .prop_map(node)
}

const BINARY: [BinaryOp; 12] = [
    BinaryOp::Add,
    BinaryOp::Subtract,
    BinaryOp::Multiply,
    BinaryOp::Divide,
    BinaryOp::Equal,
    BinaryOp::NotEqual,
    BinaryOp::Less,
    BinaryOp::LessEqual,
    BinaryOp::Greater,
    BinaryOp::GreaterEqual,
    BinaryOp::And,
    BinaryOp::Or,
];

/// Trees at most six levels deep: each level adds at most a parenthesis,
/// a prefix operator and an `if` when printed, far below [`MAX_NESTING`].
pub fn expression() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(6, 48, 3, |inner| {
        let unary = select(&[UnaryOp::Negate, UnaryOp::Not][..]);
        prop_oneof![
            2 => (unary, inner.clone())
                .prop_map(|(op, operand)| node(ExprKind::Unary { op, operand: Box::new(operand) })),
            6 => (select(&BINARY[..]), inner.clone(), inner.clone()).prop_map(|(op, left, right)| {
                node(ExprKind::Binary { op, left: Box::new(left), right: Box::new(right) })
            }),
            2 => (select(listed(FUNCTIONS)), prop::collection::vec(inner.clone(), 0..=3)).prop_map(|(name, args)| {
                node(ExprKind::Call { name: name.to_string(), name_span: Span::default(), args })
            }),
            1 => (inner.clone(), inner.clone(), inner).prop_map(|(condition, then, otherwise)| {
                node(ExprKind::If { condition: Box::new(condition), then: Box::new(then), otherwise: Box::new(otherwise) })
            }),
        ]
    })
}

/// Operands and operators in every spelling, for sources the tree
/// generator would not write (leading zeros, `==`, `&&`, `“…”`, …).
const PREFIXES: &[&str] = &["-", "−", "!", "not ", "- -"];
const OPERANDS: &str = "a b.c 预算.调整后 it.score notable iff 0 00.50 2.50 68.48% 7％ 0.0000000000000000000000000001 \
    79228162514264337593543950335 \"x\\\"\" “优” true false sum(a) f() max(a,-b) all(x,it.y<=1)";
const CONDITIONALS: &[&str] = &["if a then b else c", "if a then b else c or d"];
const SYMBOLS: &str = "+ - − * × / ÷ = == != ≠ < <= ≤ > >= ≥ && || ,";
const WORDS: &[&str] = &[" and ", " or ", " then ", " "];

/// `prefixes (operand) infix …`, with parentheses opened and closed at
/// random and closed at the end.
fn token_soup() -> impl Strategy<Value = String> {
    let segment = (
        prop::collection::vec(select(PREFIXES), 0..2),
        select(&["", "", "(", "( "][..]),
        prop_oneof![6 => select(listed(OPERANDS)), 1 => select(CONDITIONALS)],
        select(&["", "", "", ")", " )"][..]),
        prop_oneof![4 => select(listed(SYMBOLS)), 1 => select(WORDS)],
    );
    prop::collection::vec(segment, 1..8).prop_map(|segments| {
        let mut source = String::new();
        for (index, (prefixes, open, operand, close, infix)) in segments.iter().enumerate() {
            if index > 0 {
                source.push_str(infix);
            }
            source.push_str(&format!("{}{open}{operand}{close}", prefixes.concat()));
        }
        let open = source.matches('(').count().saturating_sub(source.matches(')').count());
        source + &")".repeat(open)
    })
}

proptest! {
    #[test]
    fn parsed_token_soups_print_back_to_the_same_tree(source in token_soup()) {
        let Ok(expr) = parse(&source) else { return Ok(()) };
        let printed = expr.to_source();
        let again = parse(&printed).map_err(|error| TestCaseError::fail(format!("{source:?} → {printed:?}: {error:?}")))?;
        prop_assert_eq!(again.to_string(), expr.to_string(), "{:?} printed as {:?}", source, printed);
    }

    #[test]
    fn printed_expressions_parse_back_to_the_same_tree(expr in expression()) {
        let source = expr.to_source();
        prop_assume!(source.len() <= MAX_LENGTH);
        let parsed = parse(&source).map_err(|error| TestCaseError::fail(format!("{source:?}: {error:?}")))?;
        prop_assert_eq!(parsed.to_string(), expr.to_string(), "printed as {:?}", source);
    }

    #[test]
    fn a_printed_if_is_nested_only_in_parentheses(expr in expression()) {
        let source = expr.to_source();
        prop_assume!(source.len() <= MAX_LENGTH);
        let tokens = tokens(&source);
        for (index, token) in tokens.iter().enumerate() {
            let before = index.checked_sub(1).and_then(|before| tokens.get(before)).map(String::as_str);
            prop_assert!(
                token != "if" || matches!(before, None | Some("(" | "," | "else")),
                "`if` after {:?} in {:?}", before, source
            );
        }
    }

    #[test]
    fn every_spelling_of_a_tree_parses_to_it(expr in expression(), choices in prop::collection::vec(any::<u8>(), 1..32)) {
        let mut source = String::new();
        let mut noise = Noise::new(&choices);
        source.push_str(noise.space());
        write_noisy(&expr, &mut noise, &mut source);
        source.push_str(noise.space());
        prop_assume!(source.len() <= MAX_LENGTH);
        let parsed = parse(&source).map_err(|error| TestCaseError::fail(format!("{source:?}: {error:?}")))?;
        prop_assert_eq!(parsed.to_string(), expr.to_string(), "written as {:?}", source);
    }
}

/// Printed source as words and single signs, strings left out: `if a then
/// "x y"` is `if`, `a`, `then`.
fn tokens(source: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut characters = source.chars();
    while let Some(character) = characters.next() {
        if character.is_alphanumeric() || character == '_' || character == '.' {
            word.push(character);
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
        match character {
            '"' => {
                while let Some(inside) = characters.next() {
                    match inside {
                        '\\' => {
                            characters.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                tokens.push("\"…\"".into());
            }
            character if character.is_whitespace() => {}
            character => tokens.push(character.to_string()),
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

/// The generator stays inside the parser's nesting limit with room to spare.
const _: () = assert!(6 * 4 < MAX_NESTING);

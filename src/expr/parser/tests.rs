//! Parser tests: each case is an expression and its tree as an s-expression.

use super::parse;
use crate::expr::{Expr, ExprKind};

fn tree(source: &str) -> String {
    match parse(source) {
        Ok(expr) => expr.to_string(),
        Err(error) => format!("error at {}..{}: {error}", error.span.start, error.span.end),
    }
}

fn assert_trees(cases: &[(&str, &str)]) {
    for (source, expected) in cases {
        assert_eq!(tree(source), *expected, "source: {source}");
    }
}

#[test]
fn design_card_examples() {
    assert_trees(&[
        (
            "budget.adjusted = budget.initial + budget.adjustment",
            "(= budget.adjusted (+ budget.initial budget.adjustment))",
        ),
        (
            "budget.execution_rate = budget.spent / budget.adjusted",
            "(= budget.execution_rate (/ budget.spent budget.adjusted))",
        ),
        ("sum(indicators.weight) = 100", "(= (sum indicators.weight) 100)"),
        ("all(indicators, it.score <= it.weight)", "(all indicators (<= it.score it.weight))"),
        (
            "if exists(budget.adjustment) then budget.adjusted = budget.initial + budget.adjustment else true",
            "(if (exists budget.adjustment) (= budget.adjusted (+ budget.initial budget.adjustment)) true)",
        ),
        ("grade(score.total) = score.grade", "(= (grade score.total) score.grade)"),
        (
            "abs(a - b) <= 0.01 and not (x = 0) or y != 1.5%",
            "(or (and (<= (abs (- a b)) 0.01) (not (= x 0))) (!= y 1.5%))",
        ),
    ]);
}

#[test]
fn literals() {
    assert_trees(&[
        ("100", "100"),
        ("0.005", "0.005"),
        ("2.50", "2.50"),
        ("-3", "(- 3)"),
        ("100%", "100%"),
        ("68.48%", "68.48%"),
        ("68.48％", "68.48%"),
        ("\"优\"", "\"优\""),
        ("“优”", "\"优\""),
        ("“说\"明”", "\"说\\\"明\""),
        ("\"a\\\\b\"", "\"a\\\\b\""),
        ("\"\"", "\"\""),
        ("true", "true"),
        ("false", "false"),
    ]);
}

#[test]
fn numbers_are_exact_decimals() {
    let Ok(Expr { kind: ExprKind::Number { value, percent }, .. }) = parse("68.48%") else {
        panic!("not a number");
    };
    assert_eq!(value.to_string(), "68.48");
    assert_eq!(value.scale(), 2);
    assert!(percent);
}

#[test]
fn names_may_be_chinese_or_ascii() {
    assert_trees(&[
        ("预算.调整后 = 预算.年初 + 预算.调整", "(= 预算.调整后 (+ 预算.年初 预算.调整))"),
        ("score_total", "score_total"),
        ("_hidden.x1", "_hidden.x1"),
        ("指标.分值权重", "指标.分值权重"),
        ("等级(得分) = “优”", "(= (等级 得分) \"优\")"),
        // Keywords are whole words only.
        ("android or notes", "(or android notes)"),
        ("iffy and thence", "(and iffy thence)"),
        ("count()", "(count)"),
        ("sum (x)", "(sum x)"),
    ]);
}

#[test]
fn operator_spellings() {
    assert_trees(&[
        ("a = b", "(= a b)"),
        ("a == b", "(= a b)"),
        ("a != b", "(!= a b)"),
        ("a ≠ b", "(!= a b)"),
        ("a <= b", "(<= a b)"),
        ("a ≤ b", "(<= a b)"),
        ("a >= b", "(>= a b)"),
        ("a ≥ b", "(>= a b)"),
        ("a < b", "(< a b)"),
        ("a > b", "(> a b)"),
        ("a × b ÷ c − d", "(- (/ (* a b) c) d)"),
        ("a && b || !c", "(or (and a b) (not c))"),
        ("not a", "(not a)"),
        ("a\n  and b", "(and a b)"),
        ("a\u{3000}+\u{3000}b", "(+ a b)"),
    ]);
}

/// The full-width signs of a document are the ASCII operators (issue 12):
/// `预算执行率＝实际支出÷全年预算` as a check title writes it.
#[test]
fn document_signs() {
    assert_trees(&[
        ("预算.执行率＝预算.支出÷预算.全年", "(= 预算.执行率 (/ 预算.支出 预算.全年))"),
        ("a ＝ b", "(= a b)"),
        ("a ＜ b", "(< a b)"),
        ("a ＞ b", "(> a b)"),
        ("a ＋ b － c", "(- (+ a b) c)"),
        ("－a × b", "(* (- a) b)"),
        ("a ≥ b × 90％", "(>= a (* b 90%))"),
        ("a ≠ b", "(!= a b)"),
        ("a ≤ b", "(<= a b)"),
    ]);
}

#[test]
fn precedence() {
    assert_trees(&[
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b / c", "(/ (/ a b) c)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("a * -b", "(* a (- b))"),
        ("-(a * b)", "(- (* a b))"),
        ("- -a", "(- (- a))"),
        ("a - -3", "(- a (- 3))"),
        ("a + b = c * d", "(= (+ a b) (* c d))"),
        ("not a = b and c", "(and (not (= a b)) c)"),
        ("not not a", "(not (not a))"),
        ("a and not b", "(and a (not b))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b or c", "(or (or a b) c)"),
        ("not a or b", "(or (not a) b)"),
        ("a = not b and c", "(and (= a (not b)) c)"),
        ("(a = b) = c", "(= (= a b) c)"),
        ("a = (b = c)", "(= a (= b c))"),
        ("x = 0 and y < 1", "(and (= x 0) (< y 1))"),
    ]);
}

#[test]
fn conditionals_extend_as_far_right_as_possible() {
    assert_trees(&[
        ("if a then b else c + 1", "(if a b (+ c 1))"),
        ("if a then b else c or d", "(if a b (or c d))"),
        ("if a or b then c + 1 else d", "(if (or a b) (+ c 1) d)"),
        ("if a then b else if c then d else e", "(if a b (if c d e))"),
        ("if a then if b then c else d else e", "(if a (if b c d) e)"),
        ("1 + if a then b else c", "(+ 1 (if a b c))"),
        ("(if a then b else c) + 1", "(+ (if a b c) 1)"),
        ("f(if a then b else c, d)", "(f (if a b c) d)"),
        ("if(a)then(b)else(c)", "(if a b c)"),
    ]);
}

#[test]
fn calls() {
    assert_trees(&[
        ("max(a, b, c)", "(max a b c)"),
        ("round(a / b, 2)", "(round (/ a b) 2)"),
        ("any(projects, it.rate < 90%)", "(any projects (< it.rate 90%))"),
        ("count(indicators) > 0", "(> (count indicators) 0)"),
        ("abs(-x)", "(abs (- x))"),
        ("f(g(h(x)))", "(f (g (h x)))"),
    ]);
}

#[test]
fn spans_are_byte_ranges_on_chinese_text() {
    let source = "预算.调整后 = 预算.年初 + (调整数 * 2) and “优” != 等级(得分)";
    let Ok(expr) = parse(source) else { panic!("does not parse") };
    let mut lines = Vec::new();
    expr.walk(&mut |node| {
        let Expr { span, .. } = node;
        assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        lines.push(format!("{:>2}..{:<2} {}", span.start, span.end, &source[span.start..span.end]));
        if let ExprKind::Call { name_span, name, .. } = &node.kind {
            assert_eq!(&source[name_span.start..name_span.end], name);
        }
    });
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn spans_cover_the_whole_expression_without_surrounding_space() {
    let source = "  (a + b)  ";
    let Ok(expr) = parse(source) else { panic!("does not parse") };
    assert_eq!((expr.span.start, expr.span.end), (2, 9));
    let Ok(expr) = parse("-x") else { panic!("does not parse") };
    assert_eq!((expr.span.start, expr.span.end), (0, 2));
}

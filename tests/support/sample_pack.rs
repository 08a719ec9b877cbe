//! The small, valid rule pack that rule-folder tests start from and break
//! one thing of (`#[path]`-included by the CLI and hostile-input suites).

pub const HEADER: &str = "\
pack:
  id: sample
  title: 示例规则包
  detect: [示例区]
";

/// Three facts: adjusted budget, spending, execution rate.
pub const FACTS: &str = "\
facts:
  budget.adjusted:
    label: 调整后全年预算数
    kind: money
    patterns:
      - 调整后全年预算数{budget.adjusted}
  budget.spent:
    label: 全年实际支出
    kind: money
    patterns:
      - 全年实际支出资金{budget.spent}
  budget.execution_rate:
    label: 预算执行率
    kind: ratio
    patterns:
      - 预算执行率{budget.execution_rate}
";

/// The execution-rate check over [`FACTS`], with its examples.
#[allow(dead_code, reason = "the hostile-input suite writes its own checks")]
pub const CHECKS: &str = "\
checks:
  - id: budget-execution-rate
    title: 预算执行率 = 全年实际支出 ÷ 调整后全年预算数
    severity: error
    check: budget.execution_rate = budget.spent / budget.adjusted
    message: 预算执行率应为 {expected}，报告为 {actual}
    examples:
      pass:
        - 调整后全年预算数 200.00 万元，全年实际支出资金 150.00 万元，预算执行率 75.00%。
      fail:
        - 调整后全年预算数 200.00 万元，全年实际支出资金 150.00 万元，预算执行率 80.00%。
";

//! Every rule a command can break, by name, with what a person needs to know to put it right.

use crate::calendar::CalendarError;
use crate::catalogue::{ServiceItemCode, WorkingDays};
use crate::locale::{Explain, Locale};
use crate::money::Money;
use crate::qualification::QualificationType;
use crate::selection::SelectionError;
use chrono::{DateTime, Utc};

use super::state::{ProjectState, Role};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleViolation {
    // --- who may act -------------------------------------------------------------------------
    #[error("the role “{}” may not do this", .role.term().en)]
    RoleNotAllowed { role: Role },
    #[error("only the buyer of this project may do this")]
    NotTheBuyer,
    #[error("only the selected provider may do this")]
    NotTheSelectedProvider,
    #[error("this is not possible while the project is “{}”", .state.term().en)]
    WrongState { state: ProjectState },

    // --- posting -------------------------------------------------------------------------------
    #[error("the service item does not match the project's")]
    ItemMismatch,
    #[error("service item {0} is not active in the catalogue")]
    ItemInactive(ServiceItemCode),
    #[error("the budget cap must be more than zero")]
    BudgetNotPositive,
    #[error("the budget cap {cap} exceeds the government-set fee {fee}")]
    BudgetAboveGovernmentFee { cap: Money, fee: Money },
    #[error("the service time of {} working days exceeds the statutory limit of {} working days", .requested.get(), .limit.get())]
    ServiceDaysBeyondStatutoryLimit { requested: WorkingDays, limit: WorkingDays },
    #[error("the qualification “{}” is not one the catalogue allows for this service", .0.name(Locale::En))]
    QualificationNotAllowed(QualificationType),
    #[error("a regional restriction ({0}) may not be imposed on providers")]
    RegionalRestriction(String),
    #[error("a local-office requirement ({0}) may not be imposed on providers")]
    LocalOfficeRequired(String),
    #[error("the number of providers may not be capped ({0})")]
    ProviderCap(u32),
    #[error("only qualifications the catalogue allows may be required, not: {0}")]
    UnlawfulRequirement(String),
    #[error("the bid window must be at least {minimum} working days")]
    BidWindowTooShort { minimum: u16 },
    #[error("a department-funded project must name one of the department's budget lines")]
    UnknownBudgetLine,
    #[error("department-funded projects must choose the provider competitively, not directly")]
    DirectChoiceForPublicFunds,
    #[error("only enterprises and departments post projects, each its own funding")]
    FundingMismatch,

    // --- quoting -------------------------------------------------------------------------------
    #[error("bidding closed at {} (Beijing time)", shanghai(.0))]
    BiddingClosed(DateTime<Utc>),
    #[error("the provider has not been approved")]
    ProviderNotApproved,
    #[error("the provider is blacklisted until {} (Beijing time)", shanghai(.0))]
    ProviderBlacklisted(DateTime<Utc>),
    #[error("the provider does not serve item {0}")]
    ItemNotServed(ServiceItemCode),
    #[error("the provider lacks the required qualification “{}”", .0.name(Locale::En))]
    MissingQualification(QualificationType),
    #[error("the provider's qualification “{}” expires before the service would end", .0.name(Locale::En))]
    QualificationExpiresTooSoon(QualificationType),
    #[error("the provider is affiliated with the buyer (a red-hat intermediary) and may not quote")]
    AffiliatedWithBuyer,
    #[error("a quote must be more than zero")]
    PriceNotPositive,
    #[error("the quote {price} is above the budget cap {cap}")]
    PriceAboveBudget { price: Money, cap: Money },
    #[error("{} working days promised exceed the project's service time of {} working days", .promised.get(), .limit.get())]
    PromisedDaysBeyondLimit { promised: WorkingDays, limit: WorkingDays },
    #[error("no live quote of this provider with that id")]
    NoSuchLiveQuote,
    #[error("a quote with this id already exists")]
    DuplicateQuoteId,

    // --- questions -----------------------------------------------------------------------------
    #[error("no such question")]
    NoSuchQuestion,
    #[error("the question has been answered already")]
    AlreadyAnswered,

    // --- selection -----------------------------------------------------------------------------
    #[error("bidding is still open until {} (Beijing time)", shanghai(.0))]
    BiddingStillOpen(DateTime<Utc>),
    #[error("this project's method is not direct choice")]
    NotDirectChoice,
    #[error("the chosen quote is not among the eligible quotes")]
    NotAnEligibleQuote,
    #[error("the revealed secret does not match the published commitment")]
    SecretMismatch,
    #[error("the selection could not be made: {0}")]
    /// Boxed: a selection error names quotes, and the violation travels in every result.
    SelectionFailed(Box<SelectionError>),

    // --- publicity and objections ----------------------------------------------------------------
    #[error("the publicity period ended at {} (Beijing time)", shanghai(.0))]
    PublicityOver(DateTime<Utc>),
    #[error("the publicity period runs until {} (Beijing time)", shanghai(.0))]
    PublicityNotOver(DateTime<Utc>),
    #[error("an objection is awaiting the supervisor's decision")]
    ObjectionPending,
    #[error("no pending objection with that id")]
    NoSuchPendingObjection,
    #[error("only a provider that quoted on this project may object")]
    NotAQuotingProvider,

    // --- contract, delivery, evaluation ----------------------------------------------------------
    #[error("the contract price {price} is above the winning quote {quote}")]
    ContractPriceAboveQuote { price: Money, quote: Money },
    #[error("the buyer has not proposed the contract yet")]
    NoContractProposed,
    #[error("the contract has been proposed already")]
    ContractAlreadyProposed,
    #[error("a score must be from 1 to 5, not {0}")]
    ScoreOutOfRange(u8),
    #[error("the working-day calendar cannot answer: {0}")]
    Calendar(CalendarError),
}

impl Explain for RuleViolation {
    fn explain(&self, locale: Locale) -> String {
        if locale == Locale::En {
            return self.to_string();
        }
        use RuleViolation::*;
        match self {
            RoleNotAllowed { role } => format!("当前角色（{}）无权进行此操作", role.term().zh),
            NotTheBuyer => "只有本项目的业主可以进行此操作".into(),
            NotTheSelectedProvider => "只有中选的中介机构可以进行此操作".into(),
            WrongState { state } => format!("项目当前处于“{}”状态，不能进行此操作", state.term().zh),
            ItemMismatch => "服务事项与项目不符".into(),
            ItemInactive(code) => format!("服务事项 {code} 已停用，不能发布"),
            BudgetNotPositive => "最高限价必须大于零".into(),
            BudgetAboveGovernmentFee { cap, fee } => format!("最高限价 {cap} 超过政府定价 {fee}"),
            ServiceDaysBeyondStatutoryLimit { requested, limit } => {
                format!("服务期限 {} 个工作日超过法定时限 {} 个工作日", requested.get(), limit.get())
            }
            QualificationNotAllowed(q) => {
                format!("资质“{}”不在该事项允许要求的资质范围内", q.name(Locale::Zh))
            }
            RegionalRestriction(r) => format!("不得设置地域限制（{r}）"),
            LocalOfficeRequired(r) => format!("不得要求在本地设立分支机构（{r}）"),
            ProviderCap(n) => format!("不得限制中介机构数量（{n}）"),
            UnlawfulRequirement(r) => format!("只能要求事项清单允许的资质，不能要求：{r}"),
            BidWindowTooShort { minimum } => format!("报名期不得少于 {minimum} 个工作日"),
            UnknownBudgetLine => "部门预算项目必须选择本部门的预算科目".into(),
            DirectChoiceForPublicFunds => "财政资金项目必须竞争性选取，不能直接选取".into(),
            FundingMismatch => "只有项目业主和审批部门可以发布项目，且资金来源须与主体一致".into(),
            BiddingClosed(at) => format!("报名已于 {}（北京时间）截止", shanghai(at)),
            ProviderNotApproved => "中介机构尚未通过审核".into(),
            ProviderBlacklisted(until) => {
                format!("中介机构被列入黑名单，至 {}（北京时间）止", shanghai(until))
            }
            ItemNotServed(code) => format!("中介机构未登记提供服务事项 {code}"),
            MissingQualification(q) => format!("缺少要求的资质：{}", q.name(Locale::Zh)),
            QualificationExpiresTooSoon(q) => format!("资质“{}”将在服务结束前到期", q.name(Locale::Zh)),
            AffiliatedWithBuyer => "中介机构与业主存在关联关系（红顶中介），不能报名".into(),
            PriceNotPositive => "报价必须大于零".into(),
            PriceAboveBudget { price, cap } => format!("报价 {price} 高于最高限价 {cap}"),
            PromisedDaysBeyondLimit { promised, limit } => {
                format!("承诺 {} 个工作日超过项目服务期限 {} 个工作日", promised.get(), limit.get())
            }
            NoSuchLiveQuote => "没有该中介机构的有效报价".into(),
            DuplicateQuoteId => "报价编号重复".into(),
            NoSuchQuestion => "没有这个问题".into(),
            AlreadyAnswered => "该问题已经答复".into(),
            BiddingStillOpen(at) => format!("报名期至 {}（北京时间）才结束", shanghai(at)),
            NotDirectChoice => "本项目的选取方式不是直接选取".into(),
            NotAnEligibleQuote => "所选报价不在有效报价之中".into(),
            SecretMismatch => "公开的随机数种子与事先公布的承诺值不符".into(),
            SelectionFailed(why) => format!("无法完成选取：{}", why.explain(Locale::Zh)),
            PublicityOver(at) => format!("公示期已于 {}（北京时间）结束", shanghai(at)),
            PublicityNotOver(at) => format!("公示期至 {}（北京时间）才结束", shanghai(at)),
            ObjectionPending => "尚有异议等待监管部门处理".into(),
            NoSuchPendingObjection => "没有待处理的该项异议".into(),
            NotAQuotingProvider => "只有参与报价的中介机构可以提出异议".into(),
            ContractPriceAboveQuote { price, quote } => format!("合同价 {price} 高于中选报价 {quote}"),
            NoContractProposed => "业主尚未提出合同".into(),
            ContractAlreadyProposed => "合同已经提出".into(),
            ScoreOutOfRange(v) => format!("评分应为 1 到 5 分，而不是 {v}"),
            Calendar(why) => format!("工作日历无法计算：{}", why.explain(Locale::Zh)),
        }
    }
}

impl RuleViolation {
    /// The form field this violation is about, named as in the API's forms (`crate::api`), so
    /// that the browser can show it next to the field; `None` for violations of the command as
    /// a whole. One exhaustive match: a new rule must be placed here.
    pub fn field(&self) -> Option<&'static str> {
        use RuleViolation::*;
        match self {
            ItemMismatch | ItemInactive(_) => Some("item"),
            BudgetNotPositive | BudgetAboveGovernmentFee { .. } => Some("budget_cap"),
            ServiceDaysBeyondStatutoryLimit { .. } => Some("service_days"),
            QualificationNotAllowed(_)
            | RegionalRestriction(_)
            | LocalOfficeRequired(_)
            | ProviderCap(_)
            | UnlawfulRequirement(_) => Some("requirements"),
            BidWindowTooShort { .. } => Some("bid_window"),
            // A department names a budget line, an enterprise none: the line is what is wrong.
            UnknownBudgetLine | FundingMismatch => Some("budget_line"),
            DirectChoiceForPublicFunds => Some("method"),
            PriceNotPositive | PriceAboveBudget { .. } | ContractPriceAboveQuote { .. } => Some("price"),
            PromisedDaysBeyondLimit { .. } => Some("promised_days"),
            // The forms refuse a score out of range before any command is made.
            ScoreOutOfRange(_) => None,
            RoleNotAllowed { .. }
            | NotTheBuyer
            | NotTheSelectedProvider
            | WrongState { .. }
            | BiddingClosed(_)
            | ProviderNotApproved
            | ProviderBlacklisted(_)
            | ItemNotServed(_)
            | MissingQualification(_)
            | QualificationExpiresTooSoon(_)
            | AffiliatedWithBuyer
            | NoSuchLiveQuote
            | DuplicateQuoteId
            | NoSuchQuestion
            | AlreadyAnswered
            | BiddingStillOpen(_)
            | NotDirectChoice
            | NotAnEligibleQuote
            | SecretMismatch
            | SelectionFailed(_)
            | PublicityOver(_)
            | PublicityNotOver(_)
            | ObjectionPending
            | NoSuchPendingObjection
            | NotAQuotingProvider
            | NoContractProposed
            | ContractAlreadyProposed
            | Calendar(_) => None,
        }
    }
}

fn shanghai(at: &DateTime<Utc>) -> String {
    crate::calendar::shanghai_minute(*at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn each_violation_names_its_form_field_or_none() {
        let days = |n| WorkingDays::new(n).unwrap();
        let money = Money::from_yuan;
        let eia = QualificationType::parse("EIA").unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
        for (violation, field) in [
            (
                RuleViolation::PriceAboveBudget { price: money(2).unwrap(), cap: money(1).unwrap() },
                Some("price"),
            ),
            (RuleViolation::PriceNotPositive, Some("price")),
            (
                RuleViolation::ContractPriceAboveQuote { price: money(2).unwrap(), quote: money(1).unwrap() },
                Some("price"),
            ),
            (
                RuleViolation::BudgetAboveGovernmentFee { cap: money(2).unwrap(), fee: money(1).unwrap() },
                Some("budget_cap"),
            ),
            (RuleViolation::BudgetNotPositive, Some("budget_cap")),
            (
                RuleViolation::ServiceDaysBeyondStatutoryLimit { requested: days(9), limit: days(5) },
                Some("service_days"),
            ),
            (RuleViolation::BidWindowTooShort { minimum: 3 }, Some("bid_window")),
            (RuleViolation::QualificationNotAllowed(eia.clone()), Some("requirements")),
            (RuleViolation::RegionalRestriction("杭州".into()), Some("requirements")),
            (RuleViolation::LocalOfficeRequired("杭州".into()), Some("requirements")),
            (RuleViolation::ProviderCap(5), Some("requirements")),
            (RuleViolation::UnlawfulRequirement("业绩".into()), Some("requirements")),
            (RuleViolation::UnknownBudgetLine, Some("budget_line")),
            (RuleViolation::FundingMismatch, Some("budget_line")),
            (RuleViolation::DirectChoiceForPublicFunds, Some("method")),
            (
                RuleViolation::PromisedDaysBeyondLimit { promised: days(9), limit: days(5) },
                Some("promised_days"),
            ),
            (RuleViolation::ItemInactive(crate::ServiceItemCode::parse("HP-001").unwrap()), Some("item")),
            (RuleViolation::ScoreOutOfRange(6), None),
            (RuleViolation::MissingQualification(eia), None),
            (RuleViolation::BiddingClosed(at), None),
            (RuleViolation::NotTheBuyer, None),
            (RuleViolation::WrongState { state: ProjectState::Draft }, None),
            (RuleViolation::Calendar(CalendarError::Overflow), None),
        ] {
            assert_eq!(violation.field(), field, "{violation:?}");
        }
    }
}

//! The sixty projects of the demo, one story each: who buys what, how the provider is chosen,
//! how far the project has come, and what happens on the way (questions, a replaced or
//! withdrawn quote, objections, a returned or late delivery). [`plan`] turns the table into
//! terms, quotes and timed steps, deterministically.

use super::error::DemoError;
use super::parties::{catalogue_item, Standing, BLACKLISTED, PROVIDERS};
use super::rng::Rng;
use super::texts;
use super::timeline::{self, End, Shape, Step, Timeline};
use chrono::{DateTime, Duration, Utc};
use market_domain::draw::Secret;
use market_domain::ids::QuoteId;
use market_domain::project::{Funding, ProjectTerms, Requirement};
use market_domain::selection::{BestValueWeights, SelectionMethod};
use market_domain::{Catalogue, Description, Money, Title, WorkingCalendar, WorkingDays};
use uuid::Uuid;

/// Who buys: an enterprise or a department, by index in the parties' lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Buyer {
    E(usize),
    D(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Method {
    Direct,
    Random,
    Lowest,
    Best,
    Reasonable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Extra {
    /// The first quote is replaced by a lower one before the close.
    Requote,
    /// The last quote is withdrawn before the close.
    Withdraw,
    /// An objection the supervisor upholds: the lowest quote, planted by the provider later
    /// blacklisted, is disqualified.
    Upheld,
    Rejected,
    /// The first delivery is returned with a reason, the second accepted.
    Returned,
    /// Delivered two working days after the deadline.
    Late,
    /// The buyer proposes the contract a little below the winning quote.
    Discount,
}

use Buyer::{D, E};
use End::*;
use Extra::*;
use Method::*;

#[derive(Clone, Copy)]
pub(super) struct Story {
    pub buyer: Buyer,
    pub subject: &'static str,
    pub item: &'static str,
    pub method: Method,
    pub end: End,
    /// Hours before now the story's last step happens at the latest (open projects and
    /// drafts: since publishing or drafting).
    pub ago: i64,
    pub quotes: usize,
    pub questions: usize,
    pub extras: &'static [Extra],
}

#[allow(clippy::too_many_arguments)]
const fn story(
    buyer: Buyer,
    subject: &'static str,
    item: &'static str,
    method: Method,
    end: End,
    ago: i64,
    quotes: usize,
    questions: usize,
    extras: &'static [Extra],
) -> Story {
    Story { buyer, subject, item, method, end, ago, quotes, questions, extras }
}

const DAY: i64 = 24;

pub(super) const STORIES: &[Story] = &[
    // Rated, oldest first.
    story(E(0), "钱塘区江东安置房三期工程", "ZJ-001", Lowest, Rated, 140 * DAY, 4, 0, &[Upheld]),
    story(E(0), "钱塘区江东安置房三期工程", "HP-001", Random, Rated, 136 * DAY, 5, 1, &[]),
    story(E(0), "下沙智能制造产业园一期厂房", "AP-001", Best, Rated, 131 * DAY, 4, 0, &[Discount]),
    story(E(0), "钱塘区义蓬中学新建工程", "JL-001", Direct, Rated, 126 * DAY, 3, 0, &[]),
    story(E(1), "北仑港区集装箱堆场扩建项目", "HP-001", Reasonable, Rated, 121 * DAY, 6, 0, &[Requote]),
    story(E(1), "北仑港区集装箱堆场扩建项目", "SB-001", Lowest, Rated, 116 * DAY, 3, 0, &[]),
    story(E(1), "梅山保税物流中心冷链仓库", "FC-001", Direct, Rated, 111 * DAY, 2, 0, &[]),
    story(E(2), "瓯江口新区滨江商务综合体", "KY-001", Best, Rated, 106 * DAY, 4, 1, &[]),
    story(E(2), "鹿城区七都岛住宅小区二期", "FC-001", Random, Rated, 101 * DAY, 3, 0, &[Late]),
    story(E(2), "鹿城区七都岛住宅小区二期", "GH-002", Lowest, Rated, 96 * DAY, 4, 0, &[]),
    story(E(3), "年产5万吨环保型水性涂料技改项目", "AP-001", Reasonable, Rated, 91 * DAY, 4, 2, &[]),
    story(E(3), "年产5万吨环保型水性涂料技改项目", "ZY-001", Direct, Rated, 86 * DAY, 3, 0, &[]),
    story(E(3), "嘉兴港区化工新材料园危化品仓库", "XF-001", Random, Rated, 81 * DAY, 3, 0, &[]),
    story(E(4), "柯桥印染集聚区污水预处理提标改造", "HP-001", Best, Rated, 76 * DAY, 7, 0, &[Returned]),
    story(E(4), "数码印花生产线搬迁改造项目", "JN-001", Lowest, Rated, 71 * DAY, 3, 0, &[]),
    story(E(5), "南太湖新区20MW分布式光伏电站", "KY-001", Random, Rated, 66 * DAY, 3, 0, &[Discount]),
    story(E(5), "年产2GWh储能电池模组项目", "AP-001", Lowest, Rated, 61 * DAY, 3, 0, &[Rejected]),
    story(E(6), "金华农产品冷链物流园二期", "TD-001", Direct, Rated, 56 * DAY, 3, 0, &[]),
    story(E(7), "年产300吨原料药中间体技改项目", "HP-001", Lowest, Rated, 51 * DAY, 5, 1, &[]),
    story(E(7), "台州湾新区医化企业罐区改造", "ZY-001", Random, Rated, 46 * DAY, 3, 0, &[]),
    story(E(8), "西溪云谷科创园商业综合体", "ZJ-001", Best, Rated, 41 * DAY, 4, 0, &[]),
    story(E(8), "余杭区五常街道人才公寓", "GH-002", Random, Rated, 36 * DAY, 3, 0, &[]),
    story(E(9), "定海港区3万吨级散货码头改建工程", "SB-001", Reasonable, Rated, 31 * DAY, 4, 0, &[]),
    story(E(9), "舟山本岛北部海堤加固工程", "DZ-001", Direct, Rated, 26 * DAY, 2, 0, &[]),
    story(D(0), "钱塘区工业园区开发建设规划", "HP-001", Random, Rated, 21 * DAY, 5, 1, &[]),
    story(D(1), "鄞州区第一批次城镇建设用地", "TD-001", Lowest, Rated, 16 * DAY, 4, 0, &[]),
    story(D(2), "浙江省应急物资储备库（金华）建设项目", "KY-001", Best, Rated, 11 * DAY, 4, 0, &[]),
    story(D(2), "嘉兴港区危化品应急处置中心", "AP-001", Reasonable, Rated, 6 * DAY, 4, 0, &[]),
    // Accepted, awaiting the evaluation.
    story(E(5), "年产2GWh储能电池模组项目", "HP-001", Random, Accepted, 5 * DAY, 4, 0, &[]),
    story(D(0), "临平新城区域开发规划", "HP-001", Best, Accepted, 2 * DAY, 4, 0, &[]),
    // Delivered, awaiting acceptance.
    story(E(8), "西溪云谷科创园商业综合体", "XF-001", Random, Delivered, DAY, 3, 0, &[]),
    story(D(1), "东部新城核心区安置房", "GH-002", Lowest, Delivered, 2 * DAY, 3, 0, &[]),
    // In service (one past its deadline).
    story(E(1), "梅山保税物流中心冷链仓库", "AP-001", Best, InService, 4 * DAY, 4, 0, &[]),
    story(E(2), "瓯江口新区滨江商务综合体", "HP-001", Reasonable, InService, 6 * DAY, 5, 0, &[]),
    story(D(2), "浙江省应急指挥中心", "XF-001", Random, InService, 2 * DAY, 3, 0, &[]),
    story(E(9), "定海港区3万吨级散货码头改建工程", "JL-001", Direct, Overdue, 5 * DAY, 3, 0, &[]),
    // Contracted, service not yet started.
    story(E(3), "嘉兴港区化工新材料园危化品仓库", "ZJ-001", Lowest, Contracted, DAY, 4, 0, &[]),
    story(D(0), "萧山区废弃矿山生态修复工程", "SB-001", Random, Contracted, 20, 4, 0, &[]),
    // Selected, publicity running (one with an objection awaiting the supervisor).
    story(E(7), "台州湾新区医化企业罐区改造", "AP-001", Lowest, Publicity, 10, 4, 0, &[]),
    story(D(1), "北仑区应急避难场所新建工程", "DZ-001", Reasonable, Publicity, 10, 3, 0, &[]),
    story(E(6), "金华农产品冷链物流园二期", "ZJ-001", Direct, Publicity, 4, 3, 0, &[]),
    story(E(4), "柯桥印染集聚区污水预处理提标改造", "AP-001", Random, ObjectionPending, 3, 4, 0, &[Upheld]),
    // Closed, the enterprise still to choose.
    story(E(0), "下沙智能制造产业园一期厂房", "FC-001", Direct, AwaitingChoice, 10, 3, 0, &[]),
    story(E(8), "余杭区五常街道人才公寓", "KY-001", Direct, AwaitingChoice, 30, 3, 1, &[]),
    // Failed: too few eligible quotes for public funds.
    story(D(2), "衢州高新区化工园区应急救援基地", "AP-001", Random, Failed, 40 * DAY, 2, 0, &[]),
    story(D(1), "镇海区第二批次城镇建设用地", "TD-001", Lowest, Failed, 18 * DAY, 3, 0, &[Withdraw]),
    story(D(0), "富阳区乡镇污水处理设施提标改造工程", "HP-001", Best, Failed, 9 * DAY, 2, 0, &[]),
    // Cancelled.
    story(E(2), "瓯江口新区滨江商务综合体", "JN-001", Lowest, CancelledDraft, 60 * DAY, 0, 0, &[]),
    story(E(5), "南太湖新区20MW分布式光伏电站", "TD-001", Random, CancelledOpen, 33 * DAY, 2, 0, &[]),
    story(E(7), "年产300吨原料药中间体技改项目", "WP-001", Best, CancelledOpen, 12 * DAY, 1, 1, &[]),
    // Open for quotes.
    story(E(0), "钱塘区义蓬中学新建工程", "HP-001", Random, Open, 44, 3, 2, &[]),
    story(E(1), "北仑港区集装箱堆场扩建项目", "ZJ-001", Best, Open, 20, 2, 0, &[]),
    story(E(4), "数码印花生产线搬迁改造项目", "AP-001", Lowest, Open, 68, 2, 1, &[]),
    story(E(9), "舟山本岛北部海堤加固工程", "KY-001", Reasonable, Open, 3, 1, 0, &[]),
    story(D(0), "西湖区三墩污水处理厂扩建工程", "HP-001", Best, Open, 30, 2, 0, &[]),
    story(D(1), "宁波东部新城安置房（二期）", "FC-001", Random, Open, 50, 3, 1, &[]),
    story(D(2), "浙江省应急管理厅办公楼", "XF-001", Lowest, Open, 5, 1, 0, &[]),
    // Drafts.
    story(E(3), "嘉兴港区化工新材料园危化品仓库", "KY-001", Best, Draft, 50, 0, 0, &[]),
    story(E(6), "金华农产品冷链物流园二期", "HP-001", Random, Draft, 6, 0, 0, &[]),
    story(D(2), "浙江省应急物资储备库（宁波）建设项目", "AP-001", Lowest, Draft, 26, 0, 0, &[]),
];

/// One quote of a story: who submits it (by index in the providers' list), its id and terms.
#[derive(Clone, Debug)]
pub(super) struct QuotePlan {
    pub provider: usize,
    pub id: QuoteId,
    pub price: Money,
    pub days: WorkingDays,
    /// The lower quote that replaces it, for `Requote`.
    pub replacement: (QuoteId, Money),
}

#[derive(Clone, Debug)]
pub(super) struct QuestionPlan {
    pub id: Uuid,
    /// The provider asking, by index.
    pub asker: usize,
    pub text: Description,
    pub answer: Description,
}

pub(super) struct Plan {
    pub index: usize,
    pub story: Story,
    pub title: Title,
    pub terms: ProjectTerms,
    pub secret: Secret,
    pub quotes: Vec<QuotePlan>,
    pub questions: Vec<QuestionPlan>,
    pub objection: Uuid,
    pub cancel_reason: Description,
    pub timeline: Timeline,
}

impl Plan {
    pub fn has(&self, extra: Extra) -> bool {
        self.story.extras.contains(&extra)
    }
}

pub(super) struct Plans {
    pub plans: Vec<Plan>,
}

impl Plans {
    /// When the first story starts.
    pub fn earliest(&self) -> DateTime<Utc> {
        self.plans.iter().filter_map(|p| p.timeline.start()).min().unwrap_or_default()
    }

    /// Every step of every story, in the order of time (a story's own steps keep their order).
    pub fn steps(&self) -> Vec<(DateTime<Utc>, usize, Step)> {
        let mut all: Vec<_> = self
            .plans
            .iter()
            .flat_map(|p| {
                p.timeline.steps.iter().enumerate().map(move |(seq, (at, step))| (*at, p.index, seq, *step))
            })
            .collect();
        all.sort_by_key(|(at, story, seq, _)| (*at, *story, *seq));
        all.into_iter().map(|(at, story, _, step)| (at, story, step)).collect()
    }
}

fn err(story: usize, e: impl std::fmt::Display) -> DemoError {
    DemoError::Plan(format!("story {story}: {e}"))
}

/// The items the extra open needs ask for in turn: every item the demo has texts for.
const OPEN_NEED_ITEMS: &[&str] = &[
    "HP-001", "SB-001", "DZ-001", "AP-001", "FC-001", "TD-001", "GH-002", "ZJ-001", "KY-001", "JN-001",
    "WP-001", "XF-001", "ZY-001", "GH-001", "JL-001",
];

/// `count` more needs open for quotes, beyond the sixty stories (a market under load, for
/// measuring the front-end): the `k`-th takes the buyer, subject and method of one of the
/// stories, an item in turn, and was published up to three days before now.
fn open_needs(count: usize) -> impl Iterator<Item = Story> {
    (0..count).map(|k| {
        let like = &STORIES[k * 7 % STORIES.len()];
        let ago = i64::try_from(1 + k * 13 % 71).unwrap_or(1);
        let item = OPEN_NEED_ITEMS[k % OPEN_NEED_ITEMS.len()];
        story(like.buyer, like.subject, item, like.method, Open, ago, 0, 0, &[])
    })
}

/// Every story's terms, quotes and timed steps, relative to `now`: the sixty, then
/// `open_need_count` more open needs.
pub(super) fn plan(
    calendar: &WorkingCalendar,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
    open_need_count: usize,
) -> Result<Plans, DemoError> {
    let year = market_domain::shanghai_date(now).format("%Y").to_string();
    let mut plans = Vec::with_capacity(STORIES.len() + open_need_count);
    for (index, story) in STORIES.iter().copied().chain(open_needs(open_need_count)).enumerate() {
        let mut rng = Rng::new(index as u64 + 1);
        let item = catalogue_item(catalogue, story.item)?;
        let text = texts::item(story.item).ok_or_else(|| err(index, "no demo text for the item"))?;
        let budget = rng.range(text.budget.0, text.budget.1) / 1000 * 1000;
        let limit = i64::from(item.time_limit.get());
        let service_days = (limit * rng.range(70, 100) / 100).max(limit.min(6));
        let service_days = u16::try_from(service_days).map_err(|e| err(index, e))?;
        let min_window = if story.end == Open { story.ago / DAY + 3 } else { 3 };
        let bid_window =
            u16::try_from(rng.range(min_window.max(3), min_window.max(7))).map_err(|e| err(index, e))?;
        let mut days: Vec<u16> = (0..story.quotes)
            .map(|_| {
                let slack = i64::from(service_days) / 4;
                service_days - u16::try_from(rng.range(0, slack)).unwrap_or(0)
            })
            .collect();
        if story.extras.contains(&Late) {
            days.iter_mut().for_each(|d| *d = service_days);
        }
        let promised = (
            days.iter().copied().min().unwrap_or(service_days),
            days.iter().copied().max().unwrap_or(service_days),
        );
        let shape = Shape {
            end: story.end,
            bid_window,
            quotes: story.quotes,
            questions: story.questions,
            requote: story.extras.contains(&Requote),
            withdraw: story.extras.contains(&Withdraw),
            objection: if story.extras.contains(&Upheld) {
                Some(true)
            } else if story.extras.contains(&Rejected) {
                Some(false)
            } else {
                None
            },
            returned: story.extras.contains(&Returned),
            late: story.extras.contains(&Late),
            direct: story.method == Direct,
            promised,
            jitter: u32::try_from(rng.range(0, 29)).unwrap_or(0),
            ago: Duration::hours(story.ago),
        };
        let timeline = timeline::place(calendar, &shape, now).map_err(|e| err(index, e))?;
        let method = match story.method {
            Direct => SelectionMethod::DirectChoice,
            Random => SelectionMethod::RandomDraw,
            Lowest => SelectionMethod::LowestPrice,
            Reasonable => SelectionMethod::ReasonablePrice,
            Best => {
                let (price, time, rating, credit) =
                    if index % 2 == 0 { (40, 20, 25, 15) } else { (50, 15, 20, 15) };
                SelectionMethod::BestValue(
                    BestValueWeights::new(price, time, rating, credit).map_err(|e| err(index, e))?,
                )
            }
        };
        let funding = match story.buyer {
            E(_) => Funding::Enterprise,
            D(d) => {
                let line = super::parties::budget_line(d, index, &year).map_err(|e| err(index, e))?;
                Funding::Department { budget_line: line }
            }
        };
        let title = Title::parse(&format!("{}{}", story.subject, text.service)).map_err(|e| err(index, e))?;
        let description = Description::parse(&format!(
            "项目概况：{subject}，本次委托{service}。\n服务内容：{scope}\n成果要求：{deliverable}，\
             在服务期限内提交并配合审查修改。\n报价说明：报价为包干价，含现场踏勘、专家评审配合及修改完善等全部费用。",
            subject = story.subject,
            service = text.service,
            scope = text.scope,
            deliverable = text.deliverable,
        ))
        .map_err(|e| err(index, e))?;
        let terms = ProjectTerms {
            item: item.code.clone(),
            title: title.clone(),
            description,
            budget_cap: Money::from_yuan(budget).ok_or_else(|| err(index, "budget"))?,
            service_days: WorkingDays::new(service_days).map_err(|e| err(index, e))?,
            requirements: item
                .allowed_qualifications
                .iter()
                .cloned()
                .map(Requirement::Qualification)
                .collect(),
            method,
            funding,
            bid_window: WorkingDays::new(bid_window).map_err(|e| err(index, e))?,
        };
        let secret = Secret::from_bytes(rng.bytes());
        let cancel_reason = Description::parse(texts::CANCEL_REASONS[index % texts::CANCEL_REASONS.len()])
            .map_err(|e| err(index, e))?;
        plans.push((
            Plan {
                index,
                story,
                title,
                terms,
                secret,
                quotes: Vec::new(),
                questions: Vec::new(),
                objection: rng.uuid(),
                cancel_reason,
                timeline,
            },
            rng,
            days,
        ));
    }
    let blacklisted_at = plans.iter().find_map(|(p, _, _)| p.timeline.blacklisted_at);
    let mut done = Vec::with_capacity(plans.len());
    for (mut plan, mut rng, days) in plans {
        assign(&mut plan, &mut rng, &days, blacklisted_at)?;
        done.push(plan);
    }
    Ok(Plans { plans: done })
}

/// Chooses who quotes (providers that may: approved, serving the item, not tied to the buyer,
/// and not the one to be blacklisted unless the project closes before), at what price, and who
/// asks the questions.
fn assign(
    plan: &mut Plan,
    rng: &mut Rng,
    days: &[u16],
    blacklisted_at: Option<DateTime<Utc>>,
) -> Result<(), DemoError> {
    let story = plan.story;
    let index = plan.index;
    let planted = story.extras.contains(&Upheld) && story.end != ObjectionPending;
    let closes_before_blacklisting = match (plan.timeline.closes_at, blacklisted_at) {
        (Some(closes), Some(blacklisted)) => closes < blacklisted,
        _ => false,
    };
    let mut candidates: Vec<usize> = PROVIDERS
        .iter()
        .enumerate()
        .filter(|(_, p)| p.items.contains(&story.item))
        .filter(|(_, p)| match (p.standing, story.buyer) {
            (Standing::Pending, _) => false,
            (Standing::AffiliatedWith(d), D(buyer)) => d != buyer,
            _ => true,
        })
        .filter(|(_, p)| p.slug != BLACKLISTED || (closes_before_blacklisting && !planted))
        .map(|(i, _)| i)
        .collect();
    rng.shuffle(&mut candidates);
    if planted {
        let at = PROVIDERS.iter().position(|p| p.slug == BLACKLISTED).ok_or_else(|| err(index, "planted"))?;
        candidates.insert(0, at);
    }
    if candidates.len() < story.quotes {
        return Err(err(
            index,
            format!("{} quotes wanted, {} providers may quote", story.quotes, candidates.len()),
        ));
    }
    let eligible = story.quotes - usize::from(story.extras.contains(&Withdraw));
    let public = matches!(story.buyer, D(_));
    let reaches_close = !matches!(story.end, Draft | CancelledDraft | CancelledOpen | Open | Failed);
    if reaches_close && public && eligible < market_domain::project::MIN_QUOTES_PUBLICLY_FUNDED {
        return Err(err(index, "a public project that must not fail has too few quotes"));
    }
    // Distinct prices between 72 % and 97 % of the cap; the planted quote far below.
    let mut factors: Vec<i64> = (72..=97).collect();
    rng.shuffle(&mut factors);
    let cap = plan.terms.budget_cap.fen() / 100;
    let price =
        |percent: i64| Money::from_yuan(cap * percent / 100 / 100 * 100).ok_or_else(|| err(index, "price"));
    for (slot, provider) in candidates.into_iter().take(story.quotes).enumerate() {
        let percent = if planted && slot == 0 { 58 } else { factors[slot] };
        let days = WorkingDays::new(days[slot]).map_err(|e| err(index, e))?;
        plan.quotes.push(QuotePlan {
            provider,
            id: QuoteId(rng.uuid()),
            price: price(percent)?,
            days,
            replacement: (QuoteId(rng.uuid()), price(percent - 5)?),
        });
    }
    let text = texts::item(story.item).ok_or_else(|| err(index, "no demo text"))?;
    let asked = [(text.question, text.answer), texts::SECOND_QUESTION];
    for k in 0..story.questions {
        let (question, answer) = asked[k % asked.len()];
        let asker = match plan.quotes.get(k % plan.quotes.len().max(1)) {
            Some(q) => q.provider,
            None => return Err(err(index, "questions need a quoting provider to ask them")),
        };
        plan.questions.push(QuestionPlan {
            id: rng.uuid(),
            asker,
            text: Description::parse(question).map_err(|e| err(index, e))?,
            answer: Description::parse(answer).map_err(|e| err(index, e))?,
        });
    }
    Ok(())
}

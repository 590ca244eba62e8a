//! The demo's parties: ten enterprises, three departments with budget lines, thirty-three
//! providers (three awaiting review, one affiliated with a department) and two supervisors,
//! each organisation with one account — all signing in with [`DEMO_PASSWORD`](DEMO_PASSWORD).

use super::error::DemoError;
use super::rng::Rng;
use crate::auth::password::hash_password;
use crate::market::Market;
use crate::repo::accounts::{self, Account};
use chrono::{DateTime, Datelike, Duration, Utc};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::organisation::{
    Organisation, OrganisationKind, ProviderProfile, ProviderStatus, ServedItem,
};
use market_domain::project::{Actor, Role};
use market_domain::{
    shanghai_date, Catalogue, CertificateNumber, Email, Issuer, Money, Phone, Qualification,
    QualificationLevel, QualificationType, ServiceItemCode, Title, UnifiedSocialCreditCode, WorkingDays,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The one password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "zhongjie-demo-2026";

/// Where an organisation is registered: its administrative division (the credit code's
/// positions 3–8) and its telephone area code.
struct Place {
    division: &'static str,
    area: &'static str,
}

const fn place(division: &'static str, area: &'static str) -> Place {
    Place { division, area }
}

struct BuyerSpec {
    name: &'static str,
    slug: &'static str,
    place: Place,
    /// A department's budget lines, after the year (e.g. `年度环评技术评估专项`).
    budget_lines: &'static [&'static str],
}

const fn buyer(name: &'static str, slug: &'static str, place: Place) -> BuyerSpec {
    BuyerSpec { name, slug, place, budget_lines: &[] }
}

const ENTERPRISES: [BuyerSpec; 10] = [
    buyer("杭州钱塘建设集团有限公司", "qiantang-jianshe", place("330114", "0571")),
    buyer("宁波北仑港通物流有限公司", "beilun-gangtong", place("330206", "0574")),
    buyer("温州瓯江置业有限公司", "oujiang-zhiye", place("330302", "0577")),
    buyer("嘉兴禾城新材料化工有限公司", "hecheng-huagong", place("330402", "0573")),
    buyer("绍兴柯桥纺织印染有限公司", "keqiao-yinran", place("330603", "0575")),
    buyer("湖州南太湖新能源科技有限公司", "nantaihu-xinneng", place("330502", "0572")),
    buyer("金华婺城冷链仓储有限公司", "wucheng-lenglian", place("330702", "0579")),
    buyer("台州湾医药化工有限公司", "taizhouwan-yiyao", place("331002", "0576")),
    buyer("杭州西溪云谷置业有限公司", "xixi-yungu", place("330106", "0571")),
    buyer("舟山群岛港务建设有限公司", "zhoushan-gangwu", place("330902", "0580")),
];

const DEPARTMENTS: [BuyerSpec; 3] = [
    BuyerSpec {
        name: "杭州市生态环境局",
        slug: "hz-sthjj",
        place: place("330100", "0571"),
        budget_lines: &["年度环评技术评估专项", "年度生态环境监管技术服务"],
    },
    BuyerSpec {
        name: "宁波市自然资源和规划局",
        slug: "nb-zrzyghj",
        place: place("330200", "0574"),
        budget_lines: &["年度测绘地理信息专项", "年度地质灾害防治专项"],
    },
    BuyerSpec {
        name: "浙江省应急管理厅",
        slug: "zj-yjglt",
        place: place("330000", "0571"),
        budget_lines: &["年度安全生产技术服务", "年度应急物资储备建设前期工作"],
    },
];

/// Where a provider's onboarding stands in the demo.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    Approved,
    Pending,
    /// Approved, and tied to the department of this index (a "red-hat" intermediary).
    AffiliatedWith(usize),
}

pub(super) struct ProviderSpec {
    name: &'static str,
    pub slug: &'static str,
    place: Place,
    pub items: &'static [&'static str],
    level: &'static str,
    /// How well it serves, 1–5: the centre of the scores its buyers give.
    quality: u8,
    pub standing: Standing,
}

const fn provider(
    name: &'static str,
    slug: &'static str,
    place: Place,
    items: &'static [&'static str],
    quality: u8,
) -> ProviderSpec {
    ProviderSpec { name, slug, place, items, level: "甲级", quality, standing: Standing::Approved }
}

const fn lesser(spec: ProviderSpec) -> ProviderSpec {
    ProviderSpec { level: "乙级", ..spec }
}

const fn with(spec: ProviderSpec, standing: Standing) -> ProviderSpec {
    ProviderSpec { standing, ..spec }
}

/// The provider the demo's upheld objection disqualifies and a supervisor then blacklists.
pub(super) const BLACKLISTED: &str = "wz-zhongzheng";

pub(super) const PROVIDERS: [ProviderSpec; 33] = [
    provider("浙江环科环境咨询有限公司", "zj-huanke", place("330106", "0571"), &["HP-001", "SB-001"], 5),
    lesser(provider("杭州绿源环境技术有限公司", "hz-lvyuan", place("330108", "0571"), &["HP-001"], 4)),
    provider("宁波甬清环保科技有限公司", "nb-yongqing", place("330212", "0574"), &["HP-001", "ZY-001"], 4),
    provider("浙江中蓝环境科技有限公司", "zj-zhonglan", place("330103", "0571"), &["HP-001", "SB-001"], 3),
    lesser(provider(
        "温州瓯越环境工程咨询有限公司",
        "wz-ouyue",
        place("330302", "0577"),
        &["HP-001", "SB-001"],
        3,
    )),
    provider("湖州碧水环保技术有限公司", "hu-bishui", place("330502", "0572"), &["HP-001", "SB-001"], 4),
    lesser(provider("金华环宇环境评价有限公司", "jh-huanyu", place("330702", "0579"), &["HP-001"], 2)),
    provider(
        "浙江华东测绘地理信息有限公司",
        "zj-huadong-chw",
        place("330106", "0571"),
        &["FC-001", "TD-001", "GH-002"],
        5,
    ),
    with(
        provider(
            "宁波市天一测绘有限公司",
            "nb-tianyi",
            place("330203", "0574"),
            &["FC-001", "TD-001", "GH-002"],
            4,
        ),
        Standing::AffiliatedWith(1),
    ),
    lesser(provider("嘉兴禹城测绘有限公司", "jx-yucheng", place("330402", "0573"), &["FC-001", "GH-002"], 3)),
    provider(
        "绍兴越州测绘院有限公司",
        "sx-yuezhou",
        place("330602", "0575"),
        &["TD-001", "GH-002", "FC-001"],
        4,
    ),
    provider("浙江金穗安全技术咨询有限公司", "zj-jinsui", place("330105", "0571"), &["AP-001", "ZY-001"], 5),
    provider("杭州安衡安全评价有限公司", "hz-anheng", place("330110", "0571"), &["AP-001"], 3),
    provider("宁波安达安全科技有限公司", "nb-anda", place("330206", "0574"), &["AP-001", "XF-001"], 4),
    lesser(provider(
        "台州平安安全技术服务有限公司",
        "tz-pingan",
        place("331002", "0576"),
        &["AP-001", "ZY-001"],
        2,
    )),
    provider("浙江天平工程造价咨询有限公司", "zj-tianping", place("330104", "0571"), &["ZJ-001"], 5),
    provider(
        "杭州建衡工程造价事务所有限公司",
        "hz-jianheng",
        place("330102", "0571"),
        &["ZJ-001", "JL-001"],
        4,
    ),
    lesser(provider("温州中正工程造价咨询有限公司", BLACKLISTED, place("330304", "0577"), &["ZJ-001"], 2)),
    provider(
        "宁波明州工程咨询有限公司",
        "nb-mingzhou",
        place("330203", "0574"),
        &["KY-001", "JN-001", "WP-001", "ZJ-001"],
        4,
    ),
    provider(
        "浙江经纬工程咨询有限公司",
        "zj-jingwei",
        place("330106", "0571"),
        &["KY-001", "JN-001", "WP-001"],
        5,
    ),
    lesser(provider(
        "绍兴鉴湖工程咨询有限公司",
        "sx-jianhu",
        place("330602", "0575"),
        &["KY-001", "JN-001", "WP-001"],
        3,
    )),
    provider("浙江中衡检测技术有限公司", "zj-zhongheng", place("330108", "0571"), &["XF-001"], 4),
    lesser(provider("杭州消安消防技术服务有限公司", "hz-xiaoan", place("330109", "0571"), &["XF-001"], 3)),
    provider("浙江华地勘察设计有限公司", "zj-huadi", place("330105", "0571"), &["DZ-001", "TD-001"], 4),
    lesser(provider(
        "金华八婺地质工程有限公司",
        "jh-bawu",
        place("330702", "0579"),
        &["DZ-001", "SB-001"],
        3,
    )),
    provider("宁波甬地勘察工程有限公司", "nb-yongdi", place("330212", "0574"), &["DZ-001", "TD-001"], 4),
    lesser(provider("湖州太湖工程监理有限公司", "hu-taihu-jl", place("330502", "0572"), &["JL-001"], 3)),
    provider(
        "浙江江南工程管理股份有限公司",
        "zj-jiangnan",
        place("330106", "0571"),
        &["JL-001", "ZJ-001"],
        5,
    ),
    provider("浙江城建规划设计院有限公司", "zj-chengjian", place("330103", "0571"), &["GH-001", "KY-001"], 4),
    lesser(provider("嘉兴南湖规划设计研究有限公司", "jx-nanhu", place("330402", "0573"), &["GH-001"], 3)),
    with(
        lesser(provider("丽水绿谷环境咨询有限公司", "ls-lvgu", place("331102", "0578"), &["HP-001"], 3)),
        Standing::Pending,
    ),
    with(
        lesser(provider(
            "衢州衢江测绘有限公司",
            "qz-qujiang",
            place("330803", "0570"),
            &["FC-001", "TD-001"],
            3,
        )),
        Standing::Pending,
    ),
    with(
        lesser(provider("舟山海天安全评价有限公司", "zs-haitian", place("330902", "0580"), &["AP-001"], 3)),
        Standing::Pending,
    ),
];

/// Who issues a qualification of each type.
fn issuer(qualification: &QualificationType) -> &'static str {
    match qualification.as_str() {
        "EIA_ENGINEER" => "人力资源和社会保障部、生态环境部",
        "SWC_PLANNING" => "中国水土保持学会",
        "SAFETY_EVALUATION" => "浙江省应急管理厅",
        "OCCUPATIONAL_HEALTH_SERVICE" => "浙江省卫生健康委员会",
        "FIRE_TECHNICAL_SERVICE" => "浙江省消防救援总队",
        "ENGINEERING_CONSULTING" => "中国工程咨询协会",
        "COST_ENGINEER" | "CONSTRUCTION_SUPERVISION" => "浙江省住房和城乡建设厅",
        _ => "浙江省自然资源厅",
    }
}

/// An organisation with its account.
#[derive(Debug, Clone)]
pub(super) struct Party {
    pub org: Organisation,
    pub account: AccountId,
    pub role: Role,
}

impl Party {
    pub fn actor(&self) -> Actor {
        Actor { role: self.role, account: Some(self.account), organisation: Some(self.org.id) }
    }
}

#[derive(Debug, Clone)]
pub(super) struct ProviderParty {
    pub party: Party,
    /// How well it serves, 1–5.
    pub quality: u8,
}

pub(super) struct Parties {
    pub enterprises: Vec<Party>,
    pub departments: Vec<Party>,
    pub providers: Vec<ProviderParty>,
    pub supervisors: Vec<Actor>,
    by_id: HashMap<OrganisationId, usize>,
}

impl Parties {
    pub fn accounts(&self) -> Vec<AccountId> {
        let organisations =
            self.enterprises.iter().chain(&self.departments).chain(self.providers.iter().map(|p| &p.party));
        organisations.map(|p| p.account).chain(self.supervisors.iter().filter_map(|s| s.account)).collect()
    }

    /// The provider (by index) whose organisation this is.
    pub fn provider_index(&self, id: OrganisationId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }
}

/// Creates every organisation and account: the approved ones registered a month before the
/// first project, the pending ones in the last few days before `now`.
pub(super) async fn create(
    market: &Market,
    catalogue: &Catalogue,
    first_project: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Parties, DemoError> {
    // Hashing costs tens of milliseconds by design; one hash serves every demo account (each
    // would otherwise need its own, and the load must stay fast).
    let password_hash = hash_password(DEMO_PASSWORD);
    let registered = first_project - Duration::days(30);
    let mut rng = Rng::new(0xD3E0);
    let year = shanghai_date(now).year();
    let store = market.store.as_ref();
    let plain = |spec: &BuyerSpec, kind: OrganisationKind, rng: &mut Rng, class: &str| {
        organisation(spec.name, spec.slug, &spec.place, class, kind, rng)
    };
    let mut enterprises = Vec::new();
    for spec in &ENTERPRISES {
        let org = plain(spec, OrganisationKind::Enterprise, &mut rng, "91")?;
        enterprises.push(register(market, org, Role::Enterprise, registered, &password_hash).await?);
    }
    let mut departments = Vec::new();
    for (d, spec) in DEPARTMENTS.iter().enumerate() {
        let lines = (0..spec.budget_lines.len())
            .map(|k| budget_line(d, k, &year.to_string()).map_err(DemoError::Plan))
            .collect::<Result<_, _>>()?;
        let org = plain(spec, OrganisationKind::Department { budget_lines: lines }, &mut rng, "11")?;
        departments.push(register(market, org, Role::Department, registered, &password_hash).await?);
    }
    let mut providers = Vec::new();
    let mut pending = 0;
    for spec in &PROVIDERS {
        let (status, at) = match spec.standing {
            Standing::Pending => {
                pending += 1;
                (ProviderStatus::Pending, now - Duration::hours(30 * (4 - pending)))
            }
            _ => (ProviderStatus::Approved, registered),
        };
        let affiliations = match spec.standing {
            Standing::AffiliatedWith(d) => vec![departments[d].org.id],
            _ => Vec::new(),
        };
        let profile = ProviderProfile {
            served_items: served_items(spec, catalogue, &mut rng)?,
            qualifications: qualifications(spec, catalogue, now, &mut rng)?,
            affiliations,
            status,
            blacklistings: Vec::new(),
        };
        let org = organisation(
            spec.name,
            spec.slug,
            &spec.place,
            "91",
            OrganisationKind::Provider(profile),
            &mut rng,
        )?;
        let party = register(market, org, Role::Provider, at, &password_hash).await?;
        providers.push(ProviderParty { party, quality: spec.quality });
    }
    let mut supervisors = Vec::new();
    for n in 1..=2 {
        let account = Account {
            id: AccountId(Uuid::new_v4()),
            email: email(&format!("supervisor{n}"))?,
            role: Role::Supervisor,
            organisation: None,
            password_hash: password_hash.clone(),
            created_at: registered,
        };
        accounts::create_account(store, &account).await?;
        supervisors.push(Actor { role: Role::Supervisor, account: Some(account.id), organisation: None });
    }
    let by_id = providers.iter().enumerate().map(|(i, p)| (p.party.org.id, i)).collect();
    Ok(Parties { enterprises, departments, providers, supervisors, by_id })
}

async fn register(
    market: &Market,
    org: Organisation,
    role: Role,
    at: DateTime<Utc>,
    password_hash: &str,
) -> Result<Party, DemoError> {
    let store = market.store.as_ref();
    accounts::save_organisation(store, None, &org, at).await?;
    let account = Account {
        id: AccountId(Uuid::new_v4()),
        email: org.contact_email.clone(),
        role,
        organisation: Some(org.id),
        password_hash: password_hash.to_owned(),
        created_at: at,
    };
    accounts::create_account(store, &account).await?;
    Ok(Party { org, account: account.id, role })
}

/// The `k`-th budget line of department `department` (its lines in turn, for any `k`).
pub(super) fn budget_line(department: usize, k: usize, year: &str) -> Result<Title, String> {
    let lines = DEPARTMENTS.get(department).map(|d| d.budget_lines).unwrap_or_default();
    let line = lines.get(k % lines.len().max(1)).ok_or("no such department")?;
    Title::parse(&format!("{year}{line}")).map_err(|e| e.to_string())
}

/// An organisation with a valid credit code: `class` (91 a company, 11 a government body), the
/// division, and a nine-character organisation code drawn from `rng`.
fn organisation(
    name: &str,
    slug: &str,
    place: &Place,
    class: &str,
    kind: OrganisationKind,
    rng: &mut Rng,
) -> Result<Organisation, DemoError> {
    let code = format!("{class}{}MA2{:06}", place.division, rng.range(0, 999_999));
    let phone = format!("{}-8{:07}", place.area, rng.range(0, 9_999_999));
    Ok(Organisation {
        id: OrganisationId(Uuid::new_v4()),
        name: title(name)?,
        credit_code: UnifiedSocialCreditCode::complete(&code).map_err(|e| plan(name, e))?,
        contact_email: email(slug)?,
        contact_phone: Phone::parse(&phone).map_err(|e| plan(name, e))?,
        kind,
    })
}

/// A demo account's email: `<slug>@demo.example` (a reserved domain: no mail goes anywhere).
pub(super) fn email(slug: &str) -> Result<Email, DemoError> {
    Email::parse(&format!("{slug}@demo.example")).map_err(|e| plan(slug, e))
}

fn title(text: &str) -> Result<Title, DemoError> {
    Title::parse(text).map_err(|e| plan(text, e))
}

fn plan(what: &str, e: impl std::fmt::Display) -> DemoError {
    DemoError::Plan(format!("{what}: {e}"))
}

fn served_items(
    spec: &ProviderSpec,
    catalogue: &Catalogue,
    rng: &mut Rng,
) -> Result<Vec<ServedItem>, DemoError> {
    spec.items
        .iter()
        .map(|code| {
            let item = catalogue_item(catalogue, code)?;
            let text = super::texts::item(code).ok_or_else(|| plan(code, "no demo text"))?;
            let fee = text.fee * rng.range(85, 115) / 100 / 100 * 100;
            let days = i64::from(item.time_limit.get()) * rng.range(55, 90) / 100;
            Ok(ServedItem {
                item: item.code.clone(),
                published_fee: Money::from_yuan(fee).ok_or_else(|| plan(code, "fee"))?,
                committed_days: WorkingDays::new(u16::try_from(days.max(1)).unwrap_or(1))
                    .map_err(|e| plan(code, e))?,
            })
        })
        .collect()
}

/// One certificate for each qualification type the provider's items allow, valid from about
/// two years before `now` to about three years after — across the whole demo.
fn qualifications(
    spec: &ProviderSpec,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
    rng: &mut Rng,
) -> Result<Vec<Qualification>, DemoError> {
    let today = shanghai_date(now);
    let mut held: Vec<Qualification> = Vec::new();
    for code in spec.items {
        for kind in &catalogue_item(catalogue, code)?.allowed_qualifications {
            if held.iter().any(|q| q.qualification_type() == kind) {
                continue;
            }
            let from = today - Duration::days(rng.range(500, 900));
            let number = format!("ZJ{}-{}-{:05}", kind.as_str().len(), from.year(), rng.range(1, 99_999));
            let qualification = Qualification::new(
                kind.clone(),
                QualificationLevel::parse(spec.level).map_err(|e| plan(spec.name, e))?,
                CertificateNumber::parse(&number).map_err(|e| plan(spec.name, e))?,
                Issuer::parse(issuer(kind)).map_err(|e| plan(spec.name, e))?,
                from,
                from + Duration::days(5 * 365),
            )
            .map_err(|e| plan(spec.name, e))?;
            held.push(qualification);
        }
    }
    Ok(held)
}

pub(super) fn catalogue_item<'c>(
    catalogue: &'c Catalogue,
    code: &str,
) -> Result<&'c market_domain::ServiceItem, DemoError> {
    let code = ServiceItemCode::parse(code).map_err(|e| plan(code, e))?;
    catalogue
        .items()
        .iter()
        .find(|i| i.code == code)
        .ok_or_else(|| plan(code.as_str(), "not in the catalogue"))
}

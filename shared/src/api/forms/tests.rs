use super::*;
use crate::credit::{CreditError, CreditReason};
use crate::selection::SelectionMethod;
use chrono::TimeZone;
use serde_json::{json, Value};
use uuid::Uuid;

fn form<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

fn fields(errors: &FieldErrors) -> Vec<&str> {
    errors.fields().collect()
}

/// The one message of `field`, in Chinese and in English.
fn message(errors: &FieldErrors, field: &str) -> (String, String) {
    match errors.get(field) {
        [message] => (message.zh.clone(), message.en.clone()),
        other => panic!("{field}: {other:?}"),
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn org_id() -> OrganisationId {
    OrganisationId(Uuid::from_u128(7))
}

fn provider_json() -> Value {
    json!({
        "kind": "provider",
        "name": " 浙江测绘院有限公司 ",
        "credit_code": "91330100799655058b",
        "contact_email": "Office@Survey.CN",
        "contact_phone": "0571-87654321",
        "served_items": [
            {"item": "HP-001", "published_fee": "12,000.00", "committed_days": 20},
            {"item": " CH-002 ", "published_fee": "¥800", "committed_days": 5},
        ],
        "qualifications": [{
            "qualification_type": "SURVEY_A",
            "level": "甲级",
            "certificate_number": "CH-2024/001",
            "issuer": "浙江省自然资源厅",
            "valid_from": "2024-03-01",
            "valid_until": "2029-02-28",
        }],
        "email": "zhang@survey.cn",
        "password": "correct horse battery",
    })
}

#[test]
fn a_provider_registers_pending_with_its_items_and_qualifications() {
    let registration = form::<RegistrationForm>(provider_json()).parse(org_id()).unwrap();
    let expected = Registration {
        organisation: Organisation {
            id: org_id(),
            name: Title::parse("浙江测绘院有限公司").unwrap(),
            credit_code: UnifiedSocialCreditCode::parse("91330100799655058B").unwrap(),
            contact_email: Email::parse("Office@survey.cn").unwrap(),
            contact_phone: Phone::parse("0571-87654321").unwrap(),
            kind: OrganisationKind::Provider(ProviderProfile {
                served_items: vec![
                    ServedItem {
                        item: ServiceItemCode::parse("HP-001").unwrap(),
                        published_fee: Money::from_yuan(12_000).unwrap(),
                        committed_days: WorkingDays::new(20).unwrap(),
                    },
                    ServedItem {
                        item: ServiceItemCode::parse("CH-002").unwrap(),
                        published_fee: Money::from_yuan(800).unwrap(),
                        committed_days: WorkingDays::new(5).unwrap(),
                    },
                ],
                qualifications: vec![Qualification::new(
                    QualificationType::parse("SURVEY_A").unwrap(),
                    QualificationLevel::parse("甲级").unwrap(),
                    CertificateNumber::parse("CH-2024/001").unwrap(),
                    Issuer::parse("浙江省自然资源厅").unwrap(),
                    date("2024-03-01"),
                    date("2029-02-28"),
                )
                .unwrap()],
                affiliations: vec![],
                status: ProviderStatus::Pending,
                blacklistings: vec![],
            }),
        },
        login_email: Email::parse("zhang@survey.cn").unwrap(),
        password: Password::parse("correct horse battery").unwrap(),
    };
    assert_eq!(registration, expected);
    assert!(!format!("{registration:?}").contains("correct horse"), "the password is redacted");
}

#[test]
fn a_department_registers_with_budget_lines_and_an_enterprise_without() {
    let department = json!({
        "kind": "department",
        "name": "杭州市生态环境局",
        "credit_code": "91330100799655058B",
        "contact_email": "office@hz.gov.cn",
        "contact_phone": "13812345678",
        "budget_lines": [" 环境监测专项 ", "技术审查经费"],
        "email": "chen@hz.gov.cn",
        "password": "correct horse battery",
    });
    let registration = form::<RegistrationForm>(department.clone()).parse(org_id()).unwrap();
    assert_eq!(
        registration.organisation.kind,
        OrganisationKind::Department {
            budget_lines: vec![Title::parse("环境监测专项").unwrap(), Title::parse("技术审查经费").unwrap()]
        }
    );

    let mut enterprise = department;
    enterprise["kind"] = json!("enterprise");
    enterprise.as_object_mut().unwrap().remove("budget_lines");
    let registration = form::<RegistrationForm>(enterprise).parse(org_id()).unwrap();
    assert_eq!(registration.organisation.kind, OrganisationKind::Enterprise);
    assert_eq!(registration.organisation.name.as_str(), "杭州市生态环境局");
}

#[test]
fn a_registration_reports_every_bad_field_at_once() {
    let mut value = provider_json();
    value["name"] = json!(" ");
    value["credit_code"] = json!("91330100799655058C");
    value["contact_phone"] = json!("110");
    value["budget_lines"] = json!(["环境监测专项"]);
    value["served_items"] = json!([
        {"item": "HP-1", "published_fee": "12,00.00", "committed_days": 0},
        {"item": "CH-002", "published_fee": "800", "committed_days": 5},
        {"item": "CH-002", "published_fee": "900", "committed_days": 5},
    ]);
    let good = value["qualifications"][0].clone();
    let mut bad_type_and_date = good.clone();
    bad_type_and_date["qualification_type"] = json!("survey");
    bad_type_and_date["valid_until"] = json!("2024-02-30");
    let mut reversed = good.clone();
    reversed["valid_until"] = json!("2024-02-29");
    value["qualifications"] = json!([good, bad_type_and_date, reversed]);
    value["email"] = json!("zhang.survey.cn");
    value["password"] = json!("aaaaaaaaaaaa");
    let errors = form::<RegistrationForm>(value).parse(org_id()).unwrap_err();

    assert_eq!(
        fields(&errors),
        [
            "budget_lines",
            "contact_phone",
            "credit_code",
            "email",
            "name",
            "password",
            "qualifications[1].qualification_type",
            "qualifications[1].valid_until",
            "qualifications[2].valid_until",
            "served_items[0].committed_days",
            "served_items[0].item",
            "served_items[0].published_fee",
            "served_items[2].item",
        ]
    );
    assert_eq!(message(&errors, "name"), ("名称不能为空".into(), "the name must not be empty".into()));
    assert_eq!(
        message(&errors, "budget_lines"),
        ("中介机构不填写此项".into(), "must be empty for a provider".into())
    );
    assert_eq!(
        message(&errors, "served_items[2].item"),
        ("“CH-002”重复填写".into(), "CH-002 is listed twice".into())
    );
    assert_eq!(
        message(&errors, "served_items[0].published_fee"),
        (
            "千位分隔逗号位置不对：应每三位一组，如 1,234,567.89".into(),
            "the thousands commas are misplaced: expected groups of three digits, e.g. 1,234,567.89".into()
        )
    );
    assert_eq!(
        message(&errors, "qualifications[1].valid_until"),
        (
            "“2024-02-30”不是有效日期，应形如 2027-06-30".into(),
            "\"2024-02-30\" is not a date: expected e.g. 2027-06-30".into()
        )
    );
    assert_eq!(
        message(&errors, "qualifications[2].valid_until"),
        (
            "资质有效期的开始日期 2024-03-01 晚于结束日期 2024-02-29".into(),
            "the qualification is valid from 2024-03-01, which is after its end 2024-02-29".into()
        )
    );
    assert_eq!(
        message(&errors, "password"),
        ("密码不能由同一个字符重复组成".into(), "the password must not be one character repeated".into())
    );
    assert_eq!(message(&errors, "served_items[0].committed_days").0, "工作日数 0 超出 1–250 的范围");
}

#[test]
fn each_kind_fills_in_its_own_lists() {
    let mut department = provider_json();
    department["kind"] = json!("department");
    let errors = form::<RegistrationForm>(department).parse(org_id()).unwrap_err();
    assert_eq!(fields(&errors), ["budget_lines", "qualifications", "served_items"]);
    assert_eq!(message(&errors, "budget_lines"), ("此项必填".into(), "this field is required".into()));
    assert_eq!(message(&errors, "served_items").1, "must be empty for a department");

    let mut provider = provider_json();
    provider["served_items"] = json!([]);
    provider["qualifications"] = json!([]);
    let errors = form::<RegistrationForm>(provider).parse(org_id()).unwrap_err();
    assert_eq!(fields(&errors), ["served_items"], "qualifications are optional");

    let mut department = provider_json();
    department["kind"] = json!("department");
    department["served_items"] = json!([]);
    department["qualifications"] = json!([]);
    department["budget_lines"] = json!(["专项", "", " 专项"]);
    let errors = form::<RegistrationForm>(department).parse(org_id()).unwrap_err();
    assert_eq!(fields(&errors), ["budget_lines[1]", "budget_lines[2]"]);
    assert_eq!(message(&errors, "budget_lines[1]").0, "预算科目不能为空");
    assert_eq!(message(&errors, "budget_lines[2]").1, "专项 is listed twice");
}

#[test]
fn unknown_fields_and_kinds_are_refused_by_serde() {
    for (path, extra) in
        [(None, "role"), (Some(("served_items", 0)), "fee"), (Some(("qualifications", 0)), "type")]
    {
        let mut value = provider_json();
        let target = match path {
            None => &mut value,
            Some((list, i)) => &mut value[list][i],
        };
        target[extra] = json!("x");
        let error = serde_json::from_value::<RegistrationForm>(value).unwrap_err().to_string();
        assert!(error.contains(&format!("unknown field `{extra}`")), "{error}");
    }
    let mut value = provider_json();
    value["kind"] = json!("supervisor");
    assert!(serde_json::from_value::<RegistrationForm>(value).is_err());

    let error = serde_json::from_value::<QuoteForm>(json!({"price": "1", "promised_days": 3, "note": "x"}))
        .unwrap_err()
        .to_string();
    assert!(error.contains("unknown field `note`"), "{error}");
    let error =
        serde_json::from_value::<LoginForm>(json!({"email": "a@b.cn", "password": "x", "remember": true}))
            .unwrap_err()
            .to_string();
    assert!(error.contains("unknown field `remember`"), "{error}");
    let error = serde_json::from_value::<ProjectForm>(json!({
        "item": "HP-001", "title": "t", "description": "", "budget_cap": "1", "service_days": 1,
        "requirements": [{"kind": "region", "value": "杭州", "strict": true}],
        "method": {"method": "random_draw"}, "bid_window": 3,
    }))
    .unwrap_err()
    .to_string();
    assert!(error.contains("unknown field `strict`"), "{error}");
}

fn project_json() -> Value {
    json!({
        "item": "HP-001",
        "title": " 年产 10 万吨饲料项目环境影响评价 ",
        "description": "编制环境影响报告书。\r\n含公众参与。",
        "budget_cap": "¥150,000",
        "service_days": 30,
        "requirements": [{"kind": "qualification", "value": "EIA"}],
        "method": {"method": "random_draw"},
        "budget_line": "环境监测专项",
        "bid_window": 5,
    })
}

#[test]
fn a_project_form_parses_to_its_terms() {
    let terms = form::<ProjectForm>(project_json()).parse().unwrap();
    let expected = ProjectTerms {
        item: ServiceItemCode::parse("HP-001").unwrap(),
        title: Title::parse("年产 10 万吨饲料项目环境影响评价").unwrap(),
        description: Description::parse("编制环境影响报告书。\n含公众参与。").unwrap(),
        budget_cap: Money::from_yuan(150_000).unwrap(),
        service_days: WorkingDays::new(30).unwrap(),
        requirements: vec![Requirement::Qualification(QualificationType::parse("EIA").unwrap())],
        method: SelectionMethod::RandomDraw,
        funding: Funding::Department { budget_line: Title::parse("环境监测专项").unwrap() },
        bid_window: WorkingDays::new(5).unwrap(),
    };
    assert_eq!(terms, expected);

    let mut enterprise = project_json();
    enterprise.as_object_mut().unwrap().remove("budget_line");
    enterprise.as_object_mut().unwrap().remove("requirements");
    enterprise["method"] = json!({"method": "direct_choice"});
    let terms = form::<ProjectForm>(enterprise).parse().unwrap();
    assert_eq!(
        (terms.funding, terms.requirements, terms.method),
        (Funding::Enterprise, vec![], SelectionMethod::DirectChoice)
    );

    // Every kind of requirement is read, the unlawful ones too: posting refuses them by name.
    let mut value = project_json();
    value["requirements"] = json!([
        {"kind": "region", "value": " 杭州市 "},
        {"kind": "local_office", "value": "在本市设有分支机构"},
        {"kind": "provider_cap", "value": " 5 "},
        {"kind": "other", "value": "近三年同类业绩"},
    ]);
    assert_eq!(
        form::<ProjectForm>(value).parse().unwrap().requirements,
        [
            Requirement::Region("杭州市".into()),
            Requirement::LocalOffice("在本市设有分支机构".into()),
            Requirement::ProviderCap(5),
            Requirement::Other("近三年同类业绩".into()),
        ]
    );
}

#[test]
fn a_project_form_reports_every_bad_field_at_once() {
    let value = json!({
        "item": "hp-001",
        "title": "",
        "description": "a\u{7}",
        "budget_cap": "15千",
        "service_days": 0,
        "requirements": [
            {"kind": "qualification", "value": "eia"},
            {"kind": "city", "value": "杭州"},
            {"kind": "provider_cap", "value": "five"},
            {"kind": "region", "value": " "},
            {"kind": "other", "value": "业绩"},
        ],
        "method": {"method": "lowest_price"},
        "budget_line": "",
        "bid_window": 251,
    });
    let errors = form::<ProjectForm>(value).parse().unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "bid_window",
            "budget_cap",
            "budget_line",
            "description",
            "item",
            "requirements[0]",
            "requirements[1]",
            "requirements[2]",
            "requirements[3]",
            "service_days",
            "title",
        ]
    );
    assert_eq!(
        message(&errors, "requirements[1]"),
        (
            "未知的要求类型“city”：应为 qualification、region、local_office、provider_cap 或 other".into(),
            "unknown kind of requirement \"city\": expected qualification, region, local_office, \
             provider_cap or other"
                .into()
        )
    );
    assert_eq!(
        message(&errors, "requirements[2]"),
        ("“five”不是整数".into(), "\"five\" is not a whole number".into())
    );
    assert_eq!(message(&errors, "requirements[3]").0, "要求不能为空");
    assert_eq!(message(&errors, "budget_line").1, "the budget line must not be empty");
    assert_eq!(
        message(&errors, "budget_cap"),
        (
            "金额中含有无效字符“千”：只能填写数字、千位分隔逗号和一个小数点，末尾可加“万”或“元”".into(),
            "the amount contains '千': only digits, thousands commas and one decimal point are allowed, \
             and 万 or 元 at the end"
                .into()
        )
    );
    assert_eq!(message(&errors, "title").0, "标题不能为空");
    assert_eq!(message(&errors, "bid_window").1, "251 working days is outside 1–250");
}

#[test]
fn quotes_and_contract_prices_are_amounts_in_yuan() {
    let quote = QuoteForm { price: "98,000.50".into(), promised_days: 15 };
    assert_eq!(quote.parse(), Ok((Money::from_fen(9_800_050), WorkingDays::new(15).unwrap())));
    let errors = QuoteForm { price: "-1".into(), promised_days: 0 }.parse().unwrap_err();
    assert_eq!(fields(&errors), ["price", "promised_days"]);
    assert_eq!(
        message(&errors, "price"),
        ("金额不能为负数".into(), "the amount must not be negative".into())
    );

    assert_eq!(ContractForm { price: "￥95000".into() }.parse(), Ok(Money::from_yuan(95_000).unwrap()));
    assert_eq!(fields(&ContractForm { price: "1.234".into() }.parse().unwrap_err()), ["price"]);
    assert_eq!(
        form::<QuoteForm>(json!({"price": "1", "promised_days": 2})),
        QuoteForm { price: "1".into(), promised_days: 2 }
    );
}

#[test]
fn texts_and_objection_decisions_must_say_something() {
    assert_eq!(
        TextForm { text: " 报告需补充噪声监测数据。\r\n ".into() }.parse(),
        Ok(Description::parse("报告需补充噪声监测数据。").unwrap())
    );
    let errors = TextForm { text: " \n ".into() }.parse().unwrap_err();
    assert_eq!(message(&errors, "text"), ("此项必填".into(), "this field is required".into()));
    let errors = TextForm { text: "述".repeat(5_001) }.parse().unwrap_err();
    assert_eq!(
        message(&errors, "text").1,
        "the description must be at most 5000 characters long, this one has 5001"
    );

    let quote = QuoteId(Uuid::from_u128(9));
    let uphold = form::<UpholdForm>(json!({"reason": "串通报价", "disqualify": quote}));
    assert_eq!(uphold.parse(), Ok((Description::parse("串通报价").unwrap(), Some(quote))));
    let uphold = form::<UpholdForm>(json!({"reason": "程序瑕疵"}));
    assert_eq!(uphold.parse(), Ok((Description::parse("程序瑕疵").unwrap(), None)));
    assert_eq!(
        fields(&UpholdForm { reason: "".into(), disqualify: Some(quote) }.parse().unwrap_err()),
        ["reason"]
    );
}

#[test]
fn an_evaluation_reports_each_score_out_of_range() {
    let good = form::<EvaluationForm>(json!({
        "quality": 5, "timeliness": 4, "attitude": 5, "fee_reasonableness": 3, "compliance": 5,
        "comment": " 按时完成 ",
    }));
    let evaluation = good.parse().unwrap();
    assert_eq!(
        evaluation,
        Evaluation {
            quality: Score::new(5).unwrap(),
            timeliness: Score::new(4).unwrap(),
            attitude: Score::new(5).unwrap(),
            fee_reasonableness: Score::new(3).unwrap(),
            compliance: Score::new(5).unwrap(),
            comment: Description::parse("按时完成").unwrap(),
        }
    );
    let without_comment = form::<EvaluationForm>(json!({
        "quality": 3, "timeliness": 3, "attitude": 3, "fee_reasonableness": 3, "compliance": 3,
    }));
    assert!(without_comment.parse().unwrap().comment.is_empty());

    let bad = EvaluationForm { quality: 0, compliance: 6, ..good };
    let errors = bad.parse().unwrap_err();
    assert_eq!(fields(&errors), ["compliance", "quality"]);
    assert_eq!(
        message(&errors, "compliance"),
        ("评分应为 1 到 5 分，而不是 6".into(), "a score must be from 1 to 5, not 6".into())
    );
}

#[test]
fn violations_and_blacklistings_follow_the_credit_rules() {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
    let violation = ViolationForm { description: "出具虚假报告".into(), deducted: 20 }.parse(at).unwrap();
    assert_eq!(
        violation,
        CreditContribution {
            at,
            points: -20,
            reason: CreditReason::Violation { description: "出具虚假报告".into() }
        }
    );
    let errors = ViolationForm { description: "  ".into(), deducted: 0 }.parse(at).unwrap_err();
    assert_eq!(fields(&errors), ["deducted", "description"]);
    assert_eq!(message(&errors, "description"), ("必须填写理由".into(), "a reason is required".into()));
    assert_eq!(
        message(&errors, "deducted"),
        (
            "违规扣分应为 1 到 50 分，而不是 0".into(),
            "the points deducted for a violation must be from 1 to 50, not 0".into()
        )
    );

    let blacklisting =
        BlacklistForm { reason: "串通报价".into(), until: " 2027-06-30 ".into() }.parse(at).unwrap();
    assert_eq!(
        blacklisting,
        Blacklisting {
            reason: "串通报价".into(),
            from: at,
            // 00:00 of 30 June in Shanghai.
            until: Utc.with_ymd_and_hms(2027, 6, 29, 16, 0, 0).unwrap(),
        }
    );
    let errors = BlacklistForm { reason: "".into(), until: "2026-03-02".into() }.parse(at).unwrap_err();
    assert_eq!(fields(&errors), ["reason", "until"]);
    assert_eq!(
        message(&errors, "until"),
        ("黑名单的结束时间必须晚于开始时间".into(), CreditError::BlacklistEndsBeforeStart.to_string())
    );
    let errors = BlacklistForm { reason: "x".into(), until: "30/06/2027".into() }.parse(at).unwrap_err();
    assert_eq!(message(&errors, "until").1, "\"30/06/2027\" is not a date: expected e.g. 2027-06-30");
}

#[test]
fn an_inspection_draws_at_least_one_provider() {
    let form = InspectionForm { label: " 2026 年第一季度抽查 ".into(), providers: 3 };
    assert_eq!(form.parse(), Ok((Title::parse("2026 年第一季度抽查").unwrap(), 3)));
    let errors = InspectionForm { label: "".into(), providers: 0 }.parse().unwrap_err();
    assert_eq!(fields(&errors), ["label", "providers"]);
    assert_eq!(message(&errors, "label").1, "the inspection's label must not be empty");
    assert_eq!(
        message(&errors, "providers"),
        (
            "抽取的中介机构数量为零，至少应为一".into(),
            "the number of providers to draw is zero: expected at least one".into()
        )
    );
}

#[test]
fn logging_in_needs_an_address_and_a_password() {
    let login = form::<LoginForm>(json!({"email": " Zhang@Survey.CN ", "password": "any old thing"}));
    assert_eq!(
        login.parse(),
        Ok(Login { email: Email::parse("Zhang@survey.cn").unwrap(), password: "any old thing".into() })
    );
    assert!(!format!("{login:?}").contains("any old thing"), "the form's Debug hides the password");
    let errors = LoginForm { email: "zhang".into(), password: "".into() }.parse().unwrap_err();
    assert_eq!(fields(&errors), ["email", "password"]);
    assert_eq!(message(&errors, "password").0, "此项必填");

    let refresh = form::<RefreshForm>(json!({"refresh_token": "r-123"}));
    assert_eq!(refresh.parse(), Ok(SecretText::from("r-123")));
    assert_eq!(fields(&RefreshForm { refresh_token: "".into() }.parse().unwrap_err()), ["refresh_token"]);
}

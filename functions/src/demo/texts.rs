//! The words of the demo: what each kind of service is called in a project's title, what the
//! buyer asks for, what the provider hands over, the questions providers ask, and the reasons
//! and comments people give along the way.

/// How the demo writes about one catalogue item.
pub(super) struct ItemText {
    pub code: &'static str,
    /// Appended to the project's subject to make its title.
    pub service: &'static str,
    /// The budget cap's range, in yuan.
    pub budget: (i64, i64),
    /// A provider's usual fee for a standard job, in yuan.
    pub fee: i64,
    pub scope: &'static str,
    pub deliverable: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
}

pub(super) const ITEMS: &[ItemText] = &[
    ItemText {
        code: "HP-001",
        service: "环境影响报告书编制",
        budget: (120_000, 320_000),
        fee: 180_000,
        scope: "开展工程分析、环境现状调查与监测、环境影响预测与评价，提出污染防治与生态保护措施，\
                配合生态环境主管部门组织的技术评估并按专家意见修改完善。",
        deliverable: "环境影响报告书（报批稿）纸质版8份及电子版，附现状监测报告",
        question: "项目所在区域近一年是否已有环境空气和地下水现状监测数据可供引用？",
        answer: "园区管委会有2025年第四季度的例行监测数据，可引用；地下水需补充监测2个点位。",
    },
    ItemText {
        code: "SB-001",
        service: "水土保持方案编制",
        budget: (40_000, 120_000),
        fee: 65_000,
        scope: "调查项目区水土流失现状，界定防治责任范围，预测可能造成的水土流失，\
                布设工程、植物和临时防护措施并估算投资，配合水行政主管部门审查。",
        deliverable: "水土保持方案报告书（报批稿）及水土流失防治措施布置图",
        question: "弃土是否由项目内部平衡？是否需要另设弃渣场？",
        answer: "土方基本内部平衡，余方约1.2万立方米运至政府指定消纳场，无需另设弃渣场。",
    },
    ItemText {
        code: "DZ-001",
        service: "地质灾害危险性评估",
        budget: (40_000, 110_000),
        fee: 60_000,
        scope: "查明评估区地质环境条件和地质灾害类型、分布，对现状、预测及综合危险性进行评估，\
                提出防治措施建议，形成评估报告并通过专家审查。",
        deliverable: "地质灾害危险性评估报告及评估区地质灾害分布图",
        question: "评估区范围是否包括进场道路及临时施工用地？",
        answer: "包括。进场道路和临时施工用地一并纳入评估范围，红线图已随附件发布。",
    },
    ItemText {
        code: "AP-001",
        service: "安全预评价",
        budget: (50_000, 160_000),
        fee: 85_000,
        scope: "辨识和分析建设项目的危险、有害因素，划分评价单元，定性定量评价其危险程度，\
                提出安全对策措施建议，编制安全预评价报告并配合专家评审。",
        deliverable: "安全预评价报告（评审修改稿）及危险有害因素辨识清单",
        question: "涉及的危险化学品是否已有完整的物料平衡和储量数据？",
        answer: "可研报告第五章有物料平衡和最大储量，开工后可提供电子版。",
    },
    ItemText {
        code: "FC-001",
        service: "房产测绘",
        budget: (20_000, 80_000),
        fee: 36_000,
        scope: "依据竣工图纸开展房屋面积预测算或实测，计算共有建筑面积分摊，\
                出具房产测绘成果报告，配合不动产登记机构审核。",
        deliverable: "房产测绘成果报告（含分户面积表和分层分户平面图）",
        question: "是否需要同时出具预测绘和实测绘两阶段成果？",
        answer: "本次只需实测绘成果，预测绘已于开工前完成。",
    },
    ItemText {
        code: "TD-001",
        service: "土地勘测定界",
        budget: (15_000, 60_000),
        fee: 28_000,
        scope: "开展用地界址点放样与测量，核定用地面积和地类，编制勘测定界技术报告和勘测定界图，\
                配合自然资源主管部门用地报批。",
        deliverable: "勘测定界技术报告、勘测定界图及界址点坐标成果表",
        question: "界址点坐标采用哪一坐标系统提交？",
        answer: "统一采用2000国家大地坐标系，高程采用1985国家高程基准。",
    },
    ItemText {
        code: "GH-002",
        service: "建设工程规划核实测量",
        budget: (20_000, 70_000),
        fee: 32_000,
        scope: "对照建设工程规划许可证及附图，实测建筑物位置、高度、层数、面积及配套设施，\
                出具规划核实测量报告，供规划条件核实使用。",
        deliverable: "规划核实测量报告及规划核实测量图",
        question: "地下室面积是否需要单独列表？",
        answer: "需要，地下部分按功能分区单独列表并注明人防面积。",
    },
    ItemText {
        code: "ZJ-001",
        service: "工程造价咨询",
        budget: (60_000, 240_000),
        fee: 110_000,
        scope: "编制工程量清单及招标控制价，开展施工阶段造价控制与变更签证审核，\
                出具造价咨询报告。",
        deliverable: "工程量清单、招标控制价及造价咨询报告",
        question: "施工图是否已通过审查？是否以审查合格的图纸为计价依据？",
        answer: "施工图已于上月通过审查，以审查合格图纸及答疑纪要为计价依据。",
    },
    ItemText {
        code: "KY-001",
        service: "可行性研究报告编制",
        budget: (80_000, 260_000),
        fee: 130_000,
        scope: "开展市场与需求分析、建设方案与规模论证、投资估算与资金筹措、财务与经济评价、\
                风险分析，编制可行性研究报告并配合评审。",
        deliverable: "可行性研究报告（评审修改稿）及投资估算表",
        question: "投资估算是否需要包含征地拆迁费用？",
        answer: "不含征地拆迁费用，该部分由属地政府另行测算。",
    },
    ItemText {
        code: "JN-001",
        service: "节能评估",
        budget: (30_000, 90_000),
        fee: 48_000,
        scope: "核算项目能源消费总量和能效水平，分析对所在地能耗双控目标的影响，\
                提出节能措施和能效提升建议，编制节能报告。",
        deliverable: "固定资产投资项目节能报告及能源消费核算表",
        question: "是否需要开展用能权交易的测算？",
        answer: "暂不需要，按现行节能审查要求编制即可。",
    },
    ItemText {
        code: "WP-001",
        service: "社会稳定风险评估",
        budget: (30_000, 90_000),
        fee: 45_000,
        scope: "开展公众意见调查和利益相关方走访，识别社会稳定风险因素，评估风险等级，\
                提出风险防范和化解措施。",
        deliverable: "社会稳定风险评估报告及公众意见调查汇总",
        question: "公众意见调查的样本量有无具体要求？",
        answer: "问卷不少于200份，并对周边村（社区）开展座谈。",
    },
    ItemText {
        code: "XF-001",
        service: "消防设施检测",
        budget: (10_000, 50_000),
        fee: 22_000,
        scope: "对火灾自动报警、自动喷水灭火、消火栓、防排烟、应急照明和疏散指示等系统进行全面检测，\
                出具检测报告并提出整改建议。",
        deliverable: "建筑消防设施检测报告及问题整改清单",
        question: "检测期间能否安排夜间进场以免影响正常办公？",
        answer: "可以，周一至周五19:00以后可进场，需提前一天报物业备案。",
    },
    ItemText {
        code: "ZY-001",
        service: "职业病危害预评价",
        budget: (30_000, 100_000),
        fee: 52_000,
        scope: "识别和分析项目可能产生的职业病危害因素，评价其对劳动者健康的影响，\
                提出职业病防护设施和管理措施建议。",
        deliverable: "职业病危害预评价报告（评审修改稿）",
        question: "类比调查对象是否需要由建设单位联系？",
        answer: "建设单位可协助联系同类企业，类比检测费用包含在报价内。",
    },
    ItemText {
        code: "GH-001",
        service: "规划设计方案技术审查",
        budget: (20_000, 80_000),
        fee: 38_000,
        scope: "对照控制性详细规划和规划条件，审查总平面布置、建筑退让、日照、交通组织及各项技术指标，\
                出具技术审查意见。",
        deliverable: "规划设计方案技术审查报告及技术指标复核表",
        question: "日照分析是否需要复核周边已批未建项目？",
        answer: "需要，已批未建项目的方案资料由规划部门提供。",
    },
    ItemText {
        code: "JL-001",
        service: "施工监理",
        budget: (60_000, 180_000),
        fee: 95_000,
        scope: "对关键工序和隐蔽工程实施旁站监理，开展质量、进度、安全文明施工控制，\
                组织分部分项验收，出具监理工作报告。",
        deliverable: "监理工作总结报告及分部分项验收记录",
        question: "是否要求总监理工程师常驻现场？",
        answer: "关键节点施工期间总监需在场，其余时间由专业监理工程师驻场。",
    },
];

pub(super) fn item(code: &str) -> Option<&'static ItemText> {
    ITEMS.iter().find(|t| t.code == code)
}

pub(super) const SECOND_QUESTION: (&str, &str) =
    ("成果报告需提交纸质版几份？是否需要盖章的电子版？", "纸质版6份，另提交盖章扫描件及可编辑电子版各1份。");

pub(super) const CANCEL_REASONS: &[&str] = &[
    "建设方案调整，本次采购取消，待方案确定后重新发布。",
    "上级部门对项目建设规模提出调整意见，暂停本次采购。",
    "项目选址变更，原服务范围不再适用，取消本次采购。",
];

pub(super) const OBJECTION_UPHELD: (&str, &str) = (
    "中选机构报价明显低于成本，且所附两项类似项目业绩与公开信息不符，请求核查。",
    "经向业绩所列建设单位核实，两项业绩合同均不存在，异议成立，取消该机构的中选资格。",
);

pub(super) const OBJECTION_REJECTED: (&str, &str) = (
    "中选机构承诺的服务期限明显短于同类项目，可能无法保证质量，请求重新选取。",
    "承诺期限在项目服务期限以内，符合发布条件；选取按公布的方式进行，异议不成立。",
);

pub(super) const OBJECTION_PENDING: &str =
    "中选机构的安全评价资质证书显示的业务范围不含本项目所属行业，请求核查其资格。";

pub(super) const BLACKLISTING: &str = "在工程造价咨询项目中提交虚假业绩材料，经异议核查属实";
pub(super) const VIOLATION: &str = "提交虚假业绩材料（异议核查属实）";

pub(super) const RETURN_REASON: &str =
    "报告引用的现状监测数据超过一年，请补充近期监测数据并据此修改预测章节后重新提交。";

/// Evaluation comments by the mean score (×100): high, middling, low.
pub(super) fn comment(mean_x100: u16, rng: &mut super::rng::Rng) -> &'static str {
    const HIGH: &[&str] = &[
        "成果质量高，数据翔实，专家评审一次通过，沟通及时。",
        "服务专业，主动跟进审批进度，提前完成，值得推荐。",
        "报告结构清晰、结论可靠，现场配合到位。",
    ];
    const MIDDLE: &[&str] = &[
        "总体满足要求，个别章节经两轮修改后完善。",
        "按期完成，沟通尚可，部分基础资料需我方多次补充说明。",
        "成果基本符合要求，专家意见修改稍慢。",
    ];
    const LOW: &[&str] =
        &["多次延误，报告质量一般，需加强项目人员配备。", "成果存在较多错漏，返工两次，服务态度有待改进。"];
    let list = match mean_x100 {
        420.. => HIGH,
        320..=419 => MIDDLE,
        _ => LOW,
    };
    list[usize::try_from(rng.next() % list.len() as u64).unwrap_or(0)]
}

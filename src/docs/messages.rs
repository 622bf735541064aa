//! Headings and fixed text of every document, in Chinese and English, from
//! one table so that the two languages cannot drift apart.

use super::Lang;

macro_rules! messages {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// A piece of fixed text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($name,)*
        }

        impl Msg {
            /// Every message, for tests that check the table.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// Returns the text in one language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Zh) => $zh,
                      (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

messages! {
    Handbook => "流程手册", "Process handbook";
    JobDescription => "岗位说明书", "Job description";
    ProcessDescription => "流程说明书", "Process description";
    Roles => "岗位", "Roles";
    Processes => "流程", "Processes";
    OrgChart => "组织结构图", "Organisation chart";
    ToBeCompleted => "待补充", "To be completed";
    Draft => "草稿，待审定", "draft, to be reviewed";
    NoneFound => "无", "None";

    // Job description fields, in the order the document lists them.
    Basics => "基本信息", "Basic information";
    JobTitle => "职务名称", "Job title";
    Department => "所属部门", "Department";
    ReportsTo => "直接上级", "Reports to";
    DirectReports => "直接下级", "Direct reports";
    Headcount => "编制人数", "Headcount";
    Purpose => "岗位目的", "Purpose";
    ProcessPurpose => "流程目的", "Purpose";
    Duties => "工作职责", "Duties";
    DeclaredDuties => "已声明的职责", "Declared duties";
    DerivedDuties => "流程中的工作", "Work in the processes";
    Authority => "工作权限", "Authority";
    Relations => "工作关系", "Working relations";
    InternalRelations => "内部协作", "Internal relations";
    ExternalRelations => "外部联系", "External relations";
    KeyNodesOfRole => "负责的关键节点", "Key nodes";
    Qualifications => "任职资格", "Qualifications";
    Education => "学历", "Education";
    Experience => "经验", "Experience";
    Knowledge => "专业知识", "Knowledge";
    Skills => "技能", "Skills";
    Tools => "工具与系统", "Tools and systems";
    Kpis => "考核指标", "KPIs";
    Conditions => "工作环境", "Working conditions";
    WorkingHours => "工作时间", "Working hours";
    Career => "职业发展", "Career path";
    Version => "版本", "Version";

    // Column headings and phrases of the job description.
    Process => "流程", "Process";
    Step => "步骤", "Step";
    RunsPerCase => "每案次数", "Runs per case";
    MinutesPerCase => "每案分钟", "Minutes per case";
    Weight => "权重", "Weight";
    Duty => "职责", "Duty";
    ReceivesFrom => "接收工作自", "Receives work from";
    HandsTo => "交付工作给", "Hands work to";
    HandoffsPerCase => "每案交接次数", "Hand-offs per case";
    Direction => "方向", "Direction";
    Counterpart => "对方岗位", "Role";
    Declared => "已声明", "Declared";
    DeclaredRelations => "已声明的协作关系：", "Declared relations:";
    Number => "编号", "No.";
    Reason => "说明", "Explanation";
    MustPass => "必经", "Must pass";
    Yes => "是", "yes";
    No => "否", "no";
    ModelVersion => "模型版本", "Model version";
    ProcessVersion => "流程版本", "Process version";
    UncommittedChanges => "（含未提交的修改）", "(with uncommitted changes)";
    SourceRevision => "源文件最近提交", "Last commit of the source file";
    WeightsUnknown => "流程步骤没有时长，无法推算权重。", "The steps have no durations, so weights cannot be derived.";
    WeightsUnbounded => "有步骤位于无法退出的循环中，预期次数无界，无法推算权重。", "A step lies in a loop that never exits, so its expected runs are unbounded and weights cannot be derived.";
    WeightsByRate => "权重按每个流程的到达率（来自仿真设置）折算的预期工作量计算。", "Weights are the expected workload, scaled by each process's arrival rate from its simulation.";
    WeightsPerCase => "权重按每个流程各一个案件的预期工作量计算，因为并非每个流程都有到达率。", "Weights are the expected workload of one case of each process, because not every process has an arrival rate.";
    // The parts a role plays in a step, listed after the step in its
    // authority, such as "decides; key node 1; applies when: …".
    PartDecides => "决定", "decides";
    PartAccountable => "对结果负责", "accountable";
    PartKeyNode => "关键节点", "key node";
    PartAppliesWhen => "适用条件", "applies when";
    AppliesWhen => "适用条件", "Applies when";
    Within => "：{time}内完成", " within {time}";
    PurposeDraft => "参与 {n} 个流程，负责{steps}。", "Takes part in {n} {processes}, performing {steps}.";
    NoSteps => "该岗位不执行任何流程步骤。", "The role performs no process step.";

    // Process description.
    Scope => "范围", "Scope";
    Owner => "流程负责人", "Owner";
    Description => "描述", "Description";
    RolesInvolved => "参与岗位", "Roles involved";
    Flowchart => "流程图", "Flowchart";
    Steps => "步骤", "Steps";
    Role => "岗位", "Role";
    Inputs => "输入", "Inputs";
    Outputs => "输出", "Outputs";
    Duration => "时长", "Duration";
    KeyNodes => "关键节点", "Key nodes";
    Calls => "调用子流程", "Calls";
    Bypass => "绕过路径", "Bypassing path";
    Raci => "RACI 矩阵", "RACI matrix";
    RaciLegend => "R = 执行者，A = 负责审批者（未声明时为流程负责人，仍无则为执行者），C = 事前咨询，I = 事后知会。", "R = responsible, performs the task; A = accountable: the step's accountable role, else the process owner, else the performer; C = consulted before or during the task; I = informed of the result.";
    Task => "任务", "Task";
    Analysis => "分析数据", "Analysis";
    TimePerCase => "每案预期时间（不含排队）", "Expected time per case (without queueing)";
    WorkPerCase => "每案预期工作时间", "Expected work time per case";
    HandoffsTotal => "每案预期交接次数", "Expected hand-offs per case";
    NoStart => "流程没有开始事件，无法分析。", "The process has no start event, so it cannot be analysed.";
    Minutes => "分钟", "min";
    Hours => "小时", "h";
    Days => "天", "d";

    // Markdown and the index.
    Field => "项目", "Field";
    Value => "内容", "Value";
    Document => "文档", "Document";

    // The handbook site's index.
    NoDepartment => "未指定部门", "No department";
    DepartmentsAndRoles => "部门与岗位", "Departments and roles";
}

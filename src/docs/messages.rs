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

            /// The text in one language.
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
    Version => "版本", "Version";
    Department => "部门", "Department";
    Role => "岗位", "Role";
    Headcount => "编制人数", "Headcount";
    NoDepartment => "未指定部门", "No department";
    DepartmentsAndRoles => "部门与岗位", "Departments and roles";
}

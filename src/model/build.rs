//! Building the model from the parsed files: declarations are registered
//! first, so that references may point forward and across imports, then
//! each declaration's attributes are read and its references resolved.

use super::values::Reader;
use super::{
    Department, DepartmentId, FileAttributes, Loaded, Model, Origin, Process, ProcessId, Role, RoleId,
    Scenario, Simulation, build_process,
};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Attr, Item};

const MODEL_ATTRS: &[&str] = &["title", "version", "description"];
const DEPARTMENT_ATTRS: &[&str] = &["parent", "head", "description"];
const ROLE_ATTRS: &[&str] = &[
    "department",
    "reports_to",
    "headcount",
    "cost",
    "hours",
    "purpose",
    "duties",
    "authority",
    "education",
    "experience",
    "knowledge",
    "skills",
    "tools",
    "kpis",
    "internal",
    "external",
    "conditions",
    "career",
];
const SIMULATION_ATTRS: &[&str] =
    &["process", "arrivals", "cases", "horizon", "replications", "seed", "warmup", "max_events"];

/// A role or department declaration, with its file and enclosing department, before its attributes are read.
struct Declared<'a, T> {
    file: FileId,
    decl: &'a T,
    /// The enclosing department block, if any.
    parent: Option<DepartmentId>,
}

/// Builds the model from loaded files. Returns the model and every problem
/// found with names and values; an unparsable file contributes nothing.
pub fn build(loaded: &Loaded) -> (Model, Vec<Diagnostic>) {
    let mut builder = ModelBuilder { model: Model::default(), diagnostics: Vec::new() };

    let mut departments = Vec::new();
    let mut roles = Vec::new();
    for file in &loaded.files {
        let Some(ast) = &file.ast else { continue };
        builder.collect_organisation(file.id, ast, &mut departments, &mut roles);
    }
    builder.register_processes(loaded);

    for file in &loaded.files {
        let Some(ast) = &file.ast else { continue };
        builder.read_model_attrs(file.id, ast);
    }
    builder.fill_departments(&departments);
    builder.fill_roles(&roles);
    builder.fill_processes(loaded);
    for file in &loaded.files {
        let Some(ast) = &file.ast else { continue };
        builder.read_simulations(file.id, ast);
    }

    if builder.model.is_empty() && loaded.diagnostics.iter().all(|d| !d.is_error()) {
        if let Some(&root) = loaded.roots.first() {
            builder.diagnostics.push(
                Diagnostic::new(
                    Code::EmptyModel,
                    root,
                    0..0,
                    "the model declares no process, role or department",
                )
                .with_help("try a flow such as `receive -> register -> archive`, or see examples/"),
            );
        }
    }
    (builder.model, builder.diagnostics)
}

pub(super) struct ModelBuilder {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

impl ModelBuilder {
    pub fn reader(&mut self, file: FileId) -> Reader<'_> {
        Reader { file, diagnostics: &mut self.diagnostics }
    }

    fn duplicate(&mut self, what: &str, id: &ast::Ident, file: FileId, first: &Origin) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::DuplicateId,
                file,
                id.span.clone(),
                format!("the {what} `{}` is declared twice", id.name),
            )
            .with_label("declared again here")
            .with_related(first.file, first.id_span.clone(), "first declared here")
            .with_help(format!("try renaming one of them, or removing the second `{}`", id.name)),
        );
    }

    /// Registers every department and role, nested ones included.
    fn collect_organisation<'a>(
        &mut self,
        file: FileId,
        ast: &'a ast::File,
        departments: &mut Vec<Declared<'a, ast::Department>>,
        roles: &mut Vec<Declared<'a, ast::Role>>,
    ) {
        for item in &ast.items {
            match item {
                Item::Department(department) => {
                    self.collect_department(file, department, None, departments, roles)
                }
                Item::Role(role) => self.register_role(file, role, None, roles),
                _ => {}
            }
        }
    }

    fn collect_department<'a>(
        &mut self,
        file: FileId,
        department: &'a ast::Department,
        parent: Option<DepartmentId>,
        departments: &mut Vec<Declared<'a, ast::Department>>,
        roles: &mut Vec<Declared<'a, ast::Role>>,
    ) {
        let id = &department.header.id;
        let origin = Origin { file, span: department.span.clone(), id_span: id.span.clone() };
        if let Some(existing) = self.model.find_department(&id.name) {
            let first = self.model.departments[existing.0].origin.clone();
            self.duplicate("department", id, file, &first);
            return;
        }
        let this = DepartmentId(self.model.departments.len());
        self.model.push_department(Department {
            id: id.name.clone(),
            name: department.header.label.as_ref().map(|label| label.value.clone()),
            doc: department.doc.clone(),
            origin,
            parent,
            head: None,
            description: None,
        });
        departments.push(Declared { file, decl: department, parent });

        for member in department.members.iter().flatten() {
            match member {
                ast::DepartmentMember::Department(child) => {
                    self.collect_department(file, child, Some(this), departments, roles)
                }
                ast::DepartmentMember::Role(role) => self.register_role(file, role, Some(this), roles),
                ast::DepartmentMember::Attr(_) => {}
            }
        }
    }

    fn register_role<'a>(
        &mut self,
        file: FileId,
        role: &'a ast::Role,
        department: Option<DepartmentId>,
        roles: &mut Vec<Declared<'a, ast::Role>>,
    ) {
        let id = &role.header.id;
        if let Some(existing) = self.model.find_role(&id.name) {
            let first = self.model.roles[existing.0].origin.clone().expect("declared roles have an origin");
            self.duplicate("role", id, file, &first);
            return;
        }
        self.model.push_role(Role {
            id: id.name.clone(),
            name: role.header.label.as_ref().map(|label| label.value.clone()),
            doc: role.doc.clone(),
            origin: Some(Origin { file, span: role.span.clone(), id_span: id.span.clone() }),
            department,
            ..Role::default()
        });
        roles.push(Declared { file, decl: role, parent: department });
    }

    /// Registers every process, including each file's implicit short-form one.
    fn register_processes(&mut self, loaded: &Loaded) {
        for file in &loaded.files {
            let Some(ast) = &file.ast else { continue };
            let mut declares_process = false;
            for item in &ast.items {
                if let Item::Process(process) = item {
                    declares_process = true;
                    self.register_process(
                        file.id,
                        &process.header,
                        process.span.clone(),
                        process.doc.clone(),
                    );
                }
            }
            if let Some(span) = short_form_span(ast) {
                declares_process = true;
                let id = implicit_process_id(&loaded.sources.get(file.id).name);
                let header =
                    ast::Header { id: ast::Ident { name: id, span: span.start..span.start }, label: None };
                self.register_process(file.id, &header, span, None);
                self.title_short_form(ast, &header.id.name);
            }
            if declares_process {
                self.model.process_files.push(file.id);
            }
        }
    }

    /// Gives the process of a short-form file the file's `title:`, which
    /// is that process's only name. Reading the value as one quoted text
    /// reports nothing, because the model attributes report its errors.
    fn title_short_form(&mut self, ast: &ast::File, id: &str) {
        let title = ast.items.iter().find_map(|item| match item {
            Item::Attr(attr) if attr.key.text() == "title" => match &attr.value {
                ast::Value::Phrase(phrase) => match phrase.scalars.as_slice() {
                    [ast::Scalar::String(text)] => Some(text.value.clone()),
                    _ => None,
                },
                ast::Value::List(_) => None,
            },
            _ => None,
        });
        let process = self.model.processes.last_mut().filter(|process| process.id == id);
        if let (Some(title), Some(process)) = (title, process) {
            process.title.get_or_insert(title);
        }
    }

    fn register_process(&mut self, file: FileId, header: &ast::Header, span: Span, doc: Option<String>) {
        if let Some(existing) = self.model.find_process(&header.id.name) {
            let first = self.model.processes[existing.0].origin.clone();
            self.duplicate("process", &header.id, file, &first);
            return;
        }
        self.model.push_process(Process {
            id: header.id.name.clone(),
            title: header.label.as_ref().map(|label| label.value.clone()),
            doc,
            origin: Origin { file, span, id_span: header.id.span.clone() },
            short_form: false,
            incomplete: false,
            owner: None,
            purpose: None,
            scope: None,
            version: None,
            description: None,
            lanes: Vec::new(),
            nodes: Vec::new(),
            flows: Vec::new(),
            graph: Default::default(),
            node_ids: Default::default(),
        });
    }

    fn read_model_attrs(&mut self, file: FileId, ast: &ast::File) {
        let attrs: Vec<Attr> = ast
            .items
            .iter()
            .filter_map(|item| if let Item::Attr(attr) = item { Some(attr.clone()) } else { None })
            .collect();
        let mut reader = self.reader(file);
        let valid = reader.check_keys(&attrs, MODEL_ATTRS, "the model");
        let mut values = Vec::new();
        for attr in valid {
            values.push((attr.key.text(), reader.text(attr)));
        }
        let first = |wanted: &str| {
            values.iter().find_map(|(key, value)| if key == wanted { value.clone() } else { None })
        };
        let file_attributes = FileAttributes { title: first("title"), version: first("version") };
        for (key, value) in values {
            let slot = match key.as_str() {
                "title" => &mut self.model.title,
                "version" => &mut self.model.version,
                _ => &mut self.model.description,
            };
            if slot.is_none() {
                *slot = value;
            }
        }
        if file_attributes != FileAttributes::default() {
            self.model.file_attributes.insert(file, file_attributes);
        }
    }

    /// Resolves a role name, reporting an unknown one with a suggestion.
    pub fn resolve_role(&mut self, file: FileId, name: &str, span: &Span) -> Option<RoleId> {
        if let Some(id) = self.model.find_role(name) {
            return Some(id);
        }
        let suggestion = did_you_mean(name, self.model.roles.iter().map(|role| role.id.as_str()));
        let help = match suggestion {
            Some(role) => format!("did you mean `{role}`?"),
            None => format!("try declaring it: `role {name} \"Name\" {{ headcount: 1 }}`"),
        };
        self.diagnostics.push(
            Diagnostic::new(Code::UnknownRole, file, span.clone(), format!("unknown role `{name}`"))
                .with_label("no role has this id")
                .with_help(help),
        );
        None
    }

    pub fn resolve_process(&mut self, file: FileId, name: &str, span: &Span) -> Option<ProcessId> {
        if let Some(id) = self.model.find_process(name) {
            return Some(id);
        }
        let help = match did_you_mean(name, self.model.processes.iter().map(|process| process.id.as_str())) {
            Some(process) => format!("did you mean `{process}`?"),
            None => "try importing the file that declares it with `import \"file.flow\"`".to_string(),
        };
        self.diagnostics.push(
            Diagnostic::new(Code::UnknownProcess, file, span.clone(), format!("unknown process `{name}`"))
                .with_label("no process has this id")
                .with_help(help),
        );
        None
    }

    fn resolve_department(&mut self, file: FileId, name: &str, span: &Span) -> Option<DepartmentId> {
        if let Some(id) = self.model.find_department(name) {
            return Some(id);
        }
        let help = match did_you_mean(name, self.model.departments.iter().map(|d| d.id.as_str())) {
            Some(department) => format!("did you mean `{department}`?"),
            None => format!("try declaring it: `department {name} \"Name\" {{}}`"),
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnknownDepartment,
                file,
                span.clone(),
                format!("unknown department `{name}`"),
            )
            .with_label("no department has this id")
            .with_help(help),
        );
        None
    }

    fn fill_departments(&mut self, departments: &[Declared<'_, ast::Department>]) {
        for declared in departments {
            let Some(index) = self.model.find_department(&declared.decl.header.id.name) else { continue };
            if self.model.departments[index.0].origin.span != declared.decl.span {
                continue;
            }
            let attrs: Vec<Attr> = declared
                .decl
                .members
                .iter()
                .flatten()
                .filter_map(
                    |m| if let ast::DepartmentMember::Attr(attr) = m { Some(attr.clone()) } else { None },
                )
                .collect();
            let mut reader = self.reader(declared.file);
            let valid: Vec<Attr> =
                reader.check_keys(&attrs, DEPARTMENT_ATTRS, "a department").into_iter().cloned().collect();
            for attr in &valid {
                match attr.key.text().as_str() {
                    "parent" => {
                        let Some((name, span)) = self.reader(declared.file).name(attr) else { continue };
                        if declared.parent.is_some() {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::InvalidValue,
                                    declared.file,
                                    attr.span.clone(),
                                    "`parent` is given for a nested department",
                                )
                                .with_label("already nested in another department")
                                .with_help("try either nesting the department or giving `parent`, not both"),
                            );
                            continue;
                        }
                        self.model.departments[index.0].parent =
                            self.resolve_department(declared.file, &name, &span);
                    }
                    "head" => {
                        let Some((name, span)) = self.reader(declared.file).name(attr) else { continue };
                        self.model.departments[index.0].head = self.resolve_role(declared.file, &name, &span);
                    }
                    _ => self.model.departments[index.0].description = self.reader(declared.file).text(attr),
                }
            }
        }
    }

    fn fill_roles(&mut self, roles: &[Declared<'_, ast::Role>]) {
        for declared in roles {
            let Some(index) = self.model.find_role(&declared.decl.header.id.name) else { continue };
            let is_this = self.model.roles[index.0]
                .origin
                .as_ref()
                .is_some_and(|o| o.span == declared.decl.span && o.file == declared.file);
            if !is_this {
                continue;
            }
            let attrs = declared.decl.block.as_ref().map(|block| block.attrs.as_slice()).unwrap_or(&[]);
            let valid: Vec<Attr> = self
                .reader(declared.file)
                .check_keys(attrs, ROLE_ATTRS, "a role")
                .into_iter()
                .cloned()
                .collect();
            for attr in &valid {
                self.read_role_attr(declared.file, index, declared.parent, attr);
            }
        }
    }

    fn read_role_attr(&mut self, file: FileId, index: RoleId, parent: Option<DepartmentId>, attr: &Attr) {
        let key = attr.key.text();
        match key.as_str() {
            "department" => {
                let Some((name, span)) = self.reader(file).name(attr) else { return };
                if parent.is_some() {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            file,
                            attr.span.clone(),
                            "`department` is given for a role declared inside a department",
                        )
                        .with_label("the enclosing department already sets it")
                        .with_help(
                            "try removing this attribute, or moving the role out of the department block",
                        ),
                    );
                    return;
                }
                let department = self.resolve_department(file, &name, &span);
                self.model.roles[index.0].department = department;
            }
            "reports_to" => {
                let Some((name, span)) = self.reader(file).name(attr) else { return };
                let target = self.resolve_role(file, &name, &span);
                self.model.roles[index.0].reports_to = target;
            }
            "headcount" => {
                let value = self.reader(file).count(attr);
                self.model.roles[index.0].headcount = value.map(|n| n.min(u64::from(u32::MAX)) as u32);
            }
            "cost" => self.model.roles[index.0].cost_per_hour = self.reader(file).money(attr, true),
            "hours" => self.model.roles[index.0].hours = self.reader(file).calendar(attr),
            "duties" => self.model.roles[index.0].duties = self.reader(file).duties(attr),
            _ => self.read_role_text(file, index, attr, &key),
        }
    }

    /// Reads the job-description fields that are plain texts or lists of texts.
    fn read_role_text(&mut self, file: FileId, index: RoleId, attr: &Attr, key: &str) {
        let mut reader = Reader { file, diagnostics: &mut self.diagnostics };
        let role = &mut self.model.roles[index.0];
        match key {
            "purpose" => role.purpose = reader.text(attr),
            "education" => role.education = reader.text(attr),
            "experience" => role.experience = reader.text(attr),
            "conditions" => role.conditions = reader.text(attr),
            "career" => role.career = reader.text(attr),
            "authority" => role.authority = reader.texts(attr),
            "knowledge" => role.knowledge = reader.texts(attr),
            "skills" => role.skills = reader.texts(attr),
            "tools" => role.tools = reader.texts(attr),
            "kpis" => role.kpis = reader.texts(attr),
            "internal" => role.internal = reader.texts(attr),
            _ => role.external = reader.texts(attr),
        }
    }

    fn fill_processes(&mut self, loaded: &Loaded) {
        for file in &loaded.files {
            let Some(ast) = &file.ast else { continue };
            for item in &ast.items {
                if let Item::Process(process) = item {
                    build_process::fill(self, file.id, &process.header.id, &process.body);
                }
            }
            if short_form_span(ast).is_some() {
                let id = implicit_process_id(&loaded.sources.get(file.id).name);
                let statements: Vec<ast::ProcessStmt> = ast
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Flow(flow) => Some(ast::ProcessStmt::Flow(flow.clone())),
                        Item::Key(key) => Some(ast::ProcessStmt::Key(key.clone())),
                        _ => None,
                    })
                    .collect();
                let ident = ast::Ident { name: id, span: 0..0 };
                build_process::fill(self, file.id, &ident, &statements);
            }
        }
    }

    fn read_simulations(&mut self, file: FileId, ast: &ast::File) {
        for item in &ast.items {
            let Item::Simulation(simulation) = item else { continue };
            let mut settings = Simulation {
                id: simulation.id.as_ref().map(|id| id.name.clone()),
                name: simulation.label.as_ref().map(|label| label.value.clone()),
                origin: Some(Origin {
                    file,
                    span: simulation.span.clone(),
                    id_span: simulation
                        .id
                        .as_ref()
                        .map_or(simulation.span.start..simulation.span.start, |id| id.span.clone()),
                }),
                ..Simulation::default()
            };
            let attrs: Vec<Attr> = simulation
                .members
                .iter()
                .filter_map(
                    |m| if let ast::SimulationMember::Attr(attr) = m { Some(attr.clone()) } else { None },
                )
                .collect();
            let valid: Vec<Attr> = self
                .reader(file)
                .check_keys(&attrs, SIMULATION_ATTRS, "a simulation")
                .into_iter()
                .cloned()
                .collect();
            for attr in &valid {
                self.read_simulation_attr(file, &mut settings, attr);
            }
            for member in &simulation.members {
                if let ast::SimulationMember::Scenario(scenario) = member {
                    let scenario = self.read_scenario(file, scenario);
                    settings.scenarios.push(scenario);
                }
            }
            self.model.simulations.push(settings);
        }
    }

    fn read_simulation_attr(&mut self, file: FileId, settings: &mut Simulation, attr: &Attr) {
        match attr.key.text().as_str() {
            "process" => {
                if let Some((name, span)) = self.reader(file).name(attr) {
                    settings.process = self.resolve_process(file, &name, &span);
                }
            }
            "arrivals" => settings.arrivals = self.reader(file).distribution(attr),
            "cases" => settings.cases = self.reader(file).count(attr),
            "horizon" => settings.horizon = self.reader(file).duration(attr),
            "replications" => {
                settings.replications =
                    self.reader(file).count(attr).map(|n| n.min(u64::from(u32::MAX)) as u32)
            }
            "seed" => settings.seed = self.reader(file).count(attr),
            "warmup" => settings.warmup = self.reader(file).duration(attr),
            _ => settings.max_events = self.reader(file).count(attr),
        }
    }

    /// Reads `role.headcount: 4`, `role.cost: 90 CNY/h` and `arrivals: ...`.
    fn read_scenario(&mut self, file: FileId, scenario: &ast::Scenario) -> Scenario {
        let mut result = Scenario {
            id: scenario.header.id.name.clone(),
            name: scenario.header.label.as_ref().map(|label| label.value.clone()),
            origin: Some(Origin {
                file,
                span: scenario.span.clone(),
                id_span: scenario.header.id.span.clone(),
            }),
            ..Scenario::default()
        };
        let attrs = scenario.block.as_ref().map(|block| block.attrs.as_slice()).unwrap_or(&[]);
        for attr in attrs {
            let segments: Vec<&str> = attr.key.segments.iter().map(|s| s.name.as_str()).collect();
            match segments.as_slice() {
                ["arrivals"] => result.arrivals = self.reader(file).distribution(attr),
                [role, field @ ("headcount" | "cost")] => {
                    let Some(role_id) = self.resolve_role(file, role, &attr.key.segments[0].span) else {
                        continue;
                    };
                    if *field == "headcount" {
                        if let Some(count) = self.reader(file).count(attr) {
                            result.headcount.push((role_id, count.min(u64::from(u32::MAX)) as u32));
                        }
                    } else if let Some(money) = self.reader(file).money(attr, true) {
                        result.cost_per_hour.push((role_id, money));
                    }
                }
                _ => {
                    let key = attr.key.text();
                    self.reader(file).unknown_attribute(
                        attr,
                        &key,
                        &["arrivals", "ROLE.headcount", "ROLE.cost"],
                        "a scenario",
                    );
                }
            }
        }
        result
    }
}

/// Returns the span of a file's top-level flows and key statements, which
/// form its implicit short-form process, if the file has any.
fn short_form_span(ast: &ast::File) -> Option<Span> {
    let mut spans = ast
        .items
        .iter()
        .filter(|item| matches!(item, Item::Flow(_) | Item::Key(_)))
        .map(|item| item.span().clone());
    let first = spans.next()?;
    let last = spans.next_back().unwrap_or_else(|| first.clone());
    Some(first.start..last.end)
}

/// Returns the id of a file's implicit process: the file name without its
/// extension, made into an identifier.
fn implicit_process_id(file_name: &str) -> String {
    let stem = std::path::Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("main");
    let id: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if id.is_empty() || id == "<stdin>" || id.chars().all(|c| c == '_') { "main".to_string() } else { id }
}

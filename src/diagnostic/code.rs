//! The catalogue of diagnostic codes. A code never changes meaning once
//! published: tools match on it in `--format json` output.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// Returns the code as printed, such as `E304`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Returns the severity the code has unless warnings are denied.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// Returns one line on what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    // Input and syntax.
    Syntax = "E001", Error, "the text does not follow the reflow grammar";
    TooDeep = "E002", Error, "brackets nested deeper than the parser accepts";
    NotText = "E003", Error, "the file is not UTF-8 text";
    TooLarge = "E004", Error, "the file is larger than the parser accepts";
    EmptyModel = "E005", Error, "the model declares nothing";
    InvalidEscape = "E006", Error, "a string contains an unknown escape sequence";
    FormatterBug = "E007", Error, "the formatter produced text that does not match its input, so nothing was written";

    // Files and imports.
    ImportNotFound = "E101", Error, "an imported file cannot be read";
    ImportCycle = "E102", Error, "files import each other in a cycle";

    // Names and attributes.
    DuplicateId = "E201", Error, "two declarations share one id";
    UndeclaredStep = "E202", Error, "a flow or key statement names a step that is not declared";
    UnknownRole = "E203", Error, "a role is referenced but not declared";
    UnknownDepartment = "E204", Error, "a department is referenced but not declared";
    UnknownProcess = "E205", Error, "a process is referenced but not declared";
    UnknownDocument = "E206", Error, "a task reads or writes a document or store that is not declared";
    SimilarStepNames = "W207", Warning, "a short-form step is named once and nearly matches another step";
    UnknownAttribute = "E208", Error, "an attribute is not valid on this declaration";
    InvalidValue = "E209", Error, "an attribute value has the wrong form";
    DuplicateAttribute = "E210", Error, "an attribute is given twice";

    // Process structure.
    MissingStart = "E301", Error, "a process has no start event";
    SeveralStarts = "E302", Error, "a process has more than one start event";
    MissingEnd = "E303", Error, "a process has no end event";
    Unreachable = "E304", Error, "a step cannot be reached from the start";
    DeadEnd = "E305", Error, "a step that is not an end has no outgoing flow";
    NoPathToEnd = "E306", Error, "no path leads from a step to an end: a loop with no exit";
    TooFewBranches = "E307", Error, "a decision has fewer than two outgoing flows";
    UnlabelledBranch = "W308", Warning, "a branch of a decision has no label";
    ProbabilitySum = "E309", Error, "branch probabilities are missing or do not sum to 100%";
    SelfLoop = "E310", Error, "a flow leads from a step back to itself";
    DuplicateFlow = "W311", Warning, "the same flow is written twice";
    FlowIntoStart = "E312", Error, "a flow enters a start event or leaves an end event";
    FlowOnArtifact = "E313", Error, "a flow touches a document, data store or note";
    UnnamedStep = "W314", Warning, "a step has no label";
    DuplicateStepName = "W315", Warning, "two steps in one process have the same label";
    ImplicitSplit = "W316", Warning, "a task with several outgoing flows starts them all in parallel";
    GatewayShape = "W317", Warning, "a gateway both joins and splits, or has one way in and one way out";
    StrayProbability = "W318", Warning, "a probability is given on a flow that does not leave a decision";

    // Roles and organisation.
    TaskWithoutRole = "E401", Error, "a task has no performing role";
    UnusedRole = "W402", Warning, "a role declared beside processes is used by none of them";
    ReportsToCycle = "E403", Error, "roles report to each other in a cycle";
    NoPeople = "W404", Warning, "a role has a headcount of zero";
    NoWorkingHours = "W405", Warning, "a role's working hours contain no time";
    DutyWeights = "W406", Warning, "a role's declared duty weights do not sum to 100%";

    // Values.
    InvalidDistribution = "E501", Error, "a distribution is unknown or has invalid parameters";
    NegativeDurations = "W502", Warning, "a distribution gives negative durations with a noticeable probability";
    InvalidPercentage = "E503", Error, "a percentage lies outside 0–100%";

    // Calls between processes.
    RecursiveCall = "E601", Error, "processes call each other in a cycle";

    // Process analysis: key nodes, soundness and static load.
    KeyNodeBypassed = "W701", Warning, "a key node can be bypassed: some case finishes without passing it";
    Deadlock = "E702", Error, "a case can reach a state from which it can never finish";
    LackOfSynchronisation = "E703", Error, "parallel branches meet without synchronisation, so later steps run more than once";
    UnpairedGateways = "W704", Warning, "a split is closed by a join of another kind";
    InclusiveJoinOverExclusive = "W705", Warning, "an inclusive join closes branches of which only one ever runs";
    CertainRework = "E706", Error, "every exit of a loop has probability 0, so the case never leaves it";
    ImproperCompletion = "W707", Warning, "an end is reached while other branches of the case still run";
    DeadStep = "E708", Error, "a step can never run in any case";
    UnboundedTokens = "E709", Error, "a loop starts parallel work without bound";
    ExplorationBound = "W710", Warning, "the soundness exploration stopped at its bound before covering every state";
    RoleOverloaded = "W711", Warning, "a role's static load is 100% or more before any queueing";

    // Simulation: settings and runs that cannot go ahead.
    SimulationSettings = "E801", Error, "the simulation settings are missing or invalid";
    MissingDuration = "E802", Error, "a simulated task or wait has no duration";
    MissingProbability = "E803", Error, "a branch of a simulated decision or inclusive split has no probability";
    NoCapacity = "E804", Error, "a role that performs simulated tasks has no people or no working time";
    UnpairedInclusiveJoin = "E805", Error, "no inclusive split has branches that all reach this inclusive join";
    MixedCurrencies = "E806", Error, "simulated costs are given in more than one currency";
    RunawayCase = "E807", Error, "a simulated case passed through more steps than `max_events` allows";
    StuckCases = "E808", Error, "simulated cases can never finish";
    TooManySteps = "E809", Error, "expanding sub-process calls gives more steps than the simulator accepts";
}

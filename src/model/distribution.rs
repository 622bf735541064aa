//! Probability distributions of durations.

/// A distribution of a duration. Every time parameter is in minutes.
#[derive(Debug, Clone, PartialEq)]
pub enum Distribution {
    Fixed(f64),
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// Truncated at zero when sampled.
    Normal {
        mean: f64,
        sd: f64,
    },
    /// Given by the mean and standard deviation of the variable itself, not
    /// of the underlying normal.
    LogNormal {
        mean: f64,
        sd: f64,
    },
    Exponential {
        mean: f64,
    },
    Gamma {
        shape: f64,
        scale: f64,
    },
    /// Values with weights summing to 1.
    Empirical(Vec<(f64, f64)>),
}

impl Distribution {
    /// Returns the expected value in minutes.
    pub fn mean(&self) -> f64 {
        match self {
            Distribution::Fixed(value) => *value,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Distribution::Normal { mean, .. } | Distribution::LogNormal { mean, .. } => *mean,
            Distribution::Exponential { mean } => *mean,
            Distribution::Gamma { shape, scale } => shape * scale,
            Distribution::Empirical(points) => points.iter().map(|(value, weight)| value * weight).sum(),
        }
    }

    /// The names accepted in the language, for "did you mean".
    pub const NAMES: &'static [&'static str] = &[
        "fixed",
        "uniform",
        "triangular",
        "normal",
        "lognormal",
        "exponential",
        "gamma",
        "erlang",
        "empirical",
    ];
}

use super::values::Reader;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::syntax::ast::{Call, Scalar, Value};

/// One argument of a distribution call, as read.
enum Arg {
    Minutes(f64),
    Number(f64),
    Weighted(f64, f64),
    Other,
}

fn arg(value: &Value) -> Arg {
    let Value::Phrase(phrase) = value else { return Arg::Other };
    match phrase.scalars.as_slice() {
        [Scalar::Duration(duration)] => Arg::Minutes(duration.minutes()),
        [Scalar::Number(number)] => Arg::Number(number.value),
        [Scalar::Duration(duration), Scalar::Percent(weight)] => {
            Arg::Weighted(duration.minutes(), weight.fraction())
        }
        _ => Arg::Other,
    }
}

/// Reads a distribution call such as `triangular(2m, 4m, 8m)` and checks
/// its parameters.
pub(super) fn read(reader: &mut Reader<'_>, call: &Call) -> Option<Distribution> {
    let name = call.name.name.as_str();
    let args: Vec<Arg> = call.args.iter().map(arg).collect();
    let file = reader.file;
    let invalid = |message: String, help: &str| {
        Diagnostic::new(Code::InvalidDistribution, file, call.span.clone(), message)
            .with_label("invalid distribution")
            .with_help(help.to_string())
    };

    let minutes: Vec<f64> =
        args.iter().filter_map(|a| if let Arg::Minutes(m) = a { Some(*m) } else { None }).collect();
    let all_minutes = minutes.len() == args.len();
    let result = match (name, args.as_slice()) {
        ("fixed", [Arg::Minutes(value)]) => Ok(Distribution::Fixed(*value)),
        ("uniform", [Arg::Minutes(min), Arg::Minutes(max)]) if min <= max => {
            Ok(Distribution::Uniform { min: *min, max: *max })
        }
        ("uniform", [Arg::Minutes(_), Arg::Minutes(_)]) => {
            Err(("`uniform(min, max)` needs min ≤ max".to_string(), "try swapping the two values"))
        }
        ("triangular", [Arg::Minutes(min), Arg::Minutes(mode), Arg::Minutes(max)])
            if min <= mode && mode <= max =>
        {
            Ok(Distribution::Triangular { min: *min, mode: *mode, max: *max })
        }
        ("triangular", [_, _, _]) if all_minutes => Err((
            "`triangular(min, mode, max)` needs min ≤ mode ≤ max".to_string(),
            "the mode, the most likely value, goes in the middle: try `triangular(2m, 4m, 8m)`",
        )),
        ("normal", [Arg::Minutes(mean), Arg::Minutes(sd)]) => {
            Ok(Distribution::Normal { mean: *mean, sd: *sd })
        }
        ("lognormal", [Arg::Minutes(mean), Arg::Minutes(sd)]) if *mean > 0.0 => {
            Ok(Distribution::LogNormal { mean: *mean, sd: *sd })
        }
        ("lognormal", [Arg::Minutes(_), Arg::Minutes(_)]) => Err((
            "`lognormal(mean, sd)` needs a mean above zero".to_string(),
            "try a positive mean such as `lognormal(8m, 4m)`",
        )),
        ("exponential", [Arg::Minutes(mean)]) if *mean > 0.0 => Ok(Distribution::Exponential { mean: *mean }),
        ("exponential", [Arg::Minutes(_)]) => {
            Err(("`exponential(mean)` needs a mean above zero".to_string(), "try `exponential(20m)`"))
        }
        ("gamma", [Arg::Number(shape), Arg::Minutes(scale)]) if *shape > 0.0 && *scale > 0.0 => {
            Ok(Distribution::Gamma { shape: *shape, scale: *scale })
        }
        ("erlang", [Arg::Number(k), Arg::Minutes(scale)])
            if *k >= 1.0 && k.fract() == 0.0 && *scale > 0.0 =>
        {
            Ok(Distribution::Gamma { shape: *k, scale: *scale })
        }
        ("gamma" | "erlang", [Arg::Number(_), Arg::Minutes(_)]) => Err((
            format!("`{name}(shape, scale)` needs a positive shape and scale"),
            "the shape is a plain number (a whole number for erlang) and the scale a duration: try `gamma(2, 5m)`",
        )),
        ("empirical", _) => empirical(&call.args),
        (known, _) if Distribution::NAMES.contains(&known) => {
            Err((format!("wrong parameters for `{known}`"), signature(known)))
        }
        (unknown, _) => {
            let help = match did_you_mean(unknown, Distribution::NAMES.iter().copied()) {
                Some(name) => format!("did you mean `{name}`?"),
                None => format!("the distributions are {}", Distribution::NAMES.join(", ")),
            };
            reader.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidDistribution,
                    reader.file,
                    call.name.span.clone(),
                    format!("unknown distribution `{unknown}`"),
                )
                .with_label("not a distribution")
                .with_help(help),
            );
            return None;
        }
    };

    match result {
        Ok(distribution) => {
            warn_negative(reader, call, &distribution);
            Some(distribution)
        }
        Err((message, help)) => {
            reader.diagnostics.push(invalid(message, help));
            None
        }
    }
}

/// `empirical([5m, 10m])` with equal weights or `empirical(5m 20%, 10m 80%)`.
fn empirical(args: &[Value]) -> Result<Distribution, (String, &'static str)> {
    let help = "try `empirical([5m, 10m, 12m])` or `empirical(5m 20%, 10m 80%)`";
    let values: Vec<Arg> = match args {
        [Value::List(list)] => list.items.iter().map(arg).collect(),
        _ => args.iter().map(arg).collect(),
    };
    if values.is_empty() {
        return Err(("`empirical` needs at least one value".to_string(), help));
    }

    let equal = 1.0 / values.len() as f64;
    let mut points = Vec::new();
    for value in &values {
        match value {
            Arg::Minutes(minutes) => points.push((*minutes, equal)),
            Arg::Weighted(minutes, weight) => points.push((*minutes, *weight)),
            _ => {
                return Err(("`empirical` takes durations, optionally each with a weight".to_string(), help));
            }
        }
    }
    let weighted = values.iter().filter(|v| matches!(v, Arg::Weighted(..))).count();
    if weighted != 0 && weighted != values.len() {
        return Err(("give a weight to every value of `empirical`, or to none".to_string(), help));
    }
    let total: f64 = points.iter().map(|(_, weight)| weight).sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err((
            format!("the weights of `empirical` sum to {}%, not 100%", crate::check::format_percent(total)),
            help,
        ));
    }
    Ok(Distribution::Empirical(points))
}

fn signature(name: &str) -> &'static str {
    match name {
        "fixed" => "write `fixed(10m)`",
        "uniform" => "write `uniform(min, max)`, such as `uniform(5m, 15m)`",
        "triangular" => "write `triangular(min, mode, max)`, such as `triangular(2m, 4m, 8m)`",
        "normal" => "write `normal(mean, sd)`, such as `normal(10m, 2m)`",
        "lognormal" => "write `lognormal(mean, sd)`, such as `lognormal(8m, 4m)`",
        "exponential" => "write `exponential(mean)`, such as `exponential(20m)`",
        "gamma" => "write `gamma(shape, scale)`, such as `gamma(2, 5m)`",
        "erlang" => "write `erlang(k, scale)`, such as `erlang(3, 5m)`",
        _ => "durations carry a unit: s, m, h, d or w",
    }
}

/// Warns about a normal distribution whose mean is less than 2.33 standard
/// deviations above zero, because it gives a negative value more than 1% of
/// the time. The simulator truncates those at zero, which shifts the mean.
fn warn_negative(reader: &mut Reader<'_>, call: &Call, distribution: &Distribution) {
    if let Distribution::Normal { mean, sd } = *distribution {
        if sd > 0.0 && mean < 2.326 * sd {
            reader.diagnostics.push(
                Diagnostic::new(
                    Code::NegativeDurations,
                    reader.file,
                    call.span.clone(),
                    "this normal distribution gives negative durations more than 1% of the time",
                )
                .with_label("mean less than 2.33 standard deviations above zero")
                .with_help("negative samples are cut to zero, which raises the mean; try `lognormal(mean, sd)` or `gamma`"),
            );
        }
    }
}

//! Sampling durations from the model's distributions with `rand_distr`.

use rand::distr::Uniform;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, RngExt};
use rand_distr::{Distribution as _, Exp, Gamma, LogNormal, Normal, Triangular};

use crate::model::Distribution;

/// A distribution ready to sample, in minutes.
#[derive(Debug, Clone)]
pub enum Sampler {
    Fixed(f64),
    Uniform(Uniform<f64>),
    Triangular(Triangular<f64>),
    /// Truncated at zero: a negative draw becomes 0.
    Normal(Normal<f64>),
    LogNormal(LogNormal<f64>),
    Exponential(Exp<f64>),
    Gamma(Gamma<f64>),
    Empirical {
        values: Vec<f64>,
        index: WeightedIndex<f64>,
    },
}

impl Sampler {
    /// Prepares a distribution for sampling. Returns a message when its
    /// parameters cannot be sampled, such as a negative standard deviation.
    pub fn new(distribution: &Distribution) -> Result<Sampler, String> {
        let sampler = match *distribution {
            Distribution::Fixed(value) => Sampler::Fixed(value.max(0.0)),
            Distribution::Uniform { min, max } if min == max => Sampler::Fixed(min),
            Distribution::Uniform { min, max } => Sampler::Uniform(
                Uniform::new_inclusive(min, max).map_err(|error| format!("invalid uniform: {error}"))?,
            ),
            Distribution::Triangular { min, mode, max } => Sampler::Triangular(
                // rand_distr takes the mode last.
                Triangular::new(min, max, mode).map_err(|error| format!("invalid triangular: {error}"))?,
            ),
            Distribution::Normal { mean, sd: 0.0 } => Sampler::Fixed(mean.max(0.0)),
            Distribution::Normal { mean, sd } => {
                Sampler::Normal(Normal::new(mean, sd).map_err(|error| format!("invalid normal: {error}"))?)
            }
            Distribution::LogNormal { mean, sd: 0.0 } => Sampler::Fixed(mean),
            Distribution::LogNormal { mean, sd } => Sampler::LogNormal(
                // The model gives the mean and sd of the variable itself;
                // `from_mean_cv` derives the parameters of the underlying normal.
                LogNormal::from_mean_cv(mean, sd / mean)
                    .map_err(|error| format!("invalid lognormal: {error}"))?,
            ),
            Distribution::Exponential { mean } => Sampler::Exponential(
                Exp::new(1.0 / mean).map_err(|error| format!("invalid exponential: {error}"))?,
            ),
            Distribution::Gamma { shape, scale } => {
                Sampler::Gamma(Gamma::new(shape, scale).map_err(|error| format!("invalid gamma: {error}"))?)
            }
            Distribution::Empirical(ref points) => empirical(points)?,
        };
        Ok(sampler)
    }

    /// Draws one duration in minutes, never negative.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Fixed(value) => *value,
            Sampler::Uniform(uniform) => rng.sample(uniform),
            Sampler::Triangular(triangular) => triangular.sample(rng),
            Sampler::Normal(normal) => normal.sample(rng).max(0.0),
            Sampler::LogNormal(lognormal) => lognormal.sample(rng),
            Sampler::Exponential(exp) => exp.sample(rng),
            Sampler::Gamma(gamma) => gamma.sample(rng),
            Sampler::Empirical { values, index } => values[index.sample(rng)],
        }
    }
}

fn empirical(points: &[(f64, f64)]) -> Result<Sampler, String> {
    let values = points.iter().map(|&(value, _)| value.max(0.0)).collect();
    let index = WeightedIndex::new(points.iter().map(|&(_, weight)| weight))
        .map_err(|error| format!("invalid empirical weights: {error}"))?;
    Ok(Sampler::Empirical { values, index })
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    use super::*;

    /// Sample mean and standard deviation of `n` draws.
    fn moments(distribution: &Distribution, n: usize) -> (f64, f64) {
        let sampler = Sampler::new(distribution).expect("valid distribution");
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let draws: Vec<f64> = (0..n).map(|_| sampler.sample(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let variance = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        (mean, variance.sqrt())
    }

    #[test]
    fn sample_means_match_distributions() {
        let cases = [
            (Distribution::Fixed(3.0), 3.0, 0.0),
            (Distribution::Uniform { min: 5.0, max: 15.0 }, 10.0, 10.0 / 12f64.sqrt()),
            (Distribution::Triangular { min: 2.0, mode: 4.0, max: 8.0 }, 14.0 / 3.0, (28.0f64 / 18.0).sqrt()),
            (Distribution::Normal { mean: 10.0, sd: 2.0 }, 10.0, 2.0),
            (Distribution::LogNormal { mean: 8.0, sd: 4.0 }, 8.0, 4.0),
            (Distribution::Exponential { mean: 20.0 }, 20.0, 20.0),
            (Distribution::Gamma { shape: 3.0, scale: 5.0 }, 15.0, 75f64.sqrt()),
            (Distribution::Empirical(vec![(5.0, 0.2), (10.0, 0.8)]), 9.0, 2.0),
        ];
        let n = 200_000;
        for (distribution, mean, sd) in cases {
            let (sample_mean, sample_sd) = moments(&distribution, n);
            let tolerance = 5.0 * sd / (n as f64).sqrt() + 1e-12;
            assert!((sample_mean - mean).abs() <= tolerance, "{distribution:?}: mean {sample_mean}");
            assert!((sample_sd - sd).abs() <= 0.02 * sd + 1e-12, "{distribution:?}: sd {sample_sd}");
        }
    }

    #[test]
    fn triangular_mode_is_not_swapped() {
        // With the mode passed as the max by mistake the mean would be 6.
        let (mean, _) = moments(&Distribution::Triangular { min: 2.0, mode: 8.0, max: 8.0 }, 100_000);
        assert!((mean - 6.0).abs() < 0.05, "mean {mean}");
    }

    #[test]
    fn normal_is_truncated_at_zero() {
        let sampler = Sampler::new(&Distribution::Normal { mean: 1.0, sd: 5.0 }).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        assert!((0..10_000).all(|_| sampler.sample(&mut rng) >= 0.0));
    }
}

//! Statistics over replications: means, standard deviations and 95%
//! confidence intervals from Student's t distribution, and nearest-rank
//! quantiles.

/// The mean of a KPI over replications with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Estimate {
    pub mean: f64,
    /// Sample standard deviation between replications; 0 for one replication.
    pub sd: f64,
    /// Half-width of the 95% confidence interval of the mean; `None` for
    /// one replication, where it is undefined.
    pub half_width: Option<f64>,
    pub replications: usize,
}

impl Estimate {
    /// Estimates the mean of independent observations.
    pub fn of(values: &[f64]) -> Estimate {
        let n = values.len();
        if n == 0 {
            return Estimate { mean: f64::NAN, sd: f64::NAN, half_width: None, replications: 0 };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Estimate { mean, sd: 0.0, half_width: None, replications: 1 };
        }
        let variance = values.iter().map(|value| (value - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let sd = variance.sqrt();
        let half_width = t_975(n - 1) * sd / (n as f64).sqrt();
        Estimate { mean, sd, half_width: Some(half_width), replications: n }
    }

    /// Returns the lower and upper bounds of the confidence interval.
    pub fn interval(&self) -> Option<(f64, f64)> {
        self.half_width.map(|half| (self.mean - half, self.mean + half))
    }
}

/// Two-sided 95% critical values of Student's t for 1 to 30 degrees of
/// freedom (the 0.975 quantile), from standard tables.
const T_975: [f64; 30] = [
    12.706_204_7,
    4.302_652_7,
    3.182_446_3,
    2.776_445_1,
    2.570_581_8,
    2.446_911_9,
    2.364_624_3,
    2.306_004_1,
    2.262_157_2,
    2.228_138_9,
    2.200_985_2,
    2.178_812_8,
    2.160_368_7,
    2.144_786_7,
    2.131_449_5,
    2.119_905_3,
    2.109_815_6,
    2.100_922_0,
    2.093_024_1,
    2.085_963_4,
    2.079_613_8,
    2.073_873_1,
    2.068_657_6,
    2.063_898_6,
    2.059_538_6,
    2.055_529_4,
    2.051_830_5,
    2.048_407_1,
    2.045_229_6,
    2.042_272_5,
];

/// Returns the 0.975 quantile of Student's t with `df` degrees of freedom:
/// the table up to 30, then the Cornish-Fisher expansion around the normal
/// quantile, which is within 2e-6 of the exact value from 31 on.
pub fn t_975(df: usize) -> f64 {
    if df == 0 {
        return f64::NAN;
    }
    if df <= T_975.len() {
        return T_975[df - 1];
    }
    let z: f64 = 1.959_963_984_540_054;
    let n = df as f64;
    let g1 = (z.powi(3) + z) / 4.0;
    let g2 = (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0;
    let g3 = (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / 384.0;
    z + g1 / n + g2 / n.powi(2) + g3 / n.powi(3)
}

/// Returns the nearest-rank quantile of sorted values, the value at index
/// `ceil(p * n) - 1`, or NaN for no values.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.saturating_sub(1).min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantile_table_and_expansion() {
        assert_eq!(t_975(1), 12.706_204_7);
        assert_eq!(t_975(30), 2.042_272_5);

        // Exact values: 2.0395134 for 31, 2.0210754 for 40, 2.0085591 for 50,
        // 1.9839715 for 100.
        assert!((t_975(31) - 2.039_513_4).abs() < 2e-6);
        assert!((t_975(40) - 2.021_075_4).abs() < 1e-5);
        assert!((t_975(50) - 2.008_559_1).abs() < 1e-5);
        assert!((t_975(100) - 1.983_971_5).abs() < 1e-5);
    }

    #[test]
    fn estimate_of_known_values() {
        let estimate = Estimate::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(estimate.mean, 3.0);
        assert!((estimate.sd - 2.5f64.sqrt()).abs() < 1e-12);

        // t(4) = 2.776445 times sd / sqrt(5).
        let expected = 2.776_445_1 * 2.5f64.sqrt() / 5f64.sqrt();
        assert!((estimate.half_width.unwrap() - expected).abs() < 1e-9);
    }

    #[test]
    fn estimate_of_one_value() {
        let estimate = Estimate::of(&[7.0]);
        assert_eq!(estimate.mean, 7.0);
        assert_eq!(estimate.half_width, None);
    }

    #[test]
    fn nearest_rank_quantiles() {
        let sorted: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile(&sorted, 0.5), 5.0);
        assert_eq!(quantile(&sorted, 0.9), 9.0);
        assert_eq!(quantile(&sorted, 0.95), 10.0);
        assert_eq!(quantile(&sorted, 0.0), 1.0);
        assert_eq!(quantile(&sorted, 1.0), 10.0);
        assert!(quantile(&[], 0.5).is_nan());
    }
}

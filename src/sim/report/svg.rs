//! Inline SVG charts for the HTML report: histograms and horizontal bars.
//! Coordinates have one decimal and every text is escaped, so the same data
//! always gives the same bytes and no label can inject markup.

use std::fmt::Write;

use super::format_magnitude;
use crate::sim::statistics::quantile;

const WIDTH: f64 = 720.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;
const HISTOGRAM_HEIGHT: f64 = 260.0;
const BINS: usize = 40;

/// Series colours, colour-blind safe (Okabe-Ito blue and vermillion).
pub const COLORS: [&str; 2] = ["#0072B2", "#D55E00"];

/// Escapes text for HTML and SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A named set of sorted values to draw in one colour.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: &'a [f64],
}

/// Draws histograms of sorted values on shared bins from 0 to the highest
/// p99 of the series, so that a long tail does not squash the chart. The
/// last bin also counts every value beyond, and heights are shares of each
/// series.
pub fn histogram(series: &[Series<'_>], x_label: &str) -> String {
    let upper = series.iter().map(|s| quantile(s.values, 0.99)).filter(|v| v.is_finite()).fold(0.0, f64::max);
    let upper = if upper > 0.0 { upper } else { 1.0 };
    let bin_width = upper / BINS as f64;
    let shares: Vec<Vec<f64>> = series.iter().map(|s| bin_shares(s.values, bin_width)).collect();
    let peak = shares.iter().flatten().copied().fold(0.0, f64::max).max(1e-9);

    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HISTOGRAM_HEIGHT - TOP - BOTTOM;
    let mut svg = open_svg(HISTOGRAM_HEIGHT, &format!("histogram of {x_label}"));
    for (index, bins) in shares.iter().enumerate() {
        let color = COLORS[index % COLORS.len()];
        for (bin, share) in bins.iter().enumerate() {
            let height = share / peak * plot_height;
            let x = LEFT + bin as f64 * plot_width / BINS as f64;
            let y = TOP + plot_height - height;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{height:.1}" fill="{color}" fill-opacity="0.6"/>"#,
                plot_width / BINS as f64 - 1.0
            );
        }
    }
    axes(&mut svg, plot_width, plot_height);
    for tick in 0..=4 {
        let value = upper * f64::from(tick) / 4.0;
        let x = LEFT + plot_width * f64::from(tick) / 4.0;
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            TOP + plot_height + 16.0,
            format_magnitude(value)
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        LEFT + plot_width / 2.0,
        HISTOGRAM_HEIGHT - 6.0,
        escape(x_label)
    );
    let _ = write!(
        svg,
        r#"<text x="{LEFT:.1}" y="{:.1}">highest bar: {:.1}% of cases</text>"#,
        TOP - 10.0,
        peak * 100.0
    );
    legend(&mut svg, series.iter().map(|s| s.name));
    svg.push_str("</svg>");
    svg
}

fn bin_shares(values: &[f64], bin_width: f64) -> Vec<f64> {
    let mut counts = vec![0usize; BINS];
    for &value in values {
        let bin = ((value / bin_width) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    let total = values.len().max(1) as f64;
    counts.into_iter().map(|count| count as f64 / total).collect()
}

/// Draws horizontal bars: one group per category, one bar per series.
/// `format` writes the value at the end of each bar.
pub fn bars(
    categories: &[String],
    series: &[(&str, Vec<f64>)],
    format: &dyn Fn(f64) -> String,
    title: &str,
) -> String {
    let bar_height = 16.0;
    let group_height = bar_height * series.len() as f64 + 10.0;
    let label_width = 200.0;
    let height = TOP + group_height * categories.len() as f64 + 10.0;
    let peak = series
        .iter()
        .flat_map(|(_, values)| values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        .max(1e-9);
    let plot_width = WIDTH - label_width - 80.0;

    let mut svg = open_svg(height, title);
    for (row, category) in categories.iter().enumerate() {
        let group_top = TOP + row as f64 * group_height;
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_width - 8.0,
            group_top + group_height / 2.0,
            escape(category)
        );
        for (index, (_, values)) in series.iter().enumerate() {
            let value = values.get(row).copied().unwrap_or(f64::NAN);
            let y = group_top + index as f64 * bar_height;
            let width = if value.is_finite() { (value / peak * plot_width).max(0.0) } else { 0.0 };
            let color = COLORS[index % COLORS.len()];
            let _ = write!(
                svg,
                r#"<rect x="{label_width:.1}" y="{y:.1}" width="{width:.1}" height="{:.1}" fill="{color}"/>"#,
                bar_height - 2.0
            );
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
                label_width + width + 4.0,
                y + bar_height - 5.0,
                escape(&format(value))
            );
        }
    }
    legend(&mut svg, series.iter().map(|(name, _)| *name));
    svg.push_str("</svg>");
    svg
}

fn open_svg(height: f64, title: &str) -> String {
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0} {height:.0}" "#,
            r#"width="{WIDTH:.0}" height="{height:.0}" role="img" font-family="sans-serif" font-size="11">"#,
            "<title>{title}</title>"
        ),
        WIDTH = WIDTH,
        height = height,
        title = escape(title)
    )
}

fn axes(svg: &mut String, plot_width: f64, plot_height: f64) {
    let bottom = TOP + plot_height;
    let _ = write!(
        svg,
        r##"<line x1="{LEFT:.1}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="#333"/>"##,
        LEFT + plot_width
    );
    let _ = write!(
        svg,
        r##"<line x1="{LEFT:.1}" y1="{TOP:.1}" x2="{LEFT:.1}" y2="{bottom:.1}" stroke="#333"/>"##
    );
}

fn legend<'a>(svg: &mut String, names: impl Iterator<Item = &'a str>) {
    for (index, name) in names.enumerate() {
        let x = WIDTH - RIGHT - 200.0 + index as f64 * 100.0;
        let color = COLORS[index % COLORS.len()];
        let _ = write!(svg, r#"<rect x="{x:.1}" y="8" width="10" height="10" fill="{color}"/>"#);
        let _ = write!(svg, r#"<text x="{:.1}" y="17">{}</text>"#, x + 14.0, escape(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_markup() {
        assert_eq!(escape(r#"<b>"A&B"</b>'"#), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;");
    }

    #[test]
    fn histogram_shares_sum_to_one() {
        let values: Vec<f64> = (0..1000).map(f64::from).collect();
        let shares = bin_shares(&values, 10.0);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(shares.len(), BINS);
    }

    #[test]
    fn chart_text_is_escaped() {
        let svg = bars(&["<script>".to_string()], &[("a&b", vec![1.0])], &|v| format!("{v}"), "t");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("a&amp;b"));
    }
}

//! Sparse linear systems `x = b + A x` with non-negative `A`, the form of
//! every expectation over an absorbing Markov chain: expected visits, and
//! expected times to finish.
//!
//! The unknowns are solved one strongly connected component at a time, in
//! dependency order, so an acyclic process costs one pass and each loop is
//! solved on its own. A component whose loop never exits (the spectral
//! radius of its block is 1 or more) has no finite solution: its unknowns,
//! and those that depend on them, are infinite.

use petgraph::graph::{DiGraph, NodeIndex};

/// Components up to this size are solved exactly by Gaussian elimination;
/// larger ones by Gauss–Seidel iteration, to keep the cost near linear.
const DENSE_LIMIT: usize = 400;
/// Gauss–Seidel stops when no unknown moves by more than this, relative.
const TOLERANCE: f64 = 1e-13;
const MAX_SWEEPS: usize = 100_000;
/// Pivots smaller than this make a block singular.
const SINGULAR: f64 = 1e-12;

/// The equations `x[i] = constant[i] + Σ weight · x[j]`.
#[derive(Debug, Clone)]
pub struct LinearSystem {
    constants: Vec<f64>,
    terms: Vec<Vec<(usize, f64)>>,
}

/// The solution, with a flag for blocks solved only approximately.
#[derive(Debug, Clone)]
pub struct Solution {
    pub values: Vec<f64>,
    /// True when a large block's iteration stopped before converging.
    pub approximate: bool,
}

impl LinearSystem {
    /// Creates a system of `count` unknowns whose equations are all `x[i] = 0`.
    pub fn new(count: usize) -> Self {
        LinearSystem { constants: vec![0.0; count], terms: vec![Vec::new(); count] }
    }

    pub fn add_constant(&mut self, unknown: usize, value: f64) {
        self.constants[unknown] += value;
    }

    /// Adds `weight · x[other]` to the equation of `x[unknown]`.
    pub fn add_term(&mut self, unknown: usize, other: usize, weight: f64) {
        if weight != 0.0 {
            self.terms[unknown].push((other, weight));
        }
    }

    pub fn solve(&self) -> Solution {
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(self.constants.len(), 0);
        for _ in 0..self.constants.len() {
            graph.add_node(());
        }
        for (unknown, terms) in self.terms.iter().enumerate() {
            for &(other, _) in terms {
                graph.add_edge(NodeIndex::new(unknown), NodeIndex::new(other), ());
            }
        }

        // Kosaraju's order lists a component after every component it depends
        // on, and unlike Tarjan's recursive search it needs no deep stack.
        let mut values = vec![f64::NAN; self.constants.len()];
        let mut local = vec![usize::MAX; self.constants.len()];
        let mut approximate = false;
        for component in petgraph::algo::kosaraju_scc(&graph) {
            let unknowns: Vec<usize> = component.iter().map(|node| node.index()).collect();
            unknowns.iter().enumerate().for_each(|(position, &unknown)| local[unknown] = position);
            approximate |= self.solve_block(&unknowns, &local, &mut values);
            unknowns.iter().for_each(|&unknown| local[unknown] = usize::MAX);
        }
        Solution { values, approximate }
    }

    /// Solves one component given every value it depends on outside it;
    /// `local` maps each unknown of the component to its position in it.
    /// Returns true when the result is approximate.
    fn solve_block(&self, unknowns: &[usize], local: &[usize], values: &mut [f64]) -> bool {
        let inside = |other: usize| local[other] != usize::MAX;
        let right: Vec<f64> = unknowns
            .iter()
            .map(|&unknown| {
                let outside: f64 = self.terms[unknown]
                    .iter()
                    .filter(|&&(other, _)| !inside(other))
                    .map(|&(other, weight)| weight * values[other])
                    .sum();
                self.constants[unknown] + outside
            })
            .collect();

        let cyclic =
            unknowns.len() > 1 || self.terms[unknowns[0]].iter().any(|&(other, _)| other == unknowns[0]);
        if !cyclic {
            values[unknowns[0]] = right[0];
            return false;
        }
        if right.iter().all(|&value| value == 0.0) {
            // Nothing ever enters the loop.
            unknowns.iter().for_each(|&unknown| values[unknown] = 0.0);
            return false;
        }
        if right.iter().any(|value| !value.is_finite()) {
            unknowns.iter().for_each(|&unknown| values[unknown] = f64::INFINITY);
            return false;
        }

        let (solved, approximate) = if unknowns.len() <= DENSE_LIMIT {
            (self.eliminate(unknowns, local, &right), false)
        } else {
            self.iterate(unknowns, local, &right)
        };
        // A non-negative solution exists only for a loop that exits.
        let finite = solved.as_ref().is_some_and(|solved| solved.iter().all(|&value| value >= -1e-9));
        for (position, &unknown) in unknowns.iter().enumerate() {
            values[unknown] = match &solved {
                Some(solved) if finite => solved[position].max(0.0),
                _ => f64::INFINITY,
            };
        }
        approximate
    }

    /// Gaussian elimination with partial pivoting on `(I - A) x = right`.
    fn eliminate(&self, unknowns: &[usize], local: &[usize], right: &[f64]) -> Option<Vec<f64>> {
        let size = unknowns.len();
        let mut matrix = vec![vec![0.0; size + 1]; size];
        for (row, &unknown) in unknowns.iter().enumerate() {
            matrix[row][row] = 1.0;
            matrix[row][size] = right[row];
            for &(other, weight) in &self.terms[unknown] {
                if local[other] != usize::MAX {
                    matrix[row][local[other]] -= weight;
                }
            }
        }

        for column in 0..size {
            let pivot = (column..size)
                .max_by(|&a, &b| matrix[a][column].abs().total_cmp(&matrix[b][column].abs()))?;
            if matrix[pivot][column].abs() < SINGULAR {
                return None;
            }
            matrix.swap(column, pivot);
            let pivot_row = matrix[column].clone();
            for (row, cells) in matrix.iter_mut().enumerate() {
                if row == column || cells[column] == 0.0 {
                    continue;
                }
                let factor = cells[column] / pivot_row[column];
                for (cell, pivot_cell) in cells.iter_mut().zip(&pivot_row).skip(column) {
                    *cell -= factor * pivot_cell;
                }
            }
        }
        Some((0..size).map(|row| matrix[row][size] / matrix[row][row]).collect())
    }

    /// Gauss–Seidel sweeps; converges for a loop that exits, because the
    /// block's spectral radius is then below 1.
    fn iterate(&self, unknowns: &[usize], local: &[usize], right: &[f64]) -> (Option<Vec<f64>>, bool) {
        let mut solution = vec![0.0; unknowns.len()];
        let order = self.sweep_order(unknowns, local);

        for _ in 0..MAX_SWEEPS {
            let mut change: f64 = 0.0;
            for &position in &order {
                let unknown = unknowns[position];
                let inner: f64 = self.terms[unknown]
                    .iter()
                    .filter(|&&(other, _)| local[other] != usize::MAX)
                    .map(|&(other, weight)| weight * solution[local[other]])
                    .sum();
                let next = right[position] + inner;
                if !next.is_finite() || next > 1e15 {
                    return (None, false);
                }
                change = change.max((next - solution[position]).abs() / next.abs().max(1.0));
                solution[position] = next;
            }
            if change < TOLERANCE {
                return (Some(solution), false);
            }
        }
        (Some(solution), true)
    }

    /// Orders a component's unknowns so that each comes after the unknowns
    /// it depends on, except around the loop itself: a depth-first
    /// postorder over dependencies. A sweep in this order carries a change
    /// along a whole chain at once, instead of one step per sweep.
    fn sweep_order(&self, unknowns: &[usize], local: &[usize]) -> Vec<usize> {
        let dependencies = |position: usize| {
            self.terms[unknowns[position]]
                .iter()
                .map(|&(other, _)| local[other])
                .filter(|&inside| inside != usize::MAX)
        };
        let mut order = Vec::with_capacity(unknowns.len());
        let mut seen = vec![false; unknowns.len()];
        for root in 0..unknowns.len() {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            let mut stack = vec![(root, dependencies(root))];
            while let Some((position, next)) = stack.last_mut() {
                match next.find(|&other| !seen[other]) {
                    Some(other) => {
                        seen[other] = true;
                        stack.push((other, dependencies(other)));
                    }
                    None => {
                        order.push(*position);
                        stack.pop();
                    }
                }
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_without_loops() {
        let mut system = LinearSystem::new(3);
        system.add_constant(0, 1.0);
        system.add_term(1, 0, 0.5);
        system.add_term(2, 1, 2.0);
        let solution = system.solve();
        assert_eq!(solution.values, vec![1.0, 0.5, 1.0]);
    }

    #[test]
    fn rework_loop_returning_a_fifth() {
        // x0 = 1 + 0.2 x0: 1.25 visits.
        let mut system = LinearSystem::new(1);
        system.add_constant(0, 1.0);
        system.add_term(0, 0, 0.2);
        let solution = system.solve();
        assert!((solution.values[0] - 1.25).abs() < 1e-12);
    }

    #[test]
    fn loop_that_never_exits_is_infinite() {
        let mut system = LinearSystem::new(3);
        system.add_constant(0, 1.0);
        system.add_term(0, 1, 1.0);
        system.add_term(1, 0, 1.0);
        system.add_term(2, 1, 0.0);
        let solution = system.solve();
        assert!(solution.values[0].is_infinite());
        assert!(solution.values[1].is_infinite());
        assert_eq!(solution.values[2], 0.0);
    }

    #[test]
    fn loop_that_doubles_is_infinite() {
        // x = 1 + 2x has the negative solution -1, which is no expectation.
        let mut system = LinearSystem::new(1);
        system.add_constant(0, 1.0);
        system.add_term(0, 0, 2.0);
        assert!(system.solve().values[0].is_infinite());
    }

    #[test]
    fn deep_chain_solves_without_recursion() {
        // Each unknown depends on the next one, so a search for components
        // from the first goes 200,000 deep, which overflows a test thread's
        // stack when the search is recursive.
        let size = 200_000;
        let mut system = LinearSystem::new(size);
        system.add_constant(size - 1, 1.0);
        for unknown in 0..size - 1 {
            system.add_term(unknown, unknown + 1, 1.0);
        }
        assert_eq!(system.solve().values[0], 1.0);
    }

    #[test]
    fn large_loop_iterates_to_the_exact_value() {
        // A ring of 1000 unknowns that returns to the first with 0.5.
        let size = 1000;
        let mut system = LinearSystem::new(size);
        system.add_constant(0, 1.0);
        for unknown in 1..size {
            system.add_term(unknown, unknown - 1, 1.0);
        }
        system.add_term(0, size - 1, 0.5);
        let solution = system.solve();
        assert!(!solution.approximate);
        assert!((solution.values[0] - 2.0).abs() < 1e-9);
        assert!((solution.values[size - 1] - 2.0).abs() < 1e-9);
    }
}

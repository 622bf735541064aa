fn main() -> std::process::ExitCode {
    reflow::cli::main()
}

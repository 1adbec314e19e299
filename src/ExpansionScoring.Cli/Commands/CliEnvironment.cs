namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// What the tool needs from the machine it runs on, injected so tests can run it in-process: the clock (only for the
/// default <c>--as-of</c>, today in UTC) and whether standard output and error are terminals.
/// </summary>
/// <param name="Time">The clock.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal: the progress bar is shown only then.</param>
/// <param name="OutputIsTerminal">Whether standard output is a terminal: tables are coloured only then.</param>
/// <param name="TerminalWidth">The terminal's width in columns, when known.</param>
internal sealed record CliEnvironment(TimeProvider Time, bool ErrorIsTerminal, bool OutputIsTerminal, int? TerminalWidth)
{
    /// <summary>Gets an environment with the system clock and no terminal, as when output is piped.</summary>
    public static CliEnvironment Redirected { get; } = new(TimeProvider.System, ErrorIsTerminal: false, OutputIsTerminal: false, TerminalWidth: null);

    /// <summary>Gets today's date in UTC from <see cref="Time"/>.</summary>
    public DateOnly TodayUtc => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}

using ExpansionScoring.Windows;
using System.Globalization;

namespace ExpansionScoring.Cli.Reports;

/// <summary>A portfolio and what it was made from, for the table, JSON and HTML writers.</summary>
/// <param name="Portfolio">The book summarised by the core Portfolio API.</param>
/// <param name="Source">What was read: a file name, "standard input" or "demo book".</param>
/// <param name="Model">The ready-made model's name (or "custom (--config)").</param>
/// <param name="Preset">The weight preset's name.</param>
/// <param name="Rows">The data rows read.</param>
/// <param name="Rejected">The rows rejected (listed on standard error).</param>
/// <param name="Board">The interactive board's per-account data (HTML only).</param>
internal sealed record PortfolioReport(Portfolio Portfolio, string Source, string Model, string Preset, long Rows, long Rejected, BoardData? Board = null)
{
    /// <summary>Gets the thin-data warning (<see cref="ThinData"/>), or <see langword="null"/>.</summary>
    public string? ThinDataWarning { get; init; }

    /// <summary>Gets the column the book is grouped by (<c>--group-by</c>), or <see langword="null"/>.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Gets the portfolio of each value of <see cref="GroupBy"/>, in order of value (the blank group last).</summary>
    public IReadOnlyList<(string Value, Portfolio Portfolio)> Groups { get; init; } = [];

    /// <summary>The pitch windows in calendar order, with the words a reader expects.</summary>
    public static IReadOnlyList<(PitchWindow Window, string Label)> Windows { get; } =
        [(PitchWindow.Now, "Now"), (PitchWindow.Next30Days, "30 days"), (PitchWindow.Next60Days, "60 days"), (PitchWindow.Nurture, "Nurture")];

    /// <summary>Gets the reader's words for a pitch window.</summary>
    public static string Label(PitchWindow window) => Windows.FirstOrDefault(w => w.Window == window).Label ?? window.ToString();

    /// <summary>Formats a probability for display: one decimal, truncated, as in the score table.</summary>
    public static string Percent(double probability) => probability.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Formats a score or share (0..100) for display, or an em dash when not applicable.</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "—";

    /// <summary>Gets the bucket of a window, empty when absent.</summary>
    public PortfolioBucket Window(PitchWindow window) => Portfolio.Windows.TryGetValue(window, out var b) ? b : PortfolioBucket.Empty;
}

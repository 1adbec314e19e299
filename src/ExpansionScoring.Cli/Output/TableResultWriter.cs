using ExpansionScoring.Cli.Input;
using ExpansionScoring.Pitch;
using ExpansionScoring.Windows;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ExpansionScoring.Cli.Output;

/// <summary>Creates Spectre.Console consoles over any text writer: colours only on a terminal, a fixed width otherwise.</summary>
internal static class Consoles
{
    public const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer, bool isTerminal, int? width = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width is > 20 ? width.Value : RedirectedWidth;
        return console;
    }

    public static Style BandStyle(string band) => band switch
    {
        "Hot" => new Style(Color.Red, decoration: Decoration.Bold),
        "Warm" => new Style(Color.DarkOrange),
        "Watch" => new Style(Color.Yellow),
        "Cold" => new Style(Color.SteelBlue),
        _ => Style.Plain,
    };
}

/// <summary>
/// <c>--format table</c>: one row per account and the totals per band, for reading on a screen. Unlike the other
/// formats it holds the (small) display rows until the end, so use csv or jsonl for very large books. The totals come
/// from the core <see cref="PortfolioAccumulator"/> every scored account is added to (the whole book, also with
/// <c>--top</c>), not from a second aggregation here.
/// </summary>
internal sealed class TableResultWriter : IResultWriter
{
    private readonly IAnsiConsole console;
    private readonly DateOnly asOf;
    private readonly List<Row> rows = [];
    private readonly bool pitch;

    public TableResultWriter(IAnsiConsole console, ScoringModel model, DateOnly asOf, bool pitch = false)
    {
        this.pitch = pitch;
        this.console = console;
        this.asOf = asOf;
        Totals = new PortfolioAccumulator(model, asOf, new PortfolioOptions { TopN = 0 });
    }

    /// <summary>Gets the accumulator the run adds every scored account to, for the totals per band.</summary>
    public PortfolioAccumulator Totals { get; }

    public bool ListsRejections => false;

    /// <summary>Gets or sets the names of the <c>--keep</c> columns, shown after the account name.</summary>
    public IReadOnlyList<string> KeepNames { get; init; } = [];

    public void WriteAccount(ScoredAccount a) => WriteAccount(a, []);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept) => WriteAccount(a, kept, null);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept, PitchScript? script)
        => rows.Add(new Row(TerminalText.Cell(a.Name), a.Segment.ToString(), a.Arr, a.Probability, TerminalText.Cell(a.Band), TerminalText.Cell(Formatting.Offer(a)), a.Opportunity, a.EffectiveWindow, a.IsOverrideActive(asOf))
        {
            Kept = [.. kept.Select(k => k is null ? null : TerminalText.Cell(k))],
            Pitch = script is null ? null : TerminalText.Neutralise(script.Opening),
        });

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections)
    {
        console.Write(new Text($"{summary.Scored} accounts scored as of {Formatting.Date(summary.AsOf)} with preset {TerminalText.Cell(summary.Preset)}" +
            (summary.Rejected > 0 ? $" ({summary.Rejected} rows rejected)" : string.Empty) + Environment.NewLine));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Account")
            .AddColumn("Segment")
            .AddColumn(new TableColumn("ARR").RightAligned())
            .AddColumn(new TableColumn("Prob.").RightAligned())
            .AddColumn("Band")
            .AddColumn("Offer")
            .AddColumn(new TableColumn("Opportunity").RightAligned())
            .AddColumn("Window");
        foreach (string keep in KeepNames)
        {
            table.AddColumn(keep);
        }

        if (pitch)
        {
            table.AddColumn("Pitch");
        }

        foreach (var r in rows)
        {
            IEnumerable<Text> kept = KeepNames.Select((_, k) => new Text(k < r.Kept.Count ? r.Kept[k] ?? string.Empty : string.Empty));
            table.AddRow([
                new Text(r.Name),
                new Text(r.Segment),
                new Text(Formatting.Money(r.Arr)),
                new Text(Formatting.Probability(r.Probability)),
                new Text(r.Band, Consoles.BandStyle(r.Band)),
                new Text(r.OfferLabel),
                new Text(Formatting.Money(r.Opportunity)),
                new Text(r.Window + (r.Overridden ? " (override)" : string.Empty)),
                .. kept,
                .. pitch ? new[] { new Text(r.Pitch ?? string.Empty) } : []]);
        }

        console.Write(table);
        console.Write(BandTotals(Totals.ToPortfolio()));
    }

    public void Dispose()
    {
    }

    private static Table BandTotals(Portfolio portfolio)
    {
        var totals = new Table().Border(TableBorder.Rounded)
            .AddColumn("Band")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("ARR").RightAligned())
            .AddColumn(new TableColumn("Opportunity").RightAligned());
        foreach (var (band, bucket) in portfolio.Bands)
        {
            totals.AddRow(
                new Text(band, Consoles.BandStyle(band)),
                new Text(bucket.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Formatting.Money(bucket.Arr)),
                new Text(Formatting.Money(bucket.Opportunity)));
        }

        totals.AddRow(
            new IRenderable[]
            {
                new Text("Total", new Style(decoration: Decoration.Bold)),
                new Text(portfolio.AccountCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Formatting.Money(portfolio.Arr)),
                new Text(Formatting.Money(portfolio.Pipeline)),
            });
        return totals;
    }

    private sealed record Row(string Name, string Segment, double Arr, double Probability, string Band, string OfferLabel, double Opportunity, PitchWindow Window, bool Overridden)
    {
        public IReadOnlyList<string?> Kept { get; init; } = [];

        public string? Pitch { get; init; }
    }
}

using ExpansionScoring.Cli.Input;
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
/// formats it holds the (small) display rows until the end, so use csv or jsonl for very large books.
/// </summary>
internal sealed class TableResultWriter : IResultWriter
{
    private readonly IAnsiConsole console;
    private readonly DateOnly asOf;
    private readonly IReadOnlyList<string> bandOrder;
    private readonly List<Row> rows = [];

    public TableResultWriter(IAnsiConsole console, DateOnly asOf, IReadOnlyList<string> bandOrder)
    {
        this.console = console;
        this.asOf = asOf;
        this.bandOrder = bandOrder;
    }

    public bool ListsRejections => false;

    public void WriteAccount(ScoredAccount a)
        => rows.Add(new Row(a.Name, a.Segment.ToString(), a.Arr, a.Probability, a.Band, a.OfferLabel, a.Opportunity, a.EffectiveWindow, a.IsOverrideActive(asOf)));

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections)
    {
        console.Write(new Text($"{summary.Scored} accounts scored as of {Formatting.Date(summary.AsOf)} with preset {summary.Preset}" +
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
        foreach (var r in rows)
        {
            table.AddRow(
                new Text(r.Name),
                new Text(r.Segment),
                new Text(Formatting.Money(r.Arr)),
                new Text(Formatting.Probability(r.Probability)),
                new Text(r.Band, Consoles.BandStyle(r.Band)),
                new Text(r.OfferLabel),
                new Text(Formatting.Money(r.Opportunity)),
                new Text(r.Window + (r.Overridden ? " (override)" : string.Empty)));
        }

        console.Write(table);
        console.Write(BandTotals(rows, bandOrder));
    }

    public void Dispose()
    {
    }

    private static Table BandTotals(List<Row> rows, IReadOnlyList<string> bandOrder)
    {
        var totals = new Table().Border(TableBorder.Rounded)
            .AddColumn("Band")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("ARR").RightAligned())
            .AddColumn(new TableColumn("Opportunity").RightAligned());
        foreach (string band in bandOrder)
        {
            var inBand = rows.Where(r => r.Band == band).ToList();
            totals.AddRow(
                new Text(band, Consoles.BandStyle(band)),
                new Text(inBand.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Formatting.Money(inBand.Sum(r => r.Arr))),
                new Text(Formatting.Money(inBand.Sum(r => r.Opportunity))));
        }

        totals.AddRow(
            new IRenderable[]
            {
                new Text("Total", new Style(decoration: Decoration.Bold)),
                new Text(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Formatting.Money(rows.Sum(r => r.Arr))),
                new Text(Formatting.Money(rows.Sum(r => r.Opportunity))),
            });
        return totals;
    }

    private sealed record Row(string Name, string Segment, double Arr, double Probability, string Band, string OfferLabel, double Opportunity, PitchWindow Window, bool Overridden);
}

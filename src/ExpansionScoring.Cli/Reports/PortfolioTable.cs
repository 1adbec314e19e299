using System.Globalization;
using ExpansionScoring.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ExpansionScoring.Cli.Reports;

/// <summary>The portfolio summary for a screen: headline, totals, per band, per window, top offers, report card.</summary>
internal static class PortfolioTable
{
    public static void Write(IAnsiConsole console, PortfolioReport report)
    {
        var p = report.Portfolio;
        console.Write(new Text(TerminalText.Line(p.Headline) + Environment.NewLine, new Style(decoration: Decoration.Bold)));
        if (report.ThinDataWarning is { } thin)
        {
            console.Write(new Text("Warning: " + thin + Environment.NewLine, new Style(Color.Yellow)));
        }

        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"{p.AccountCount:N0} accounts · {Money.Compact(p.Arr)} ARR · {Money.Compact(p.Pipeline)} pipeline · {TerminalText.Line(report.Source)} as of {Formatting.Date(p.AsOf)} · model {TerminalText.Line(report.Model)}, preset {TerminalText.Line(report.Preset)}") + Environment.NewLine));
        if (p.Gated.Count > 0 || p.OverriddenCount > 0)
        {
            console.Write(new Text(string.Create(CultureInfo.InvariantCulture, $"{p.Gated.Count} gated (not pitched) · {p.OverriddenCount} window overrides") + Environment.NewLine));
        }

        var bands = Buckets("Band");
        foreach (var (name, bucket) in p.Bands)
        {
            AddBucket(bands, new Text(name, Consoles.BandStyle(name)), bucket);
        }

        AddBucket(bands, new Text("Total", new Style(decoration: Decoration.Bold)), new PortfolioBucket { Count = p.AccountCount, Arr = p.Arr, Opportunity = p.Pipeline });
        console.Write(bands);

        var windows = Buckets("Pitch window");
        foreach (var (window, label) in PortfolioReport.Windows)
        {
            AddBucket(windows, new Text(label), report.Window(window));
        }

        console.Write(windows);

        var offers = new Table().Border(TableBorder.Rounded).Title("Top offers")
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("Account")
            .AddColumn("Band")
            .AddColumn(new TableColumn("Prob.").RightAligned())
            .AddColumn("Offer")
            .AddColumn(new TableColumn("Opportunity").RightAligned())
            .AddColumn("Window")
            .AddColumn("Confidence")
            .AddColumn("Why");
        int rank = 0;
        foreach (var o in p.TopOffers)
        {
            offers.AddRow(
                new Text((++rank).ToString(CultureInfo.InvariantCulture)),
                new Text(TerminalText.Cell(o.Name)),
                new Text(o.Band, Consoles.BandStyle(o.Band)),
                new Text(Formatting.Probability(o.Probability)),
                new Text(TerminalText.Cell(o.OfferLabel)),
                new Text(Formatting.Money(o.Opportunity)),
                new Text(PortfolioReport.Label(o.EffectiveWindow)),
                new Text(o.Confidence.ToString()),
                new Text(o.Rationale));
        }

        console.Write(offers);

        var card = p.ReportCard;
        var grades = new Table().Border(TableBorder.Rounded)
            .Title($"Report card: {card.Grade} ({PortfolioReport.Score(card.Score)})")
            .AddColumn("Dimension")
            .AddColumn("Grade")
            .AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn("Detail");
        foreach (var d in card.Dimensions)
        {
            grades.AddRow(new Text(d.Name), new Text(d.Grade, new Style(decoration: Decoration.Bold)), new Text(PortfolioReport.Score(d.Score)), new Text(d.Detail));
        }

        console.Write(grades);
        console.Write(new Text("Advice: " + card.Advice + Environment.NewLine));
        if (report.GroupBy is { } groupBy)
        {
            var groups = new Table().Border(TableBorder.Rounded).Title($"By {groupBy}")
                .AddColumn(groupBy)
                .AddColumn(new TableColumn("Accounts").RightAligned())
                .AddColumn(new TableColumn("ARR").RightAligned())
                .AddColumn(new TableColumn("Pipeline").RightAligned())
                .AddColumn("Grade")
                .AddColumn("Headline");
            foreach (var (value, g) in report.Groups)
            {
                groups.AddRow(new Text(value), new Text(g.AccountCount.ToString(CultureInfo.InvariantCulture)), new Text(Formatting.Money(g.Arr)), new Text(Formatting.Money(g.Pipeline)), new Text(g.ReportCard.Grade), new Text(g.Headline));
            }

            console.Write(groups);
        }
    }

    private static Table Buckets(string first) => new Table().Border(TableBorder.Rounded)
        .AddColumn(first)
        .AddColumn(new TableColumn("Accounts").RightAligned())
        .AddColumn(new TableColumn("ARR").RightAligned())
        .AddColumn(new TableColumn("Opportunity").RightAligned());

    private static void AddBucket(Table table, IRenderable label, PortfolioBucket bucket)
        => table.AddRow(label, new Text(bucket.Count.ToString(CultureInfo.InvariantCulture)), new Text(Formatting.Money(bucket.Arr)), new Text(Formatting.Money(bucket.Opportunity)));
}

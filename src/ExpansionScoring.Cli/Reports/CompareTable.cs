using System.Globalization;
using ExpansionScoring.Cli.Output;
using Spectre.Console;

namespace ExpansionScoring.Cli.Reports;

/// <summary><c>compare --format table</c>: the bridge, the book's movements, the band migrations, every listed account with its summary, and the tasks.</summary>
internal static class CompareTable
{
    public static void Write(IAnsiConsole console, CompareReport report)
    {
        var c = report.Changes;
        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"What changed: {report.BeforeSource} as of {Formatting.Date(c.Before.AsOf)} → {report.AfterSource} as of {Formatting.Date(c.After.AsOf)}") + Environment.NewLine, new Style(decoration: Decoration.Bold)));

        var bridge = new Table().Border(TableBorder.Rounded).Title("Pipeline bridge")
            .AddColumn("Step")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Pipeline").RightAligned());
        bridge.AddRow(new Text("Before"), new Text(Count(c.Before.AccountCount)), new Text(Formatting.Money(c.Before.Pipeline)));
        bridge.AddRow(new Text("+ added"), new Text(Count(c.Added.Count)), new Text(Signed(c.PipelineFromAdded)));
        bridge.AddRow(new Text("− removed"), new Text(Count(c.Removed.Count)), new Text(Signed(c.PipelineFromRemoved)));
        bridge.AddRow(new Text("± re-scored"), new Text(Count(c.Before.AccountCount - c.Removed.Count)), new Text(Signed(c.PipelineFromRescored)));
        bridge.AddRow(new Text("After", new Style(decoration: Decoration.Bold)), new Text(Count(c.After.AccountCount)), new Text(Formatting.Money(c.After.Pipeline)));
        console.Write(bridge);

        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"{c.Promoted.Count} promoted · {c.Demoted.Count} demoted · {c.BecameHot.Count} became Hot · {c.LeftHot.Count} left Hot · {c.Added.Count} added · {c.Removed.Count} removed") + Environment.NewLine));
        foreach (var (label, ids) in new[] { ("Added", c.Added), ("Removed", c.Removed), ("Gate cleared", c.GateCleared), ("Gate blocked", c.GateBlocked) })
        {
            if (ids.Count > 0)
            {
                console.Write(new Text($"{label}: {string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? $", … ({ids.Count:N0} in all)" : string.Empty)}" + Environment.NewLine));
            }
        }

        var migration = new Table().Border(TableBorder.Rounded).Title("Band migration")
            .AddColumn("From")
            .AddColumn("To")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Opportunity after").RightAligned());
        foreach (var m in c.BandMigration)
        {
            migration.AddRow(new Text(m.From, Consoles.BandStyle(m.From)), new Text(m.To, Consoles.BandStyle(m.To)), new Text(Count(m.Count)), new Text(Formatting.Money(m.OpportunityAfter)));
        }

        console.Write(migration);

        var accounts = new Table().Border(TableBorder.Rounded).Title(c.Accounts.Count == 0 ? "No account changed" : "Accounts")
            .AddColumn("Account")
            .AddColumn("Band")
            .AddColumn(new TableColumn("Opportunity").RightAligned())
            .AddColumn("What changed");
        foreach (var a in c.Accounts)
        {
            accounts.AddRow(
                new Text(a.Name),
                new Text(a.BandChanged ? $"{a.BandBefore} → {a.BandAfter}" : a.BandAfter, Consoles.BandStyle(a.BandAfter)),
                new Text(a.OpportunityChanged ? $"{Formatting.Money(a.OpportunityBefore)} → {Formatting.Money(a.OpportunityAfter)}" : Formatting.Money(a.OpportunityAfter)),
                new Text(a.Summary));
        }

        console.Write(accounts);

        if (report.Tasks.Count > 0)
        {
            var tasks = new Table().Border(TableBorder.Rounded).Title("Tasks")
                .AddColumn("Due")
                .AddColumn("Account")
                .AddColumn("Event")
                .AddColumn("Action")
                .AddColumn("Owner")
                .AddColumn(new TableColumn("Opportunity").RightAligned());
            foreach (var t in report.Tasks)
            {
                tasks.AddRow(new Text(Formatting.Date(t.Due)), new Text(t.Name), new Text(t.Event), new Text(t.Action), new Text(t.Owner), new Text(Formatting.Money(t.Opportunity)));
            }

            console.Write(tasks);
        }
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Signed(double amount) => (amount > 0 ? "+" : amount < 0 ? "−" : string.Empty) + Formatting.Money(Math.Abs(amount));
}

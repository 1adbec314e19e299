using ExpansionScoring.Cli.Demo;
using ExpansionScoring.Cli.Output;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// <c>expansion-score</c> with no arguments: scores the built-in demo book under the default rules and prints one row
/// per account and the totals per band.
/// </summary>
internal static class DemoCommand
{
    public static int RunDefault(TextWriter stdout, CliEnvironment environment)
    {
        var asOf = environment.TodayUtc;
        var model = ScoringModel.Default;
        var console = Consoles.Create(stdout, environment.OutputIsTerminal, environment.TerminalWidth);
        using var writer = new TableResultWriter(console, asOf, [.. model.Bands.Select(b => b.Name)]);
        var book = DemoBook.Create(asOf);
        foreach (var account in book)
        {
            writer.WriteAccount(model.Explain(account, asOf));
        }

        writer.Complete(new RunSummary(book.Count, book.Count, 0, asOf, model.PresetFor(Segment.MidMarket).Name), []);
        stdout.Flush();
        return ExitCodes.Success;
    }
}
